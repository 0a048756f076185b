package e2e.triggers;

import dev.stasis.Stasis;
import java.util.ArrayList;
import java.util.List;

/**
 * A request made while the stack cannot be captured: it is asked for inside a lambda run by
 * {@code ArrayList.forEach} (a JDK frame lies below), whose busy loop passes many safe points that
 * must all decline. The checkpoint is taken at the first safe point of the plain loop that
 * follows, so everything up to {@link #PHASE_ONE_DONE} is printed before it.
 */
public final class ForEachThenLoop {

    public static final String PHASE_ONE_DONE = "forEach phase done";

    public static void main(String[] args) {
        List<Integer> elements = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            elements.add(i);
        }
        long[] acc = {7};
        elements.forEach(x -> {
            if (x == 0) {
                Stasis.requestCheckpoint();
            }
            acc[0] = spin(acc[0], 300_000);
            System.out.println("forEach element " + x + " acc " + acc[0] % 100_000);
        });
        System.out.println(PHASE_ONE_DONE);
        for (int i = 0; i < 6; i++) {
            acc[0] = spin(acc[0], 1_000 + i);
            System.out.println("loop " + i + " acc " + acc[0] % 100_000);
        }
        System.out.println("done " + Long.toHexString(acc[0]));
    }

    static long spin(long x, int rounds) {
        for (int k = 0; k < rounds; k++) {
            x = (x * 6364136223846793005L + 1442695040888963407L) >>> 1;
        }
        return x;
    }
}
