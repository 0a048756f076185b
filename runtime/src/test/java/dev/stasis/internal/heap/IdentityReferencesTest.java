package dev.stasis.internal.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The writer's identity table must give every object one id and find it again by identity alone,
 * whether it grows in segments from nothing (a JVM's first checkpoint, no count expected: -1
 * here) or was sized from a previous count that is too small or too large: a wrong id is a wrong
 * shared reference after restore.
 */
class IdentityReferencesTest {

    @ParameterizedTest
    @ValueSource(longs = {-1, 0, 1_000, 300_000, 3_000_000})
    void everyObjectKeepsItsIdWhateverTheTableWasSizedFor(long expected) {
        int n = 300_000;
        Object[] objects = new Object[n];
        IdentityReferences table = new IdentityReferences();
        if (expected >= 0) {
            table.expect(expected);
        }
        for (int i = 0; i < n; i++) {
            // equal strings are distinct objects: only identity may count
            objects[i] = i % 3 == 0 ? new String("same") : new Object();
            assertEquals(-1, table.getWrittenId(objects[i]));
            assertEquals(i, table.addWrittenObject(objects[i]));
            if (i % 7 == 0) {
                int earlier = (int) ((i * 2654435761L) % (i + 1));
                assertEquals(earlier, table.getWrittenId(objects[earlier]));
            }
        }
        for (int i = 0; i < n; i++) {
            assertEquals(i, table.getWrittenId(objects[i]));
            assertSame(objects[i], table.writtenObjects().get(i));
        }
        table.reset();
        assertEquals(-1, table.getWrittenId(objects[0]), "nothing is kept from one write to the next");
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, 100_000})
    void anObjectAddedWithoutALookUpFirstIsFoundToo(long expected) {
        int n = 100_000;
        IdentityReferences table = new IdentityReferences();
        if (expected >= 0) {
            table.expect(expected);
        }
        Object[] objects = new Object[n];
        for (int i = 0; i < n; i += 2) {
            // look up the first of a pair, then add the second before it: the look-up's probe is stale
            objects[i] = new Object();
            objects[i + 1] = new Object();
            assertEquals(-1, table.getWrittenId(objects[i]));
            assertEquals(i, table.addWrittenObject(objects[i + 1]));
            assertEquals(i + 1, table.addWrittenObject(objects[i]));
        }
        for (int i = 0; i < n; i += 2) {
            assertEquals(i, table.getWrittenId(objects[i + 1]));
            assertEquals(i + 1, table.getWrittenId(objects[i]));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1_000, 200_000, 20_000_000})
    void aTableStartedFromAnEstimateHoldsMoreOrFewerObjectsThanEstimated(long estimate) {
        int n = 200_000;
        IdentityReferences table = new IdentityReferences();
        table.estimate(estimate);
        Object[] objects = new Object[n];
        for (int i = 0; i < n; i++) {
            objects[i] = new Object();
        }
        for (int from = 0; from < n; from += IdentityReferences.PREFETCH) {
            // as an array's elements are written: their slots fetched ahead, then each looked up and added
            int to = Math.min(n, from + IdentityReferences.PREFETCH);
            table.prefetch(objects, from, to);
            for (int i = from; i < to; i++) {
                assertEquals(-1, table.getWrittenId(objects[i]));
                assertEquals(i, table.addWrittenObject(objects[i]));
            }
        }
        for (int i = 0; i < n; i++) {
            assertEquals(i, table.getWrittenId(objects[i]));
        }
    }

    @Test
    void aFirstWriteSizesItsTableForAtMostAQuarterOfTheUsedHeapAndOfWhatIsLeft() {
        long mb = 1 << 20;
        // 16 bytes of table per estimated object
        assertEquals(100 * mb / 4, 16 * HeapWriter.estimatedObjects(100 * mb, 4096 * mb));
        assertEquals(100 * mb / 4, 16 * HeapWriter.estimatedObjects(3996 * mb, 4096 * mb));
        assertEquals(0, HeapWriter.estimatedObjects(4096 * mb, 4096 * mb));
        assertEquals(0, HeapWriter.estimatedObjects(0, 4096 * mb));
    }
}
