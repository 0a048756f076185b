package dev.stasis.internal.heap;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * The random number generators of {@code java.util.random} (Java 17): {@code SplittableRandom}
 * and the LXM and xoshiro/xoroshiro algorithms ({@code L64X256MixRandom},
 * {@code Xoshiro256PlusPlus}...), as {@code RandomGeneratorFactory.of(name).create(seed)} makes
 * them and as simulations and genetic algorithms keep them (Jenetics' random registry). A
 * generator is its algorithm's name and the numbers its algorithm defines as its state (the
 * LXM papers' {@code a}, {@code s} and {@code x0...}, or an array {@code x} and its index), written by name; the algorithms' classes
 * moved from the module {@code jdk.random} (Java 17 to 21) to {@code jdk.internal.random}
 * (Java 22 and later), with the same state. Read back, the reading JDK's factory of that name
 * creates a generator, whose state is then set to the written numbers, so that it goes on with
 * the same sequence; a JDK without the algorithm, or whose generator keeps other state, is
 * refused by name.
 *
 * <p>No API reads or sets that state, so it is read and set at the fields' offsets
 * ({@link InternalUnsafe}), which needs no access to the algorithms' packages.
 */
final class RandomGeneratorSerializer extends HeapSerializer<RandomGenerator> {

    private static final String[] ALGORITHM_PACKAGES = {"jdk.internal.random", "jdk.random"};

    /** The class of one algorithm in this JDK, under which the algorithms' id is registered. */
    static Class<?> representative() {
        for (String p : ALGORITHM_PACKAGES) {
            try {
                return Class.forName(p + ".L64X128MixRandom", false, ClassLoader.getPlatformClassLoader());
            } catch (ClassNotFoundException e) {
                // the other package
            }
        }
        throw new IllegalStateException("this JDK has no L64X128MixRandom");
    }

    /** Whether {@code c} is one of the JDK's generator algorithms written here (SplittableRandom has an id of its own). */
    static boolean isAlgorithm(Class<?> c) {
        String p = c.getPackageName();
        String module = c.getModule().getName();
        return RandomGenerator.class.isAssignableFrom(c) && (p.equals(ALGORITHM_PACKAGES[0]) || p.equals(ALGORITHM_PACKAGES[1]))
                && ("java.base".equals(module) || "jdk.random".equals(module));
    }

    /** The reading JDK's factory of the algorithm {@code name}; refused by name when it has none. */
    static RandomGeneratorFactory<RandomGenerator> factory(String name) {
        try {
            return RandomGeneratorFactory.of(name);
        } catch (IllegalArgumentException e) {
            throw NotInThisJdk.ofMember("random number generator algorithm " + name);
        }
    }

    @Override
    void write(HeapKryo kryo, HeapOutput out, RandomGenerator g) {
        List<Field> state = state(g.getClass());
        if (!InternalUnsafe.AVAILABLE) {
            throw kryo.path.refuse(g, "Stasis reads a random generator's state only when java.base's jdk.internal.misc"
                    + " is exported to it (the agent exports it).");
        }
        out.writeHeapString(g.getClass().getSimpleName());
        out.writeVarInt(state.size(), true);
        for (Field f : state) {
            out.writeHeapString(f.getName());
            if (f.getType() == long[].class) {
                long[] words = (long[]) reference(g, f);
                out.writeVarInt(words.length, true);
                for (long w : words) {
                    out.writeLong(w);
                }
            } else {
                out.writeLong(get(g, f));
            }
        }
    }

    @Override
    RandomGenerator read(HeapKryo kryo, HeapInput in) {
        String name = in.readHeapString();
        RandomGenerator g = factory(name).create(0L);
        List<Field> state = state(g.getClass());
        int n = in.readCount(9);
        if (n != state.size()) {
            throw layoutDiffers(name);
        }
        for (int i = 0; i < n; i++) {
            String field = in.readHeapString();
            Field f = state.stream().filter(s -> s.getName().equals(field)).findFirst().orElseThrow(() -> layoutDiffers(name));
            if (f.getType() == long[].class) {
                // the new generator's own array, of the length its algorithm fixes, takes the words
                long[] words = (long[]) reference(g, f);
                if (in.readCount(8) != words.length) {
                    throw layoutDiffers(name);
                }
                for (int w = 0; w < words.length; w++) {
                    words[w] = in.readLong();
                }
                continue;
            }
            long value = in.readLong();
            if (!InternalUnsafe.putPrimitive(g, f, value)) {
                throw new CorruptData("cannot set the state of a " + name + " random generator (java.base's"
                        + " jdk.internal.misc is not exported to Stasis)");
            }
        }
        return g;
    }

    private static CorruptData layoutDiffers(String name) {
        return NotInThisJdk.ofMember("random number generator algorithm " + name + " with the state it was written with");
    }

    /** The instance fields of {@code c} that hold its algorithm's state (ints, longs, arrays of longs), by name. */
    private static List<Field> state(Class<?> c) {
        List<Field> fields = new ArrayList<>();
        for (Field f : c.getDeclaredFields()) {
            Class<?> t = f.getType();
            if (!Modifier.isStatic(f.getModifiers()) && (t == long.class || t == int.class || t == long[].class)) {
                fields.add(f);
            }
        }
        fields.sort(Comparator.comparing(Field::getName));
        return fields;
    }

    private static Object reference(Object o, Field f) {
        long offset = InternalUnsafe.offset(f);
        try {
            Object value = (Object) InternalUnsafe.GET_REFERENCE.invokeExact(o, offset);
            if (value == null) {
                throw new IllegalStateException("a " + o.getClass().getName() + " without its " + f.getName());
            }
            return value;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot read the state of a " + o.getClass().getName() + ": " + e, e);
        }
    }

    private static long get(Object o, Field f) {
        long offset = InternalUnsafe.offset(f);
        try {
            return f.getType() == long.class ? (long) InternalUnsafe.GET_LONG.invokeExact(o, offset)
                    : (int) InternalUnsafe.GET_INT.invokeExact(o, offset);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot read the state of a " + o.getClass().getName() + ": " + e, e);
        }
    }
}
