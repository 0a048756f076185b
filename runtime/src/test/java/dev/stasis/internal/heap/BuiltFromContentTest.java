package dev.stasis.internal.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

/**
 * Objects the reader can only create from their content (lambdas, records, List.of, Collections
 * wrappers, Optional) on a cycle that the writer enters at them: the cycle comes back to the
 * same object, not to null. A common shape is an object holding a method reference to itself,
 * written first through the method reference.
 */
class BuiltFromContentTest {

    static final class Owner {
        int count;
        IntSupplier next;
        Object back;

        int step() {
            return ++count;
        }
    }

    record Pair(String name, Object[] more) {
    }

    @Test
    void aMethodReferenceWrittenBeforeTheObjectThatHoldsIt() throws Exception {
        Owner owner = new Owner();
        owner.next = (IntSupplier & Serializable) owner::step;
        Object[] g = RoundTrip.read(RoundTrip.write(owner.next, owner));
        IntSupplier next = (IntSupplier) g[0];
        Owner read = (Owner) g[1];
        assertSame(next, read.next, "the object's field holds the restored method reference itself");
        assertEquals(1, next.getAsInt());
        assertEquals(1, read.count);
    }

    @Test
    void aLambdaReachableFromItsOwnCapturedValues() throws Exception {
        IntSupplier[] self = new IntSupplier[1];
        int[] calls = {0};
        self[0] = (IntSupplier & Serializable) () -> calls[0]++ < 3 ? self[0].getAsInt() + 1 : 0;
        Object[] g = RoundTrip.read(RoundTrip.write(self[0], calls));
        IntSupplier read = (IntSupplier) g[0];
        assertEquals(3, read.getAsInt(), "the lambda calls itself through the array it captured");
        assertEquals(4, ((int[]) g[1])[0]);
    }

    @Test
    void aRecordInsideItsOwnComponent() throws Exception {
        Object[] more = new Object[2];
        Pair pair = new Pair("p", more);
        more[0] = pair;
        more[1] = "tail";
        Object[] g = RoundTrip.read(RoundTrip.write(pair, pair, more));
        Pair read = (Pair) g[0];
        assertSame(read, g[1]);
        assertSame(read.more(), g[2]);
        assertSame(read, read.more()[0]);
        assertEquals("tail", read.more()[1]);
    }

    @Test
    void immutableCollectionsAndOptionalOnCycles() throws Exception {
        Owner inList = new Owner();
        List<Owner> listOf = List.of(inList);
        inList.back = listOf;
        Owner inView = new Owner();
        List<Owner> backing = new ArrayList<>();
        backing.add(inView);
        List<Owner> view = Collections.unmodifiableList(backing);
        inView.back = view;
        Owner inOptional = new Owner();
        Optional<Owner> optional = Optional.of(inOptional);
        inOptional.back = optional;
        Owner inEntry = new Owner();
        Map.Entry<String, Owner> entry = Map.entry("k", inEntry);
        inEntry.back = entry;

        Object[] g = RoundTrip.read(RoundTrip.write(listOf, view, optional, entry, inList, inView));
        List<?> readList = (List<?>) g[0];
        assertSame(readList, ((Owner) readList.get(0)).back);
        assertSame(g[4], readList.get(0));
        List<?> readView = (List<?>) g[1];
        assertSame(readView, ((Owner) readView.get(0)).back);
        assertSame(g[5], readView.get(0));
        Optional<?> readOptional = (Optional<?>) g[2];
        assertSame(readOptional, ((Owner) readOptional.get()).back);
        Map.Entry<?, ?> readEntry = (Map.Entry<?, ?>) g[3];
        assertSame(readEntry, ((Owner) readEntry.getValue()).back);
    }

    @Test
    void aKeySetHeldByItsOwnMap() throws Exception {
        Map<String, Object> map = new HashMap<>();
        Set<String> keys = map.keySet();
        map.put("keys", keys);
        Object[] g = RoundTrip.read(RoundTrip.write(keys, map));
        assertSame(g[0], ((Map<?, ?>) g[1]).get("keys"), "the map holds its own restored key set");
        assertEquals(Set.of("keys"), g[0]);
    }

    /** Objects written after a cycle's copy keep their identities: the ids on both sides agree. */
    @Test
    void identitiesAfterTheCycleStayRight() throws Exception {
        Owner owner = new Owner();
        owner.next = (IntSupplier & Serializable) owner::step;
        Pair shared = new Pair("shared", new Object[] {owner});
        List<Object> later = new ArrayList<>(List.of("x", shared));
        Object[] g = RoundTrip.read(RoundTrip.write(owner.next, shared, later, owner, shared, later));
        assertSame(g[1], g[4]);
        assertSame(g[2], g[5]);
        assertSame(g[1], ((List<?>) g[2]).get(1));
        assertSame(g[3], ((Pair) g[1]).more()[0]);
        assertNotNull(((Owner) g[3]).next);
        assertSame(g[0], ((Owner) g[3]).next);
    }
}
