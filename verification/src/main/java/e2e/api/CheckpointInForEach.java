package e2e.api;

import dev.stasis.Stasis;
import java.util.ArrayList;
import java.util.List;

/**
 * A checkpoint asked for inside a lambda run by {@code ArrayList.forEach}: the JDK's frame lies
 * between the checkpoint and main, so the stack cannot be captured. The call returns UNAVAILABLE
 * (printed here, as it is the same with and without the agent) and the program goes on.
 */
public final class CheckpointInForEach {

    public static void main(String[] args) {
        List<Integer> list = new ArrayList<>(List.of(1, 2, 3));
        int[] sum = {0};
        list.forEach(x -> {
            sum[0] += x;
            if (x == 2) {
                Stasis.Outcome outcome = Stasis.checkpoint();
                System.out.println("outcome inside forEach: " + outcome);
            }
            System.out.println("element " + x);
        });
        System.out.println("program goes on, sum=" + sum[0]);
    }
}
