package samples;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Heat spreading over a metal plate: an explicit finite-difference time-step loop over a 2-D grid
 * with heat sources (fixed, pulsing, moving), boundary conditions (cooled edges, insulated ones
 * from half-time on) and probes that sample the temperature as the simulation runs. Double
 * buffers are swapped every step.
 *
 * <p>Doubles are combined with {@code +}, {@code -}, {@code *} and {@code /} only, plus
 * {@link StrictMath#sin}, so every JVM computes the same bits.
 *
 * <p>Argument: number of time steps (default 20000; 4000 runs in about half a second).
 */
public final class HeatDiffusion {

    /** A square grid of temperatures with a one-cell border that holds the boundary values. */
    static final class Grid {
        final int size;
        final double[][] cells;

        Grid(int size) {
            this.size = size;
            this.cells = new double[size + 2][size + 2];
        }

        double totalHeat() {
            double sum = 0;
            for (int i = 1; i <= size; i++) {
                for (int j = 1; j <= size; j++) {
                    sum += cells[i][j];
                }
            }
            return sum;
        }

        double hottest() {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 1; i <= size; i++) {
                for (double v : cells[i]) {
                    max = StrictMath.max(max, v);
                }
            }
            return max;
        }
    }

    /** Adds heat to the grid before a step. */
    interface HeatSource {
        void apply(Grid grid, long step);
    }

    /** Holds one cell at a fixed temperature, like a soldering iron touching the plate. */
    record FixedSource(int row, int col, double temperature) implements HeatSource {
        @Override
        public void apply(Grid grid, long step) {
            grid.cells[row][col] = temperature;
        }
    }

    /** Adds heat periodically, like a burner switched on and off. */
    record PulsingSource(int row, int col, double power, int period) implements HeatSource {
        @Override
        public void apply(Grid grid, long step) {
            double phase = 2 * StrictMath.PI * (step % period) / period;
            grid.cells[row][col] += power * StrictMath.max(0, StrictMath.sin(phase));
        }
    }

    /** A torch moving along a diagonal, bouncing off the edges of the plate. */
    static final class MovingSource implements HeatSource {
        private final double power;
        private int row;
        private int col;
        private int dRow;
        private int dCol;

        MovingSource(double power, int row, int col, int dRow, int dCol) {
            this.power = power;
            this.row = row;
            this.col = col;
            this.dRow = dRow;
            this.dCol = dCol;
        }

        @Override
        public void apply(Grid grid, long step) {
            grid.cells[row][col] += power;
            if (step % 4 == 0) {
                if (row + dRow < 1 || row + dRow > grid.size) {
                    dRow = -dRow;
                }
                if (col + dCol < 1 || col + dCol > grid.size) {
                    dCol = -dCol;
                }
                row += dRow;
                col += dCol;
            }
        }
    }

    /** Sets the border cells before a step. */
    interface Boundary {
        void apply(Grid grid);
    }

    /** Edges held at ambient temperature: heat leaks out. */
    record CooledEdges(double ambient) implements Boundary {
        @Override
        public void apply(Grid grid) {
            for (int k = 0; k <= grid.size + 1; k++) {
                grid.cells[0][k] = ambient;
                grid.cells[grid.size + 1][k] = ambient;
                grid.cells[k][0] = ambient;
                grid.cells[k][grid.size + 1] = ambient;
            }
        }
    }

    /** Edges that mirror their neighbours: no heat crosses them. */
    static final class InsulatedEdges implements Boundary {
        @Override
        public void apply(Grid grid) {
            int n = grid.size;
            for (int k = 1; k <= n; k++) {
                grid.cells[0][k] = grid.cells[1][k];
                grid.cells[n + 1][k] = grid.cells[n][k];
                grid.cells[k][0] = grid.cells[k][1];
                grid.cells[k][n + 1] = grid.cells[k][n];
            }
        }
    }

    /** Records the temperature of one cell at every sample. */
    static final class Probe {
        final String name;
        final int row;
        final int col;
        final List<Double> samples = new ArrayList<>();

        Probe(String name, int row, int col) {
            this.name = name;
            this.row = row;
            this.col = col;
        }

        void sample(Grid grid) {
            samples.add(grid.cells[row][col]);
        }

        double average() {
            // reduce, not sum(): DoubleStream.sum() compensates rounding differently on JDK 17 and 18+
            return samples.stream().mapToDouble(Double::doubleValue).reduce(0, Double::sum) / samples.size();
        }
    }

    /** The simulation: a grid, its sources and boundary, advanced one explicit step at a time. */
    static final class Simulation {
        private final double alpha;
        private final List<HeatSource> sources;
        private Boundary boundary;
        private Grid current;
        private Grid next;

        Simulation(int size, double alpha, List<HeatSource> sources, Boundary boundary) {
            this.alpha = alpha;
            this.sources = sources;
            this.boundary = boundary;
            this.current = new Grid(size);
            this.next = new Grid(size);
        }

        Grid grid() {
            return current;
        }

        void setBoundary(Boundary boundary) {
            this.boundary = boundary;
        }

        void step(long t) {
            for (HeatSource source : sources) {
                source.apply(current, t);
            }
            boundary.apply(current);
            double[][] u = current.cells;
            double[][] v = next.cells;
            for (int i = 1; i <= current.size; i++) {
                double[] up = u[i - 1];
                double[] row = u[i];
                double[] down = u[i + 1];
                double[] out = v[i];
                for (int j = 1; j <= current.size; j++) {
                    double laplacian = up[j] + down[j] + row[j - 1] + row[j + 1] - 4 * row[j];
                    out[j] = row[j] + alpha * laplacian;
                }
            }
            Grid swap = current;
            current = next;
            next = swap;
        }
    }

    public static void main(String[] args) {
        long steps = args.length > 0 ? Long.parseLong(args[0]) : 20000;
        int size = 256;
        Random random = new Random(77L);
        List<HeatSource> sources = new ArrayList<>();
        sources.add(new FixedSource(size / 2, size / 2, 400));
        for (int s = 0; s < 5; s++) {
            sources.add(new PulsingSource(1 + random.nextInt(size), 1 + random.nextInt(size), 40 + random.nextInt(60),
                    50 + random.nextInt(200)));
        }
        sources.add(new MovingSource(25, 1, 1, 1, 2));
        Simulation simulation = new Simulation(size, 0.2, sources, new CooledEdges(20));
        List<Probe> probes = List.of(new Probe("centre", size / 2 + 3, size / 2 + 3), new Probe("corner", 4, 4),
                new Probe("edge", size / 2, size));
        long report = Math.max(1, steps / 20);
        System.out.println("simulating " + size + "x" + size + " plate for " + steps + " steps, "
                + sources.size() + " sources, cooled edges, insulated after half-time");
        for (long t = 1; t <= steps; t++) {
            if (t == steps / 2) {
                simulation.setBoundary(new InsulatedEdges());
            }
            simulation.step(t);
            if (t % 10 == 0) {
                for (Probe probe : probes) {
                    probe.sample(simulation.grid());
                }
            }
            if (t % report == 0 || t == steps) {
                Grid g = simulation.grid();
                System.out.println("step " + t + " heat " + Long.toHexString(Double.doubleToLongBits(g.totalHeat()))
                        + " hottest " + Long.toHexString(Double.doubleToLongBits(g.hottest())));
            }
        }
        long checksum = Double.doubleToLongBits(simulation.grid().totalHeat());
        for (Probe probe : probes) {
            double avg = probe.samples.isEmpty() ? 0 : probe.average();
            System.out.println("probe " + probe.name + " samples " + probe.samples.size()
                    + " average " + Long.toHexString(Double.doubleToLongBits(avg)));
            checksum = checksum * 31 + Double.doubleToLongBits(avg);
        }
        System.out.println("checksum: " + Long.toHexString(checksum));
    }
}
