package e2e.api;

import dev.stasis.Checkpoint;

/** A checkpoint at the entry of a method annotated {@code @Checkpoint}, called in a loop. */
public final class AnnotatedCheckpoint {

    public static void main(String[] args) {
        long total = 0;
        for (int i = 0; i < 5; i++) {
            System.out.println("calling step " + i);
            total += step(i, total);
        }
        System.out.println("total " + total);
    }

    @Checkpoint
    static long step(int i, long soFar) {
        System.out.println("in step " + i + " soFar=" + soFar);
        return i * 10L + 1;
    }
}
