package samples;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Places n queens on an n-by-n board so that none attacks another, for every board size up to
 * the argument, with two backtracking solvers that must agree: one over boolean arrays that
 * records every solution and reduces it to its canonical form under the board's eight symmetries
 * (counting the essentially different solutions), and one over bit masks that only counts.
 *
 * <p>Argument: largest board size (default 13; 12 runs in about half a second).
 */
public final class NQueens {

    /** A way of counting the solutions for one board size. */
    interface Solver {
        String name();

        long solve(int n);
    }

    /** Receives each solution found, as the column of the queen in each row. */
    interface SolutionSink {
        void accept(int[] columns);
    }

    /** Backtracking over occupied columns and diagonals, reporting every solution. */
    static final class ArraySolver implements Solver {
        private final SolutionSink sink;
        private int n;
        private int[] columns;
        private boolean[] usedColumns;
        private boolean[] usedDiagonals;
        private boolean[] usedAntiDiagonals;
        private long found;

        ArraySolver(SolutionSink sink) {
            this.sink = sink;
        }

        @Override
        public String name() {
            return "arrays";
        }

        @Override
        public long solve(int n) {
            this.n = n;
            columns = new int[n];
            usedColumns = new boolean[n];
            usedDiagonals = new boolean[2 * n];
            usedAntiDiagonals = new boolean[2 * n];
            found = 0;
            place(0);
            return found;
        }

        private void place(int row) {
            if (row == n) {
                found++;
                sink.accept(columns.clone());
                return;
            }
            for (int c = 0; c < n; c++) {
                int d = row - c + n;
                int a = row + c;
                if (!usedColumns[c] && !usedDiagonals[d] && !usedAntiDiagonals[a]) {
                    columns[row] = c;
                    usedColumns[c] = usedDiagonals[d] = usedAntiDiagonals[a] = true;
                    place(row + 1);
                    usedColumns[c] = usedDiagonals[d] = usedAntiDiagonals[a] = false;
                }
            }
        }
    }

    /** The classic bit-mask search: free squares of a row are what no queen above attacks. */
    static final class BitmaskSolver implements Solver {
        @Override
        public String name() {
            return "bitmask";
        }

        @Override
        public long solve(int n) {
            return count((1 << n) - 1, 0, 0, 0);
        }

        private long count(int all, int cols, int left, int right) {
            if (cols == all) {
                return 1;
            }
            long total = 0;
            int free = all & ~(cols | left | right);
            while (free != 0) {
                int bit = free & -free;
                free -= bit;
                total += count(all, cols | bit, (left | bit) << 1, (right | bit) >>> 1);
            }
            return total;
        }
    }

    /** Collects the canonical forms of solutions: the smallest of the eight symmetric images. */
    static final class SymmetryClasses implements SolutionSink {
        private final TreeSet<String> canonical = new TreeSet<>();
        private long checksum;

        @Override
        public void accept(int[] columns) {
            int n = columns.length;
            int[] best = null;
            int[] image = columns;
            for (int rotation = 0; rotation < 4; rotation++) {
                image = rotate(image);
                best = smaller(best, image);
                best = smaller(best, mirror(image));
            }
            canonical.add(Arrays.toString(best));
            checksum = checksum * 31 + Arrays.hashCode(columns) + n;
        }

        private static int[] rotate(int[] columns) {
            int n = columns.length;
            int[] out = new int[n];
            for (int row = 0; row < n; row++) {
                out[columns[row]] = n - 1 - row;
            }
            return out;
        }

        private static int[] mirror(int[] columns) {
            int n = columns.length;
            int[] out = new int[n];
            for (int row = 0; row < n; row++) {
                out[row] = n - 1 - columns[row];
            }
            return out;
        }

        private static int[] smaller(int[] a, int[] b) {
            return a == null || Arrays.compare(b, a) < 0 ? b : a;
        }

        int distinct() {
            return canonical.size();
        }

        String first() {
            return canonical.isEmpty() ? "-" : canonical.first();
        }

        void clear() {
            canonical.clear();
        }
    }

    public static void main(String[] args) {
        int largest = args.length > 0 ? Integer.parseInt(args[0]) : 13;
        SymmetryClasses classes = new SymmetryClasses();
        List<Solver> solvers = List.of(new ArraySolver(classes), new BitmaskSolver());
        System.out.println("n-queens for boards 1 to " + largest + " with "
                + solvers.stream().map(Solver::name).toList());
        List<Long> counts = new ArrayList<>();
        for (int n = 1; n <= largest; n++) {
            classes.clear();
            long[] results = new long[solvers.size()];
            for (int s = 0; s < solvers.size(); s++) {
                results[s] = solvers.get(s).solve(n);
            }
            boolean agree = Arrays.stream(results).allMatch(r -> r == results[0]);
            counts.add(results[0]);
            System.out.println("n=" + n + " solutions " + results[0] + " distinct " + classes.distinct()
                    + (agree ? "" : " SOLVERS DISAGREE " + Arrays.toString(results)) + " first " + classes.first());
        }
        long checksum = classes.checksum;
        for (long c : counts) {
            checksum = checksum * 1_000_003 + c;
        }
        System.out.println("checksum: " + Long.toHexString(checksum));
    }
}
