package e2e.api;

import dev.stasis.Stasis;

/**
 * A checkpoint asked for with {@code requestCheckpoint()} and taken at the next safe point,
 * wherever that is: the joined output must equal the uninterrupted one either way.
 */
public final class RequestedCheckpoint {

    public static void main(String[] args) {
        long sum = 0;
        for (int i = 0; i < 200; i++) {
            if (i == 50) {
                System.out.println("requesting a checkpoint at i=" + i);
                Stasis.requestCheckpoint();
            }
            sum += work(i);
            if (i % 25 == 0) {
                System.out.println("i=" + i + " sum=" + sum);
            }
        }
        System.out.println("sum " + sum);
    }

    static long work(int i) {
        long x = i;
        for (int k = 0; k < 100; k++) {
            x = (x * 6364136223846793005L + 1442695040888963407L) >>> 1;
        }
        return x % 1000;
    }
}
