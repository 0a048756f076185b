package e2e.triggers;

import dev.stasis.Stasis;
import java.util.ArrayList;
import java.util.List;

/**
 * A request that can never be honoured: the program stays under the JDK frame of
 * {@code ArrayList.forEach} (sleeping, and passing safe points that must decline) for about three
 * seconds, longer than the request's timeout. The request is abandoned with a message naming the
 * thread and the frame; no checkpoint is written, and the program is not disturbed.
 *
 * <p>Argument: {@code request} to make the request itself inside the forEach, or {@code wait} to
 * leave it to a trigger from outside (a signal).
 */
public final class BlockedInForEach {

    public static void main(String[] args) {
        List<Integer> elements = new ArrayList<>(List.of(0, 1, 2, 3, 4));
        long[] acc = {3};
        elements.forEach(x -> {
            if (x == 0 && args[0].equals("request")) {
                Stasis.requestCheckpoint();
            }
            acc[0] = ForEachThenLoop.spin(acc[0], 10_000);
            System.out.println("element " + x + " acc " + acc[0] % 100_000);
            sleep(600);
        });
        for (int i = 0; i < 3; i++) {
            acc[0] = ForEachThenLoop.spin(acc[0], 1_000);
            System.out.println("after forEach " + i + " acc " + acc[0] % 100_000);
        }
        System.out.println("done " + Long.toHexString(acc[0]));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
