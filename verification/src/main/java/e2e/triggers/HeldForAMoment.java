package e2e.triggers;

import dev.stasis.Stasis;
import java.lang.invoke.MethodHandles;

/**
 * A checkpoint requested while a frame holds what cannot be checkpointed (a {@code
 * MethodHandles.Lookup}: bound to this JVM) and keeps holding it for {@code args[0]} ms of work
 * that passes safe points; then the program goes on without it, sleeping 2 ms a step, for as many
 * steps as {@code args[1]} says. The output does not depend on when the checkpoint is taken.
 */
public final class HeldForAMoment {

    public static final String HOLDING = "holding a lookup";

    public static void main(String[] args) throws InterruptedException {
        long holdMillis = Long.parseLong(args[0]);
        int steps = Integer.parseInt(args[1]);
        long acc = 7;
        System.out.println(HOLDING);
        acc += holding(holdMillis);
        System.out.println("released");
        for (int i = 0; i < steps; i++) {
            acc = ForEachThenLoop.spin(acc, 1_000 + i);
            Thread.sleep(2);
            if (i % 50 == 0) {
                System.out.println("step " + i + " acc " + acc % 100_000);
            }
        }
        System.out.println("done " + Long.toHexString(acc));
    }

    private static long holding(long millis) {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        Stasis.requestCheckpoint();
        long end = System.nanoTime() + millis * 1_000_000;
        long x = 1;
        while (System.nanoTime() < end) {
            x = ForEachThenLoop.spin(x, 100);
        }
        return lookup.lookupClass().getSimpleName().length();
    }
}
