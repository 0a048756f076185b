package e2e.triggers;

import dev.stasis.Checkpoint;

/**
 * Busy checkpoint points thinned by their annotation. {@code every}: a method annotated
 * {@code @Checkpoint(every = 3)} entered ten times, so checkpoints at entries 3, 6 and 9.
 * {@code interval}: a method annotated {@code @Checkpoint(minIntervalMillis = 700)} entered twenty
 * times 100 ms apart, so a checkpoint at the first entry and then about one every 700 ms.
 *
 * <p>Argument: {@code every} or {@code interval}.
 */
public final class ThinnedCheckpoints {

    public static final int EVERY = 3;
    public static final int EVERY_ENTRIES = 10;
    public static final long MIN_INTERVAL_MILLIS = 700;
    public static final int INTERVAL_ENTRIES = 20;
    public static final long INTERVAL_SLEEP_MILLIS = 100;

    public static void main(String[] args) throws InterruptedException {
        long total = 0;
        if (args[0].equals("every")) {
            for (int i = 1; i <= EVERY_ENTRIES; i++) {
                total += everyThird(i, total);
            }
        } else {
            for (int i = 1; i <= INTERVAL_ENTRIES; i++) {
                total += notTooOften(i, total);
                Thread.sleep(INTERVAL_SLEEP_MILLIS);
            }
        }
        System.out.println("total " + total);
    }

    @Checkpoint(every = EVERY)
    static long everyThird(int i, long soFar) {
        System.out.println("entry " + i + " soFar " + soFar);
        return i * 7L + soFar % 13;
    }

    @Checkpoint(minIntervalMillis = MIN_INTERVAL_MILLIS)
    static long notTooOften(int i, long soFar) {
        System.out.println("entry " + i + " soFar " + soFar);
        return i * 11L + soFar % 17;
    }
}
