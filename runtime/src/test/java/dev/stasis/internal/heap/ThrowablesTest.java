package dev.stasis.internal.heap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThrowablesTest {

    static final class AppException extends IOException {
        static int constructed;
        final int code;
        List<String> context;

        AppException(String message, int code) {
            super(message);
            constructed++;
            this.code = code;
        }
    }

    @Test
    void jdkExceptionsKeepMessageCauseStackAndSuppressed() {
        IllegalStateException cause = new IllegalStateException("root cause");
        RuntimeException e = new RuntimeException("outer", cause);
        e.addSuppressed(new IllegalArgumentException("suppressed"));
        Object[] back = RoundTrip.copy(e, cause);
        RuntimeException r = (RuntimeException) back[0];
        assertEquals(RuntimeException.class, r.getClass());
        assertEquals("outer", r.getMessage());
        assertSame(back[1], r.getCause());
        assertEquals("root cause", r.getCause().getMessage());
        assertArrayEquals(e.getStackTrace(), r.getStackTrace());
        assertEquals(1, r.getSuppressed().length);
        assertEquals("suppressed", r.getSuppressed()[0].getMessage());
    }

    @Test
    void uninitializedCauseCanStillBeInitialized() {
        Exception e = new Exception("no cause yet");
        Exception back = RoundTrip.copyOf(e);
        assertNull(back.getCause());
        back.initCause(new Error("later"));
        assertEquals("later", back.getCause().getMessage());
    }

    @Test
    void applicationExceptionsKeepTheirFieldsWithoutRunningConstructors() {
        AppException e = new AppException("failed", 42);
        e.context = List.of("a", "b");
        int before = AppException.constructed;
        AppException back = RoundTrip.copyOf(e);
        assertEquals(before, AppException.constructed);
        assertEquals("failed", back.getMessage());
        assertEquals(42, back.code);
        assertEquals(List.of("a", "b"), back.context);
        assertArrayEquals(e.getStackTrace(), back.getStackTrace());
    }

    @Test
    void selfReferencingGraphsThroughExceptions() {
        AppException e = new AppException("x", 1);
        e.context = new java.util.ArrayList<>();
        Object[] holder = {e};
        e.initCause(new RuntimeException(String.valueOf(holder.length)));
        AppException back = (AppException) RoundTrip.copy(holder, e)[1];
        assertEquals("1", back.getCause().getMessage());
    }
}
