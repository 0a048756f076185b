package dev.stasis.internal.heap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The heap format is a contract between JVMs: a graph of fixed content must give exactly the
 * bytes of heap/golden-v6.bin (written on JDK 17) on every JDK the tests run on, and that file,
 * as well as golden-v1.bin to golden-v5.bin of the earlier heap formats, must read back to the
 * same graph. A failure here means the format changed (bump
 * HeapFormat.VERSION and regenerate the file with {@link #main}) or a JDK's output differs.
 */
class GoldenHeapTest {

    static final class Person {
        String name;
        Person friend;
        int[] scores;
        Mood mood;

        Person(String name) {
            this.name = name;
        }
    }

    enum Mood {
        CALM, BUSY;
        int changes;
    }

    record Box(String label, long weight) {
    }

    static Object[] graph() {
        Person ann = new Person("Ann");
        Person bob = new Person("Bøb 日本");
        ann.friend = bob;
        bob.friend = ann;
        ann.scores = new int[] {3, 1, 4};
        ann.mood = Mood.BUSY;
        Mood.BUSY.changes = 2;
        List<String> list = new ArrayList<>(List.of("a", "b", "c"));
        Iterator<String> it = list.iterator();
        it.next();
        Map<String, Integer> hash = new HashMap<>();
        hash.put("one", 1);
        hash.put("two", 2);
        hash.put("three", 3);
        LinkedHashMap<String, Person> linked = new LinkedHashMap<>();
        linked.put("ann", ann);
        linked.put("bob", bob);
        Comparator<String> byLength = (Comparator<String> & Serializable) (x, y) -> x.length() - y.length();
        TreeMap<String, Box> tree = new TreeMap<>(byLength);
        tree.put("xx", new Box("box", 7));
        int factor = 6;
        IntUnaryOperator times = (IntUnaryOperator & Serializable) v -> v * factor;
        IllegalStateException error = new IllegalStateException("failed", new IllegalArgumentException("cause"));
        error.setStackTrace(new StackTraceElement[] {new StackTraceElement("com.acme.Main", "run", "Main.java", 12)});
        error.getCause().setStackTrace(new StackTraceElement[0]);
        return new Object[] {ann, list, it, hash, linked, tree, times, error, new BigDecimal("-12.50"), LocalDate.of(2024, 2, 29),
            ZonedDateTime.of(2024, 3, 31, 2, 30, 0, 0, ZoneId.of("Europe/Paris")), Duration.ofMillis(1500), Locale.JAPAN,
            new UUID(1, 2), Optional.of(Mood.CALM), new AtomicLong(-5), EnumSet.of(TimeUnit.HOURS, TimeUnit.DAYS), List.of(1, 2),
            new Object[] {null, 'x', 2.5f, (byte) 1, Long.MIN_VALUE}, System.out, String.class};
    }

    private static byte[] golden(int version) throws IOException {
        String name = "heap/golden-v" + version + ".bin";
        try (InputStream in = GoldenHeapTest.class.getResourceAsStream("/" + name)) {
            assertNotNull(in, name + " is missing");
            return in.readAllBytes();
        }
    }

    @Test
    void writingTheSameGraphGivesTheGoldenBytesOnEveryJdk() throws IOException {
        assertArrayEquals(golden(HeapFormat.VERSION), write(graph()));
    }

    /** The graph's heap, with identity hash codes numbered in the order they are asked for, as any JVM would not. */
    private static byte[] write(Object[] graph) throws IOException {
        java.util.Map<Object, Integer> numbers = new java.util.IdentityHashMap<>();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        new HeapWriter(GoldenHeapTest.class.getClassLoader())
                .identityHashes(o -> numbers.computeIfAbsent(o, k -> 0x1000 + numbers.size()))
                .write(graph, out);
        return out.toByteArray();
    }

    @Test
    void theGoldenFileReadsBackToTheGraph() throws IOException {
        readsBackToTheGraph(golden(HeapFormat.VERSION));
    }

    /** Heap format 1, before objects built from their content took their ids after it, still reads. */
    @Test
    void theFirstFormatsGoldenFileStillReadsBackToTheGraph() throws IOException {
        readsBackToTheGraph(golden(1));
    }

    /** Heap format 2, before identity hash codes were carried, still reads. */
    @Test
    void theSecondFormatsGoldenFileStillReadsBackToTheGraph() throws IOException {
        readsBackToTheGraph(golden(2));
    }

    /** Heap format 3, before application subclasses of ThreadLocal carried their values, still reads. */
    @Test
    void theThirdFormatsGoldenFileStillReadsBackToTheGraph() throws IOException {
        readsBackToTheGraph(golden(3));
    }

    /** Heap format 4, before readers carried what they had read ahead, still reads. */
    @Test
    void theFourthFormatsGoldenFileStillReadsBackToTheGraph() throws IOException {
        readsBackToTheGraph(golden(4));
    }

    /** Heap format 5, before threads carried their stack size, still reads. */
    @Test
    void theFifthFormatsGoldenFileStillReadsBackToTheGraph() throws IOException {
        readsBackToTheGraph(golden(5));
    }

    private static void readsBackToTheGraph(byte[] heap) throws IOException {
        Mood.BUSY.changes = 0;
        Object[] g = RoundTrip.read(heap);
        Person ann = (Person) g[0];
        assertEquals("Bøb 日本", ann.friend.name);
        assertSame(ann, ann.friend.friend);
        assertArrayEquals(new int[] {3, 1, 4}, ann.scores);
        assertSame(Mood.BUSY, ann.mood);
        assertEquals(2, Mood.BUSY.changes);
        assertEquals(List.of("b", "c"), drain((Iterator<?>) g[2]));
        assertEquals(Map.of("one", 1, "two", 2, "three", 3), g[3]);
        assertSame(ann, ((Map<?, ?>) g[4]).get("ann"));
        assertEquals(new Box("box", 7), ((TreeMap<?, ?>) g[5]).get("yy"));
        assertEquals(42, ((IntUnaryOperator) g[6]).applyAsInt(7));
        assertEquals("cause", ((Throwable) g[7]).getCause().getMessage());
        assertEquals(12, ((Throwable) g[7]).getStackTrace()[0].getLineNumber());
        assertEquals(new BigDecimal("-12.50"), g[8]);
        assertEquals(Optional.of(Mood.CALM), g[14]);
        assertEquals(EnumSet.of(TimeUnit.HOURS, TimeUnit.DAYS), g[16]);
        assertSame(System.out, g[19]);
        assertSame(String.class, g[20]);
    }

    private static List<Object> drain(Iterator<?> it) {
        List<Object> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    /** Regenerates the golden file: {@code java -cp ... GoldenHeapTest runtime/src/test/resources/heap/golden-v6.bin}. */
    public static void main(String[] args) throws IOException {
        java.nio.file.Files.write(java.nio.file.Path.of(args[0]), write(graph()));
    }
}
