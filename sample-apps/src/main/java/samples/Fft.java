package samples;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Fast Fourier transforms at work on two jobs: multiplying large integers by convolving their
 * digit sequences (checked exactly against schoolbook multiplication on a prefix), and low-pass
 * filtering a noisy seeded signal (forward transform, drop high frequencies, inverse transform).
 * The transform is the recursive radix-2 Cooley-Tukey algorithm over {@link Complex} values,
 * with twiddle factors from {@link StrictMath}, whose results are the same bits on every JVM.
 *
 * <p>Argument: number of jobs (default 800; 60 runs in about 0.7 s).
 */
public final class Fft {

    /** An immutable complex number. */
    record Complex(double re, double im) {
        static final Complex ZERO = new Complex(0, 0);

        Complex plus(Complex o) {
            return new Complex(re + o.re, im + o.im);
        }

        Complex minus(Complex o) {
            return new Complex(re - o.re, im - o.im);
        }

        Complex times(Complex o) {
            return new Complex(re * o.re - im * o.im, re * o.im + im * o.re);
        }

        Complex conjugate() {
            return new Complex(re, -im);
        }

        Complex scale(double f) {
            return new Complex(re * f, im * f);
        }

        static Complex polar(double angle) {
            return new Complex(StrictMath.cos(angle), StrictMath.sin(angle));
        }
    }

    /** Radix-2 transforms of power-of-two lengths, with twiddle tables cached per length. */
    static final class Transform {
        private final List<Complex[]> twiddles = new ArrayList<>();

        Complex[] forward(Complex[] x) {
            return recurse(x, twiddleTable(x.length), 1);
        }

        /** The inverse transform through conjugation: ifft(x) = conj(fft(conj(x))) / n. */
        Complex[] inverse(Complex[] x) {
            Complex[] conj = new Complex[x.length];
            for (int i = 0; i < x.length; i++) {
                conj[i] = x[i].conjugate();
            }
            Complex[] y = forward(conj);
            double scale = 1.0 / x.length;
            for (int i = 0; i < y.length; i++) {
                y[i] = y[i].conjugate().scale(scale);
            }
            return y;
        }

        /** The twiddles of length n: table[k] = exp(-2 pi i k / n), computed once per size. */
        private Complex[] twiddleTable(int n) {
            for (Complex[] table : twiddles) {
                if (table.length == n) {
                    return table;
                }
            }
            Complex[] table = new Complex[n];
            for (int k = 0; k < n; k++) {
                table[k] = Complex.polar(-2 * StrictMath.PI * k / n);
            }
            twiddles.add(table);
            return table;
        }

        /** Transforms x, whose length is n / stride, using every stride-th entry of the table. */
        private Complex[] recurse(Complex[] x, Complex[] table, int stride) {
            int n = x.length;
            if (n == 1) {
                return new Complex[] {x[0]};
            }
            Complex[] even = new Complex[n / 2];
            Complex[] odd = new Complex[n / 2];
            for (int i = 0; i < n / 2; i++) {
                even[i] = x[2 * i];
                odd[i] = x[2 * i + 1];
            }
            Complex[] e = recurse(even, table, stride * 2);
            Complex[] o = recurse(odd, table, stride * 2);
            Complex[] y = new Complex[n];
            for (int k = 0; k < n / 2; k++) {
                Complex t = table[k * stride].times(o[k]);
                y[k] = e[k].plus(t);
                y[k + n / 2] = e[k].minus(t);
            }
            return y;
        }
    }

    /** One unit of work; the result is a fingerprint of what it computed. */
    interface Job {
        String describe();

        long run(Transform fft);
    }

    /** Multiplies two random base-10000 numbers by convolution and checks a prefix exactly. */
    static final class BigMultiplication implements Job {
        private final int[] a;
        private final int[] b;

        BigMultiplication(Random random, int limbs) {
            a = randomLimbs(random, limbs);
            b = randomLimbs(random, limbs);
        }

        private static int[] randomLimbs(Random random, int limbs) {
            int[] digits = new int[limbs];
            for (int i = 0; i < limbs; i++) {
                digits[i] = random.nextInt(10_000);
            }
            return digits;
        }

        @Override
        public String describe() {
            return "multiply " + a.length + "x" + b.length + " limbs";
        }

        @Override
        public long run(Transform fft) {
            int n = Integer.highestOneBit(a.length + b.length - 1) * 2;
            Complex[] fa = fft.forward(pad(a, n));
            Complex[] fb = fft.forward(pad(b, n));
            Complex[] product = new Complex[n];
            for (int i = 0; i < n; i++) {
                product[i] = fa[i].times(fb[i]);
            }
            Complex[] conv = fft.inverse(product);
            long[] limbs = new long[a.length + b.length];
            for (int i = 0; i < limbs.length - 1; i++) {
                limbs[i] = StrictMath.round(conv[i].re());
            }
            long errors = verifyPrefix(limbs, 64);
            carry(limbs);
            long h = errors;
            for (long limb : limbs) {
                h = h * 10_007 + limb;
            }
            return h;
        }

        private static Complex[] pad(int[] digits, int n) {
            Complex[] x = new Complex[n];
            for (int i = 0; i < n; i++) {
                x[i] = i < digits.length ? new Complex(digits[i], 0) : Complex.ZERO;
            }
            return x;
        }

        /** Counts the first limbs where the convolution differs from the exact schoolbook sum. */
        private long verifyPrefix(long[] limbs, int count) {
            long errors = 0;
            for (int k = 0; k < count && k < limbs.length - 1; k++) {
                long exact = 0;
                for (int i = StrictMath.max(0, k - b.length + 1); i <= k && i < a.length; i++) {
                    exact += (long) a[i] * b[k - i];
                }
                if (exact != limbs[k]) {
                    errors++;
                }
            }
            return errors;
        }

        private static void carry(long[] limbs) {
            long c = 0;
            for (int i = 0; i < limbs.length; i++) {
                long v = limbs[i] + c;
                limbs[i] = v % 10_000;
                c = v / 10_000;
            }
        }
    }

    /** Removes the upper part of the spectrum of a noisy sum of sines. */
    static final class LowPassFilter implements Job {
        private final double[] signal;
        private final int cutoff;

        LowPassFilter(Random random, int length, int cutoff) {
            this.signal = new double[length];
            this.cutoff = cutoff;
            for (int i = 0; i < length; i++) {
                double t = (double) i / length;
                signal[i] = StrictMath.sin(2 * StrictMath.PI * 3 * t) + 0.5 * StrictMath.sin(2 * StrictMath.PI * 17 * t)
                        + (random.nextInt(2001) - 1000) / 4000.0;
            }
        }

        @Override
        public String describe() {
            return "low-pass " + signal.length + " samples below " + cutoff;
        }

        @Override
        public long run(Transform fft) {
            Complex[] x = new Complex[signal.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = new Complex(signal[i], 0);
            }
            Complex[] spectrum = fft.forward(x);
            double removed = 0;
            for (int k = cutoff; k <= spectrum.length - cutoff; k++) {
                removed += spectrum[k].re() * spectrum[k].re() + spectrum[k].im() * spectrum[k].im();
                spectrum[k] = Complex.ZERO;
            }
            Complex[] filtered = fft.inverse(spectrum);
            long h = Double.doubleToLongBits(removed);
            for (Complex c : filtered) {
                h = h * 31 + Double.doubleToLongBits(c.re());
            }
            return h;
        }
    }

    public static void main(String[] args) {
        int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 800;
        Random random = new Random(4242L);
        List<Job> queue = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            queue.add(i % 3 == 2 ? new LowPassFilter(random, 4096, 24 + i % 16)
                    : new BigMultiplication(random, 1500 + random.nextInt(1000)));
        }
        System.out.println("running " + jobs + " FFT jobs");
        Transform fft = new Transform();
        int every = Math.max(1, jobs / 24);
        long checksum = 0;
        int index = 0;
        for (Job job : queue) {
            long result = job.run(fft);
            checksum = checksum * 1_000_003 + result;
            if (index % every == 0 || index == jobs - 1) {
                System.out.println("job " + index + " " + job.describe() + " -> " + Long.toHexString(result));
            }
            index++;
        }
        System.out.println("checksum: " + Long.toHexString(checksum));
    }
}
