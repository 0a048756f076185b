package e2e.triggers;

import java.util.ArrayList;
import java.util.List;

/**
 * An application that knows nothing of Stasis: a deterministic computation in steps, each followed
 * by a short sleep so that a run lasts long enough for time-based triggers (interval, signal,
 * attach, JMX) to reach it. Every step prints one line and the last line is a checksum of all the
 * state, so a restore that loses or repeats anything shows.
 *
 * <p>Arguments: steps, milliseconds of sleep per step.
 */
public final class Ticker {

    /** The state kept on the heap across steps: what a checkpoint has to carry. */
    static final class Ledger {
        final List<Long> entries = new ArrayList<>();
        long balance = 17;

        void record(long value) {
            entries.add(value);
            balance = balance * 31 + value;
        }
    }

    public static void main(String[] args) throws InterruptedException {
        int steps = Integer.parseInt(args[0]);
        long sleepMillis = Long.parseLong(args[1]);
        Ledger ledger = new Ledger();
        long seed = 12345;
        for (int step = 1; step <= steps; step++) {
            seed = mix(seed, step);
            ledger.record(seed % 1000);
            System.out.println("step " + step + " value " + seed % 1000 + " balance " + ledger.balance);
            Thread.sleep(sleepMillis);
        }
        long sum = 0;
        for (long e : ledger.entries) {
            sum += e;
        }
        System.out.println("checksum " + Long.toHexString(ledger.balance) + " sum " + sum);
    }

    /** Some arithmetic per step, in a loop: safe points where the checkpoint is usually taken. */
    static long mix(long seed, int step) {
        long x = seed;
        for (int k = 0; k < 20_000 + step; k++) {
            x = (x * 6364136223846793005L + 1442695040888963407L) >>> 1;
        }
        return x;
    }
}
