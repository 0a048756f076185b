package e2e.heap;

import java.util.concurrent.TimeUnit;

/**
 * A hash table of the program's own, as libraries keep them (Guava's immutable maps, fastutil's
 * maps, a cache with weak keys): each key sits in the slot its {@code hashCode} gave it when it
 * was put, and the table is restored as it is. The keys hash by identity: objects whose class
 * does not override {@code hashCode}, or overrides it with the identity hash (as Rhino's symbol
 * keys do) or with {@code super.hashCode()}, the program's enum constants, a JDK enum's, and a
 * class.
 * Every lookup after the checkpoint must find its key again, and the identity hash codes the
 * program recorded must still be those of its objects.
 *
 * <p>Arguments: rounds (each round looks every key up, then puts one more).
 */
public final class IdentityHashKeys {

    /** A key without its own hashCode. */
    static final class Key {
        final int n;

        Key(int n) {
            this.n = n;
        }
    }

    /** A key whose hashCode is the identity hash, said in so many words. */
    static final class Symbol {
        final String name;

        Symbol(String name) {
            this.name = name;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }

        @Override
        public boolean equals(Object o) {
            return o == this;
        }
    }

    /** A key whose hashCode is its superclass's, which is Object's. */
    static class Token {
        @Override
        public int hashCode() {
            return super.hashCode() ^ 0x5bd1e995;
        }
    }

    /** A key whose hashCode is inherited from a class whose hashCode is its superclass's. */
    static final class SubToken extends Token {
    }

    enum Shape { CIRCLE, SQUARE, TRIANGLE }

    /** Marks the class used as a key. */
    static final class Marker {
    }

    /** A class key with static state, which the restore sets before it reads the heap's classes. */
    static final class Registry {
        static int lookups;
    }

    /** Open addressing, the slot from the key's hashCode, as in many libraries' own tables. */
    static final class Table {
        Object[] keys = new Object[256];
        int[] values = new int[256];

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
            int i = Math.floorMod(key.hashCode() * 0x9E3779B9, keys.length);
            while (keys[i] != null && keys[i] != key) {
                i = (i + 1) % keys.length;
            }
            return i;
        }
    }

    public static void main(String[] args) {
        int rounds = Integer.parseInt(args[0]);
        Registry.lookups = 1;
        Table table = new Table();
        Object[] keys = new Object[rounds + 11];
        int[] recorded = new int[keys.length];
        keys[0] = Shape.SQUARE;
        keys[1] = Shape.TRIANGLE;
        keys[2] = TimeUnit.MINUTES;
        keys[3] = Marker.class;
        keys[4] = new Key(4);
        keys[5] = new Symbol("iterator");
        keys[6] = new Token();
        keys[7] = new SubToken();
        keys[8] = Registry.class;
        keys[9] = java.util.UUID.class;
        keys[10] = java.util.concurrent.ArrayBlockingQueue.class;
        int count = 11;
        for (int i = 0; i < count; i++) {
            table.put(keys[i], i * 10);
            recorded[i] = System.identityHashCode(keys[i]);
        }
        for (int r = 0; r < rounds; r++) {
            int found = 0;
            int sameHash = 0;
            long sum = 0;
            for (int i = 0; i < count; i++) {
                int v = table.get(keys[i]);
                Registry.lookups++;
                if (v == i * 10) {
                    found++;
                }
                if (System.identityHashCode(keys[i]) == recorded[i]) {
                    sameHash++;
                }
                sum += v;
            }
            System.out.println("round " + r + ": " + found + " of " + count + " keys found, " + sameHash
                    + " with the identity hash they had, sum " + sum);
            keys[count] = new Key(count);
            table.put(keys[count], count * 10);
            recorded[count] = System.identityHashCode(keys[count]);
            count++;
        }
    }
}
