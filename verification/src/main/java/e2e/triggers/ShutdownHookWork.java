package e2e.triggers;

/**
 * A program whose main ends at once and whose shutdown hook then works for a second and a half
 * in instrumented code: checkpoints taken by {@code interval=} while the JVM shuts down could
 * capture only the hook's thread, and such a file, the newest, would restore nothing but the hook
 * (its base would be taken for the program's main). None may be written.
 */
public final class ShutdownHookWork {

    public static void main(String[] args) {
        Runtime.getRuntime().addShutdownHook(new Thread(ShutdownHookWork::flush, "flush-on-exit"));
        System.out.println("main done");
    }

    private static void flush() {
        long sum = 0;
        long end = System.nanoTime() + 1_500_000_000L;
        while (System.nanoTime() < end) {
            sum += step(sum);
        }
        System.out.println("hook done " + (sum != 0));
    }

    private static long step(long x) {
        return (x * 31 + 7) % 1_000_003 + 1;
    }
}
