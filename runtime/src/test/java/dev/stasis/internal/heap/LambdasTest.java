package dev.stasis.internal.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Lambdas compiled with Serializable intersection casts, made serializable the way the agent makes every lambda. */
class LambdasTest {

    private int base = 100;

    private int plusBase(int x) {
        return x + base;
    }

    static String twice(String s) {
        return s + s;
    }

    static final class Counter {
        int n;

        Counter() {
        }

        Counter(int n) {
            this.n = n;
        }

        int incrementAndGet() {
            return ++n;
        }
    }

    @Test
    void capturingLambdasAndMethodReferences() {
        int offset = 5;
        String suffix = "!";
        List<String> sink = new ArrayList<>();
        Counter counter = new Counter(41);
        Function<Integer, Integer> addOffset = (Function<Integer, Integer> & Serializable) x -> x + offset;
        Function<String, String> addSuffix = (Function<String, String> & Serializable) s -> s + suffix;
        Function<Integer, Integer> usesThis = (Function<Integer, Integer> & Serializable) this::plusBase;
        Function<String, String> staticRef = (Function<String, String> & Serializable) LambdasTest::twice;
        Function<String, Boolean> boundRef = (Function<String, Boolean> & Serializable) sink::add;
        IntSupplier boundCounter = (IntSupplier & Serializable) counter::incrementAndGet;
        Supplier<Counter> ctorRef = (Supplier<Counter> & Serializable) Counter::new;
        BiFunction<String, Integer, Character> unbound = (BiFunction<String, Integer, Character> & Serializable) String::charAt;
        Runnable nonCapturing = (Runnable & Serializable) () -> { };

        Object[] back = RoundTrip.copy(addOffset, addSuffix, usesThis, staticRef, boundRef, sink, boundCounter, counter,
                ctorRef, unbound, nonCapturing, this);
        assertEquals(15, cast(back[0], Function.class).apply(10));
        assertEquals("a!", cast(back[1], Function.class).apply("a"));
        ((LambdasTest) back[11]).base = 1000;
        assertEquals(1001, cast(back[2], Function.class).apply(1), "captures the restored this");
        assertEquals("abab", cast(back[3], Function.class).apply("ab"));
        cast(back[4], Function.class).apply("x");
        assertEquals(List.of("x"), back[5], "a bound method reference calls the restored receiver");
        assertEquals(42, ((IntSupplier) back[6]).getAsInt());
        assertEquals(42, ((Counter) back[7]).n);
        assertTrue(cast(back[8], Supplier.class).get() instanceof Counter);
        assertEquals('b', cast(back[9], BiFunction.class).apply("ab", 1));
        ((Runnable) back[10]).run();
    }

    @Test
    void restoredLambdasAreSerializableAgainAndShareTheirCapturedObjects() {
        Counter counter = new Counter();
        IntSupplier a = (IntSupplier & Serializable) counter::incrementAndGet;
        IntSupplier b = (IntSupplier & Serializable) () -> counter.n * 10;
        Object[] once = RoundTrip.copy(a, b);
        Object[] twice = RoundTrip.copy(once);
        assertEquals(1, ((IntSupplier) twice[0]).getAsInt());
        assertEquals(10, ((IntSupplier) twice[1]).getAsInt(), "both lambdas captured the same Counter");
    }

    @Test
    void lambdaComparatorsInSortedCollections() {
        Comparator<String> byLength = (Comparator<String> & Serializable) (x, y) -> x.length() != y.length()
                ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
        TreeMap<String, Integer> tree = new TreeMap<>(byLength);
        tree.put("ccc", 3);
        tree.put("a", 1);
        tree.put("bb", 2);
        TreeMap<String, Integer> jdkComparator = new TreeMap<>(
                Comparator.comparing((Function<String, Integer> & Serializable) String::length));
        jdkComparator.put("xx", 2);
        Object[] back = RoundTrip.copy(tree, jdkComparator);
        @SuppressWarnings("unchecked")
        TreeMap<String, Integer> treeBack = (TreeMap<String, Integer>) back[0];
        assertEquals(List.of("a", "bb", "ccc"), new ArrayList<>(treeBack.keySet()));
        treeBack.put("dddd", 4);
        assertEquals("dddd", treeBack.lastKey());
        assertEquals(2, ((TreeMap<?, ?>) back[1]).get("yy"));
    }

    @Test
    void sameShapedLambdasShareOneFactory() {
        List<IntSupplier> many = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            int v = i;
            many.add((IntSupplier & Serializable) () -> v);
        }
        List<?> back = RoundTrip.copyOf(many);
        assertEquals(999, ((IntSupplier) back.get(999)).getAsInt());
        assertSame(back.get(0).getClass(), back.get(999).getClass());
    }

    @Test
    void theMetafactoryPathWorksWithoutDeserializeLambda() throws Throwable {
        int offset = 7;
        Function<Integer, Integer> f = (Function<Integer, Integer> & Serializable) x -> x * offset;
        java.lang.reflect.Method wr = LambdaSerializer.writeReplaceOf(f.getClass());
        java.lang.invoke.SerializedLambda s = (java.lang.invoke.SerializedLambda) wr.invoke(f);
        HeapKryo kryo = HeapKryo.create(getClass().getClassLoader(), RoundTrip.TEST_CLASSES);
        java.lang.invoke.MethodHandle factory = LambdaSerializer.metafactory(kryo, LambdasTest.class,
                s.getFunctionalInterfaceClass(), s.getFunctionalInterfaceMethodName(), s.getFunctionalInterfaceMethodSignature(),
                s.getImplMethodKind(), s.getImplClass(), s.getImplMethodName(), s.getImplMethodSignature(),
                s.getInstantiatedMethodType(), s.getCapturedArgCount());
        @SuppressWarnings("unchecked")
        Function<Integer, Integer> g = (Function<Integer, Integer>) factory.invokeWithArguments(s.getCapturedArg(0));
        assertEquals(42, g.apply(6));
        assertTrue(g instanceof Serializable);
        assertEquals(14, ((Function<Integer, Integer>) RoundTrip.copyOf(g)).apply(2), "and it can be written again");
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o, Class<? super T> type) {
        return (T) type.cast(o);
    }
}
