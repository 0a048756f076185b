package e2e.crash;

import java.util.ArrayList;
import java.util.List;

/**
 * A deterministic computation over a large heap: a million or so small objects, each with a
 * string of its own, so that a checkpoint file is tens of megabytes and writing it takes a while.
 * Each step changes part of the heap and prints a digest of all of it, so a restore from a file
 * that lost or mixed anything prints a wrong line.
 *
 * <p>Arguments: steps, milliseconds of sleep per step, cells to start with, cells added per step.
 */
public final class HeapChurn {

    /** One object of the large heap. */
    static final class Cell {
        long value;
        final String label;

        Cell(long value, String label) {
            this.value = value;
            this.label = label;
        }
    }

    public static void main(String[] args) throws InterruptedException {
        int steps = Integer.parseInt(args[0]);
        long sleepMillis = Long.parseLong(args[1]);
        int cells = Integer.parseInt(args[2]);
        int growth = Integer.parseInt(args[3]);
        List<Cell> heap = new ArrayList<>();
        long seed = 42;
        seed = grow(heap, cells, seed);
        for (int step = 1; step <= steps; step++) {
            seed = grow(heap, growth, seed);
            for (int k = step % 7; k < heap.size(); k += 7) {
                Cell c = heap.get(k);
                c.value = c.value * 31 + step;
            }
            long digest = 17;
            for (int k = 0; k < heap.size(); k++) {
                Cell c = heap.get(k);
                digest = digest * 1_000_003 + c.value + c.label.length();
            }
            System.out.println("step " + step + " cells " + heap.size() + " digest " + Long.toHexString(digest));
            Thread.sleep(sleepMillis);
        }
        System.out.println("done");
    }

    private static long grow(List<Cell> heap, int count, long seed) {
        long x = seed;
        for (int k = 0; k < count; k++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            heap.add(new Cell(x >>> 11, "cell-" + (x >>> 40)));
        }
        return x;
    }
}
