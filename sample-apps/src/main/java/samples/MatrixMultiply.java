package samples;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Repeated dense matrix products of doubles, computed by a cache-blocked kernel and cross-checked
 * on sampled entries against a naive kernel: a power iteration {@code v <- normalize(A * v)} over
 * whole matrices, the way a numerical library would estimate a dominant eigenvalue block by block.
 *
 * <p>Only {@code +}, {@code *} and {@code /} on doubles are used, which Java defines bit for bit
 * on every CPU and JDK, so the printed bits are portable.
 *
 * <p>Argument: matrix dimension (default 560; 360 runs in about half a second).
 */
public final class MatrixMultiply {

    /** A dense row-major matrix. */
    static final class Matrix {
        final int rows;
        final int cols;
        final double[] data;

        Matrix(int rows, int cols) {
            this.rows = rows;
            this.cols = cols;
            this.data = new double[rows * cols];
        }

        double get(int r, int c) {
            return data[r * cols + c];
        }

        void set(int r, int c, double value) {
            data[r * cols + c] = value;
        }

        static Matrix random(int rows, int cols, Random random) {
            Matrix m = new Matrix(rows, cols);
            for (int i = 0; i < m.data.length; i++) {
                m.data[i] = random.nextInt(2001) / 1000.0 - 1.0;
            }
            return m;
        }

        double frobeniusSquared() {
            double sum = 0;
            for (double v : data) {
                sum += v * v;
            }
            return sum;
        }

        /** Divides every entry by the largest absolute entry, so repeated products stay finite. */
        double normalize() {
            double max = 0;
            for (double v : data) {
                max = StrictMath.max(max, StrictMath.abs(v));
            }
            if (max > 0) {
                for (int i = 0; i < data.length; i++) {
                    data[i] /= max;
                }
            }
            return max;
        }

        long bits() {
            long h = 17;
            for (double v : data) {
                h = h * 31 + Double.doubleToLongBits(v);
            }
            return h;
        }
    }

    /** A matrix product algorithm. */
    interface Multiplier {
        String name();

        Matrix multiply(Matrix a, Matrix b);
    }

    /** The textbook triple loop, used as the reference on sampled entries. */
    static final class NaiveMultiplier implements Multiplier {
        @Override
        public String name() {
            return "naive";
        }

        @Override
        public Matrix multiply(Matrix a, Matrix b) {
            Matrix c = new Matrix(a.rows, b.cols);
            for (int i = 0; i < a.rows; i++) {
                for (int j = 0; j < b.cols; j++) {
                    c.set(i, j, entry(a, b, i, j));
                }
            }
            return c;
        }

        static double entry(Matrix a, Matrix b, int i, int j) {
            double sum = 0;
            for (int k = 0; k < a.cols; k++) {
                sum += a.get(i, k) * b.get(k, j);
            }
            return sum;
        }
    }

    /**
     * Multiplies tile by tile so that the working set of the inner loops stays in cache; the
     * k dimension is walked in the same order as the naive product, so results agree bit for bit.
     */
    static final class BlockedMultiplier implements Multiplier {
        private final int block;

        BlockedMultiplier(int block) {
            this.block = block;
        }

        @Override
        public String name() {
            return "blocked(" + block + ")";
        }

        @Override
        public Matrix multiply(Matrix a, Matrix b) {
            Matrix c = new Matrix(a.rows, b.cols);
            for (int kk = 0; kk < a.cols; kk += block) {
                for (int ii = 0; ii < a.rows; ii += block) {
                    for (int jj = 0; jj < b.cols; jj += block) {
                        tile(a, b, c, ii, jj, kk);
                    }
                }
            }
            return c;
        }

        private void tile(Matrix a, Matrix b, Matrix c, int ii, int jj, int kk) {
            int iEnd = Math.min(ii + block, a.rows);
            int jEnd = Math.min(jj + block, b.cols);
            int kEnd = Math.min(kk + block, a.cols);
            double[] ad = a.data;
            double[] bd = b.data;
            double[] cd = c.data;
            for (int i = ii; i < iEnd; i++) {
                int cRow = i * c.cols;
                for (int k = kk; k < kEnd; k++) {
                    double aik = ad[i * a.cols + k];
                    int bRow = k * b.cols;
                    for (int j = jj; j < jEnd; j++) {
                        cd[cRow + j] += aik * bd[bRow + j];
                    }
                }
            }
        }
    }

    /** The outcome of one power-iteration step. */
    record Step(int round, double scale, double energy, long bits) {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 560;
        int rounds = 12;
        Random random = new Random(20261126L);
        Matrix a = Matrix.random(n, n, random);
        Matrix v = Matrix.random(n, n, random);
        Multiplier fast = new BlockedMultiplier(32);
        Multiplier reference = new NaiveMultiplier();
        System.out.println("multiplying " + n + "x" + n + " matrices, " + rounds + " rounds, " + fast.name()
                + " checked against " + reference.name());

        List<Step> steps = new ArrayList<>();
        long mismatches = 0;
        for (int round = 1; round <= rounds; round++) {
            Matrix next = fast.multiply(a, v);
            mismatches += spotCheck(a, v, next, random, 16);
            double scale = next.normalize();
            Step step = new Step(round, scale, next.frobeniusSquared(), next.bits());
            steps.add(step);
            System.out.println("round " + round + " scale " + Long.toHexString(Double.doubleToLongBits(scale))
                    + " energy " + Long.toHexString(Double.doubleToLongBits(step.energy()))
                    + " bits " + Long.toHexString(step.bits()));
            v = next;
        }
        double trace = 0;
        for (int i = 0; i < n; i++) {
            trace += v.get(i, i);
        }
        long checksum = steps.stream().mapToLong(Step::bits).reduce(mismatches, (x, y) -> x * 1_000_003 + y);
        System.out.println("mismatches " + mismatches + " trace bits " + Long.toHexString(Double.doubleToLongBits(trace)));
        System.out.println("checksum: " + Long.toHexString(checksum ^ Double.doubleToLongBits(trace)));
    }

    /** Recomputes a few random entries the naive way and counts those that differ. */
    private static long spotCheck(Matrix a, Matrix b, Matrix c, Random random, int samples) {
        long bad = 0;
        for (int s = 0; s < samples; s++) {
            int i = random.nextInt(c.rows);
            int j = random.nextInt(c.cols);
            if (Double.doubleToLongBits(NaiveMultiplier.entry(a, b, i, j)) != Double.doubleToLongBits(c.get(i, j))) {
                bad++;
            }
        }
        return bad;
    }
}
