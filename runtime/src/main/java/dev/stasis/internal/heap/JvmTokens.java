package dev.stasis.internal.heap;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Objects bound to the running JVM that are written as a token and resolve to their counterpart
 * in the reading JVM: System.out/err/in as they are when the heap is read, the class loaders,
 * the JDK's own singletons (empty collections, natural and reverse order, identity functions, the
 * common fork/join pool),
 * public constants such as DateTimeFormatter.ISO_LOCAL_DATE, plus any objects the caller binds by
 * name (captured threads, for instance).
 */
final class JvmTokens {

    /** The registration type under which a token is written; never instantiated. */
    static final class Token {
        private Token() {
        }
    }

    private static final int BUILTIN = 21;
    private static final int CONSTANT = BUILTIN + 2;
    /** {@code ForkJoinPool.commonPool()}, which parallel streams and async tasks run on. */
    private static final int COMMON_POOL = BUILTIN + 3;

    /** Public constants of JDK classes, by identity, and their names: DateTimeFormatter.ISO_LOCAL_DATE... */
    private static final Map<Object, String> CONSTANTS = new IdentityHashMap<>();
    private static final Map<String, Object> CONSTANTS_BY_NAME = new HashMap<>();

    static {
        for (Class<?> c : List.of(DateTimeFormatter.class)) {
            for (Field f : c.getFields()) {
                if (Modifier.isStatic(f.getModifiers()) && Modifier.isFinal(f.getModifiers()) && f.getType() == c) {
                    try {
                        Object value = f.get(null);
                        String name = c.getName() + "." + f.getName();
                        CONSTANTS.put(value, name);
                        CONSTANTS_BY_NAME.put(name, value);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
    }

    private final Object[] builtin;
    private final Map<Object, String> boundByObject;
    private final Map<String, Object> boundByName;
    /**
     * The classes of the bound objects (a handful), checked before the identity map: every
     * object written asks whether it is bound, and most are of classes no bound object has.
     */
    private final Class<?>[] boundClasses;

    JvmTokens(ClassLoader appLoader, Map<Object, String> boundByObject, Map<String, Object> boundByName) {
        this.builtin = current(appLoader);
        this.boundByObject = boundByObject;
        this.boundByName = boundByName;
        Set<Class<?>> classes = new HashSet<>();
        for (Object o : boundByObject.keySet()) {
            classes.add(o.getClass());
        }
        this.boundClasses = classes.toArray(new Class<?>[0]);
    }

    private static Object[] current(ClassLoader appLoader) {
        Object[] t = new Object[BUILTIN];
        t[0] = System.out;
        t[1] = System.err;
        t[2] = System.in;
        t[3] = ClassLoader.getSystemClassLoader();
        t[4] = ClassLoader.getPlatformClassLoader();
        t[5] = appLoader;
        t[6] = Runtime.getRuntime();
        t[7] = Collections.emptyList();
        t[8] = Collections.emptySet();
        t[9] = Collections.emptyMap();
        t[10] = Collections.emptySortedSet();
        t[11] = Collections.emptyNavigableSet();
        t[12] = Collections.emptySortedMap();
        t[13] = Collections.emptyNavigableMap();
        t[14] = Collections.emptyIterator();
        t[15] = Collections.emptyListIterator();
        t[16] = Collections.emptyEnumeration();
        t[17] = Collections.reverseOrder();
        t[18] = String.CASE_INSENSITIVE_ORDER;
        t[19] = Function.identity();
        t[20] = UnaryOperator.identity();
        return t;
    }

    /** The classes whose instances may be tokens (checked by identity when such an object is written). */
    static boolean mayBeBuiltin(Class<?> type) {
        for (Object o : current(null)) {
            if (o != null && o.getClass() == type) {
                return true;
            }
        }
        return type == ThreadLocalRandom.class || type == ForkJoinPool.class;
    }

    /** The token number of {@code o}, or -1 if it is not a token. */
    int find(Object o) {
        for (int i = 0; i < builtin.length; i++) {
            if (builtin[i] == o) {
                return i;
            }
        }
        if (o instanceof ThreadLocalRandom) {
            return BUILTIN;
        }
        if (o instanceof ForkJoinPool && o == ForkJoinPool.commonPool()) {
            return COMMON_POOL;
        }
        if (CONSTANTS.containsKey(o)) {
            return CONSTANT;
        }
        return isBound(o) ? BUILTIN + 1 : -1;
    }

    /** Writes token {@code token} (from {@link #find}) standing for {@code o}. */
    void write(HeapOutput out, Object o, int token) {
        out.writeVarInt(token, true);
        if (token == BUILTIN + 1) {
            out.writeHeapString(boundByObject.get(o));
        } else if (token == CONSTANT) {
            out.writeHeapString(CONSTANTS.get(o));
        }
    }

    boolean isBound(Object o) {
        if (boundByObject.isEmpty()) {
            return false;
        }
        Class<?> c = o.getClass();
        for (Class<?> b : boundClasses) {
            if (b == c) {
                return boundByObject.containsKey(o);
            }
        }
        return false;
    }

    Object read(HeapInput in) {
        int i = in.readVarInt(true);
        if (i >= 0 && i < BUILTIN) {
            return builtin[i];
        }
        if (i == BUILTIN) {
            return ThreadLocalRandom.current();
        }
        if (i == BUILTIN + 1) {
            String name = in.readHeapString();
            if (!boundByName.containsKey(name)) {
                throw new CorruptData("the heap refers to \"" + name + "\", which the restoring JVM did not bind");
            }
            return boundByName.get(name);
        }
        if (i == COMMON_POOL) {
            return ForkJoinPool.commonPool();
        }
        if (i == CONSTANT) {
            String name = in.readHeapString();
            Object value = CONSTANTS_BY_NAME.get(name);
            if (value == null) {
                throw new CorruptData("unknown JDK constant " + name);
            }
            return value;
        }
        throw new CorruptData("unknown JVM token " + i);
    }
}
