package bench.workloads;

/** Dense matrix product, the textbook triple loop over row-major arrays: loops with array work. */
public final class MatrixMultiply {

    private MatrixMultiply() {
    }

    /** A deterministic n-by-n matrix. */
    public static double[][] matrix(int n, long seed) {
        double[][] m = new double[n][n];
        long x = seed;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
                m[i][j] = (x >>> 11) * 0x1.0p-53 - 0.5;
            }
        }
        return m;
    }

    public static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        int p = b.length;
        int q = b[0].length;
        double[][] c = new double[n][q];
        for (int i = 0; i < n; i++) {
            double[] ci = c[i];
            double[] ai = a[i];
            for (int k = 0; k < p; k++) {
                double aik = ai[k];
                double[] bk = b[k];
                for (int j = 0; j < q; j++) {
                    ci[j] += aik * bk[j];
                }
            }
        }
        return c;
    }

    public static double trace(double[][] m) {
        double t = 0;
        for (int i = 0; i < m.length; i++) {
            t += m[i][i];
        }
        return t;
    }
}
