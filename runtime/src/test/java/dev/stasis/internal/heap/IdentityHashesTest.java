package dev.stasis.internal.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Identity hash codes carried into the restored JVM, for hash tables the heap copies as they are
 * (a library's own table, keyed by enum constants or by objects without their own hashCode). The
 * copies here are new objects in the same JVM; the end-to-end tests restore in other JVMs.
 */
class IdentityHashesTest {

    /** A key without its own hashCode. */
    static final class Key {
        final String name;

        Key(String name) {
            this.name = name;
        }
    }

    /** A key with its own hashCode: its identity hash is not part of its state. */
    static final class Named {
        final String name;

        Named(String name) {
            this.name = name;
        }

        @Override
        public int hashCode() {
            return name.hashCode();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Named && ((Named) o).name.equals(name);
        }
    }

    enum Color { RED, GREEN, BLUE }

    /**
     * A hash table of its own, as Guava's immutable maps and caches or fastutil's maps keep: the
     * slot of each key comes from its hashCode when it was put, and the table is copied as it is.
     */
    static final class OwnTable {
        final Object[] keys = new Object[64];
        final int[] values = new int[64];

        void put(Object key, int value) {
            int i = slot(key);
            keys[i] = key;
            values[i] = value;
        }

        int get(Object key) {
            int i = slot(key);
            return keys[i] == key ? values[i] : -1;
        }

        private int slot(Object key) {
            int i = (key.hashCode() & 0x7fff_ffff) % keys.length;
            while (keys[i] != null && keys[i] != key) {
                i = (i + 1) % keys.length;
            }
            return i;
        }
    }

    @Test
    void thisJvmLetsHashesBeInstalled() {
        assertTrue(IdentityHashes.installable(), "the runtime's tests run on HotSpot with jdk.internal.misc exported");
        Object fresh = new Object();
        assertTrue(IdentityHashes.install(fresh, 0x1234_5678));
        assertEquals(0x1234_5678, System.identityHashCode(fresh));
        assertEquals(0x1234_5678, fresh.hashCode());
        assertTrue(IdentityHashes.install(fresh, 0x1234_5678), "the same hash again is no change");
        assertFalse(IdentityHashes.install(fresh, 0x0bad_cafe), "an object keeps a hash it has");
        assertEquals(0x1234_5678, System.identityHashCode(fresh));
        Object locked = new Object();
        synchronized (locked) {
            IdentityHashes.install(locked, 0x0123_4567);
        }
        assertEquals(System.identityHashCode(locked), locked.hashCode(), "a held lock's header is never corrupted");
    }

    @Test
    void whichClassesCarryTheirHash() {
        assertTrue(IdentityHashes.identityBased(Key.class));
        assertTrue(IdentityHashes.identityBased(Color.class));
        assertTrue(IdentityHashes.identityBased(Thread.class));
        assertFalse(IdentityHashes.identityBased(Named.class));
        assertFalse(IdentityHashes.identityBased(String.class));
    }

    @Test
    void objectsWithoutTheirOwnHashCodeKeepTheirIdentityHash() {
        Key a = new Key("a");
        Key b = new Key("b");
        OwnTable table = new OwnTable();
        table.put(a, 1);
        table.put(b, 2);
        table.put(Color.GREEN, 3);
        table.put(TimeUnit.HOURS, 4);
        table.put(Key.class, 5);
        Object[] back = RoundTrip.copy(table, a, b);
        OwnTable t = (OwnTable) back[0];
        assertNotEquals(a, back[1]);
        assertEquals(System.identityHashCode(a), System.identityHashCode(back[1]));
        assertEquals(1, t.get(back[1]));
        assertEquals(2, t.get(back[2]));
        assertEquals(3, t.get(Color.GREEN));
        assertEquals(4, t.get(TimeUnit.HOURS));
        assertEquals(5, t.get(Key.class));
    }

    @Test
    void theClassesAGraphHoldsAsValuesAreListedWithTheirHashCodes() throws IOException {
        HeapStats stats = new HeapWriter(RoundTrip.class.getClassLoader())
                .write(new Object[] {List.of(Key.class, Color.class, int.class), new Key("a"), Key.class},
                        new ByteArrayOutputStream());
        assertEquals(List.of(Key.class.getName(), Color.class.getName()), List.copyOf(stats.classHashes.keySet()),
                "the classes held as values, once each, in order; not the classes of objects, nor primitives");
        assertEquals(System.identityHashCode(Key.class), stats.classHashes.get(Key.class.getName()));
    }

    @Test
    void aClassTheNewJvmHasNotHashedYetGetsItsFormerHashCodeAhead() throws Exception {
        ClassLoader fresh = new OwnLoader();
        Map<String, Integer> hashes = Map.of(Key.class.getName(), 0x0765_4321, "no.such.Class", 0x0123_4567);
        assertEquals(0, ClassIdentityHashes.giveAhead(hashes, fresh, name -> true),
                "the fresh class takes the code; a class that cannot be loaded is passed over");
        Class<?> key = Class.forName(Key.class.getName(), false, fresh);
        assertNotEquals(Key.class, key);
        assertEquals(0x0765_4321, key.hashCode());
        assertEquals(1, ClassIdentityHashes.giveAhead(Map.of(Key.class.getName(), 0x0765_4322), fresh, name -> true),
                "a class that has a code keeps it, and is counted");
        assertEquals(0, ClassIdentityHashes.giveAhead(Map.of(Key.class.getName(), 0x0765_4321), new OwnLoader(),
                name -> false), "a class the predicate refuses is not loaded");
    }

    /** Defines this test's {@link Key} afresh, as a restored JVM loads the program's classes. */
    static final class OwnLoader extends ClassLoader {
        OwnLoader() {
            super(IdentityHashesTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(Key.class.getName())) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                        byte[] b = in.readAllBytes();
                        c = defineClass(name, b, 0, b.length);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                return c;
            }
        }
    }
}
