package dev.stasis.internal.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ThreadStacksTest {

    private static int depth(int n, int max) {
        return n == max ? n : depth(n + 1, max) + 0 * n;
    }

    @Test
    void aThreadMadeWithAStackSizeHasIt() {
        Thread t = new Thread(null, () -> { }, "sized", 64L << 20);
        assertEquals(64L << 20, ThreadStacks.own(t));
        assertEquals(64L << 20, ThreadStacks.of(t));
        Thread plain = new Thread(() -> { });
        assertEquals(0, ThreadStacks.own(plain));
        assertEquals(ThreadStacks.jvmDefault(), ThreadStacks.of(plain));
        assertTrue(ThreadStacks.jvmDefault() >= 64 << 10, ThreadStacks.jvmDefault() + " bytes");
    }

    /** The size given to a thread not started yet is the one the JVM starts it with. */
    @Test
    void aThreadGivenALargerStackRecursesDeeper() throws InterruptedException {
        AtomicInteger reached = new AtomicInteger();
        Thread t = new Thread(() -> reached.set(depth(0, 200_000)), "given");
        assertTrue(ThreadStacks.give(t, 256L << 20));
        assertEquals(256L << 20, ThreadStacks.own(t));
        t.start();
        t.join();
        assertEquals(200_000, reached.get(), "200,000 frames overflow the default stack, not 256 MB");
    }
}
