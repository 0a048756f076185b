package dev.stasis.internal.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A checkpoint file is forced along the way while it is written, not only at its end, and that
 * never changes what reaches the file nor outlives the write.
 */
class EarlySyncTest {

    private static final int STEP = 1000;

    @Test
    void everyByteArrivesAndForcesFollowTheSteps() throws Exception {
        byte[] data = new byte[10 * STEP + 17];
        new Random(3).nextBytes(data);
        ByteArrayOutputStream target = new ByteArrayOutputStream();
        Semaphore forced = new Semaphore(0);
        AtomicInteger forces = new AtomicInteger();
        try (EarlySync out = new EarlySync(target, () -> {
            forces.incrementAndGet();
            forced.release();
        }, STEP)) {
            out.write(data, 0, STEP - 1);
            assertFalse(forced.tryAcquire(50, TimeUnit.MILLISECONDS), "no force before the first step is written");
            out.write(data[STEP - 1]);
            assertTrue(forced.tryAcquire(10, TimeUnit.SECONDS), "a force once a step is written");
            for (int i = STEP; i < data.length; i += 333) {
                out.write(data, i, Math.min(333, data.length - i));
            }
        }
        assertArrayEquals(data, target.toByteArray());
        int after = forces.get();
        assertTrue(after >= 1 && after <= 10, "at most one force a step, and none lost: " + after);
        Thread.sleep(50);
        assertEquals(after, forces.get(), "close waits for the forcing thread, which forces nothing after it");
        assertFalse(syncThreadAlive(), "the forcing thread ends with the write");
    }

    @Test
    void aSmallFileStartsNoThread() throws IOException {
        ByteArrayOutputStream target = new ByteArrayOutputStream();
        try (EarlySync out = new EarlySync(target, () -> {
            throw new AssertionError("forced");
        }, STEP)) {
            out.write(new byte[STEP - 1]);
            assertFalse(syncThreadAlive());
        }
        assertEquals(STEP - 1, target.size());
    }

    @Test
    void aFailingForceLeavesTheWriteAlone() throws IOException {
        ByteArrayOutputStream target = new ByteArrayOutputStream();
        AtomicInteger forces = new AtomicInteger();
        try (EarlySync out = new EarlySync(target, () -> {
            forces.incrementAndGet();
            throw new IOException("Input/output error");
        }, STEP)) {
            for (int i = 0; i < 20; i++) {
                out.write(new byte[STEP]);
            }
        }
        assertEquals(20 * STEP, target.size());
        assertTrue(forces.get() <= 1, "no force after one failed: the writer's final force reports it");
        assertFalse(syncThreadAlive());
    }

    private static boolean syncThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("stasis-checkpoint-sync") && t.isAlive());
    }
}
