package dev.stasis.internal.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.stasis.internal.resources.Transients;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code transient=}: listed classes (and subclasses) and listed fields are written as null. */
class TransientsTest {

    static class Connection {
        String url = "db://x";
    }

    static final class PooledConnection extends Connection {
    }

    static final class Holder {
        Connection connection = new PooledConnection();
        List<String> cache = new ArrayList<>(List.of("a"));
        List<String> kept = new ArrayList<>(List.of("b"));
        int count = 3;
    }

    @AfterEach
    void reset() {
        Transients.install(List.of());
    }

    @Test
    void listedClassesAndFieldsAreWrittenAsNull() {
        Transients.install(List.of(Connection.class.getName(), Holder.class.getName() + ".cache"));
        Holder h = new Holder();
        Connection alone = new Connection();
        Object[] back = RoundTrip.copy(h, alone, "text");
        Holder copy = (Holder) back[0];
        assertNull(copy.connection, "a subclass of a listed class");
        assertNull(copy.cache, "a listed field");
        assertEquals(List.of("b"), copy.kept);
        assertEquals(3, copy.count);
        assertNull(back[1], "a listed class as a root");
        assertEquals("text", back[2]);
        assertSame(h.cache, h.cache, "the live object is untouched");
        assertEquals(List.of("a"), h.cache);
    }
}
