package dev.stasis.internal.heap;

/** The stack size a thread was created with, as the heap writer reads it, for tests of other packages. */
public final class ThreadStackSizes {

    private ThreadStackSizes() {
    }

    public static long of(Thread t) {
        return ThreadSerializer.stackSize(t);
    }
}
