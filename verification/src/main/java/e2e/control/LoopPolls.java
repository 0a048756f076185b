package e2e.control;

/**
 * Loops of every kind the rewriter treats differently for its safe-point polls, with no Stasis
 * calls: a loop nest whose innermost loops are short counted loops (no poll of their own; the
 * enclosing loops poll), a long loop without calls whose counter is a {@code long} (polls), and
 * a loop without calls and without a counter (polls). A checkpoint at any of their safe points
 * must resume at that very iteration.
 *
 * <p>Argument: how many iterations the loops without calls make (default 500).
 */
public final class LoopPolls {

    public static void main(String[] args) {
        int spins = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        double[][] a = matrix(6, 1);
        double[][] b = matrix(6, 2);
        double[][] c = multiply(a, b);
        System.out.println("product trace " + trace(c));
        System.out.println("long counter " + longCounter(spins));
        System.out.println("collatz steps " + collatzSteps(spins));
        System.out.println("downward sum " + downwardSum(a));
    }

    static double[][] matrix(int n, long seed) {
        double[][] m = new double[n][n];
        long x = seed;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
                m[i][j] = (x >>> 40) / 16.0;
            }
        }
        return m;
    }

    static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        double[][] c = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                double aik = a[i][k];
                for (int j = 0; j < n; j++) {
                    c[i][j] += aik * b[k][j];
                }
            }
        }
        return c;
    }

    static double trace(double[][] m) {
        double t = 0;
        for (int i = 0; i < m.length; i++) {
            t += m[i][i];
        }
        return t;
    }

    /** A long counter: not a short counted loop, so it polls although it makes no call. */
    static long longCounter(int n) {
        long h = 17;
        for (long i = 0; i < n; i++) {
            h = h * 31 + (i ^ (h >>> 7));
        }
        return h;
    }

    /** No counter at all: how long it runs depends on the data, so it polls. */
    static long collatzSteps(int n) {
        long steps = 0;
        for (int start = 1; start <= n; start++) {
            long x = start;
            while (x != 1) {
                x = (x & 1) == 0 ? x >>> 1 : 3 * x + 1;
                steps++;
            }
        }
        return steps;
    }

    /** Counting down to an array's length and to zero, with Math calls: short counted loops. */
    static double downwardSum(double[][] m) {
        double s = 0;
        for (int i = m.length - 1; i >= 0; i--) {
            for (int j = m[i].length; j != 0; j--) {
                s += Math.abs(m[i][j - 1]) + Math.max(i, j);
            }
        }
        return s;
    }
}
