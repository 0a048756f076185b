package e2e.api;

import dev.stasis.Checkpoint;

/**
 * A checkpoint at the entry of a method annotated {@code @Checkpoint}. It is entered once: every
 * entry takes a checkpoint, and a restored JVM keeps exit=true, so a second entry would end it.
 */
public final class AnnotatedCheckpoint {

    public static void main(String[] args) {
        long total = 0;
        for (int i = 0; i < 3; i++) {
            total += i;
        }
        System.out.println("calling the annotated method, total=" + total);
        total += annotated(7, total);
        System.out.println("total " + total);
    }

    @Checkpoint
    static long annotated(int i, long soFar) {
        System.out.println("in the annotated method, i=" + i + " soFar=" + soFar);
        return i * 10L + soFar;
    }
}
