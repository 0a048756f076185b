package bench.workloads;

/** Recursive radix-2 Cooley-Tukey FFT on separate real and imaginary arrays: recursion and loops. */
public final class Fft {

    private Fft() {
    }

    /** A deterministic signal of {@code n} samples (n a power of two). */
    public static double[] signal(int n) {
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = Math.sin(2 * Math.PI * 5 * i / n) + 0.5 * Math.cos(2 * Math.PI * 37 * i / n);
        }
        return s;
    }

    /** The spectrum's energy, so the whole transform is used. */
    public static double energy(double[] signal) {
        double[] re = signal.clone();
        double[] im = new double[signal.length];
        transform(re, im);
        double e = 0;
        for (int i = 0; i < re.length; i++) {
            e += re[i] * re[i] + im[i] * im[i];
        }
        return e;
    }

    static void transform(double[] re, double[] im) {
        int n = re.length;
        if (n == 1) {
            return;
        }
        int half = n / 2;
        double[] evenRe = new double[half];
        double[] evenIm = new double[half];
        double[] oddRe = new double[half];
        double[] oddIm = new double[half];
        for (int i = 0; i < half; i++) {
            evenRe[i] = re[2 * i];
            evenIm[i] = im[2 * i];
            oddRe[i] = re[2 * i + 1];
            oddIm[i] = im[2 * i + 1];
        }
        transform(evenRe, evenIm);
        transform(oddRe, oddIm);
        for (int k = 0; k < half; k++) {
            double angle = -2 * Math.PI * k / n;
            double c = Math.cos(angle);
            double s = Math.sin(angle);
            double tRe = c * oddRe[k] - s * oddIm[k];
            double tIm = s * oddRe[k] + c * oddIm[k];
            re[k] = evenRe[k] + tRe;
            im[k] = evenIm[k] + tIm;
            re[k + half] = evenRe[k] - tRe;
            im[k + half] = evenIm[k] - tIm;
        }
    }
}
