package dev.stasis.internal.format;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.stasis.internal.capture.FrameRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzzing of the reader: valid checkpoints (the checked-in version 1 sample, and a fresh one
 * written by the real heap writer with a richer heap, unsigned and signed) are mutated thousands
 * of times, and every read must end in a {@link CheckpointFileException} or succeed, never in
 * another exception, an error (OutOfMemoryError from a forged length above all) or a hang.
 *
 * <p>Two kinds of mutation: raw ones on the file's bytes (bit flips, overwrites, inserted and
 * deleted ranges, truncation, duplicated sections, forged chunk lengths, appended copies), which
 * the checksums must catch, so a raw mutant may be read only if it equals the original; and
 * mutations of one section's body written back with every chunk checksum, the trailer and the
 * whole-file checksum recomputed, as a forger would, which get past the checksums and test the
 * parsers themselves (heap included): these may be read successfully, whatever they now mean.
 *
 * <p>{@code -Dstasis.fuzz.iterations=N} (default 2000) and {@code -Dstasis.fuzz.seed=S} (default
 * fixed) choose the run; a failure names the seed, the iteration and the mutation, and iteration i
 * of seed S is the same mutation on every machine.
 */
class FuzzTest {

    private static final int ITERATIONS = Integer.getInteger("stasis.fuzz.iterations", 2000);
    private static final long SEED = Long.getLong("stasis.fuzz.seed", 0x5eed_2026_1126L);
    /** A read of a file of a few kilobytes that takes longer than this hangs. */
    private static final long ATTEMPT_TIMEOUT_SECONDS = 20;

    private static final int[] HUGE = {0x7FFFFFFF, 0xFFFFFFFF, 0x80000000, FileLayout.MAX_CHUNK + 1, 0x00FFFFFF,
        0xFFFFFFFE, 0x40000000};

    @TempDir
    Path dir;

    private ExecutorService worker;
    private CheckpointKey key;
    /** Mutants past every checksum that the parsers still read, and those the heap reader refused. */
    private final AtomicInteger forgedRead = new AtomicInteger();
    private final AtomicInteger heapRefusals = new AtomicInteger();

    /** One valid file to mutate, the key it is read with (null: unsigned), its parts. */
    private record Source(String name, byte[] bytes, CheckpointKey key, int preamble, Map<Section, byte[]> bodies,
            Map<Section, int[]> extents) {
    }

    /** Application data of the richer heap: fields, shared references and a cycle. */
    static final class Node {
        String name;
        Node next;
        int[] weights;
        List<Node> children = new ArrayList<>();
    }

    @BeforeEach
    void start() throws IOException {
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-reader");
            t.setDaemon(true);
            return t;
        });
        key = CheckpointKey.load(Files.write(dir.resolve("fuzz.key"),
                "fuzzing key, not secret".getBytes(StandardCharsets.US_ASCII)));
    }

    @AfterEach
    void stop() {
        worker.shutdownNow();
    }

    @Test
    void mutatedFilesAreReadOrRefusedCleanly() throws Exception {
        Path sample = Path.of(FuzzTest.class.getResource("/format/v1-sample.stasis").toURI());
        List<Source> sources = List.of(
                source("v1-sample.stasis", sample, null),
                source("rich heap", CheckpointWriter.write(richSnapshot(), dir.resolve("rich"), 1), null),
                source("rich heap, signed", CheckpointWriter.write(richSnapshot(), dir.resolve("signed"), 1,
                        new dev.stasis.internal.heap.HeapWriter(ClassLoader.getSystemClassLoader()), key), key));
        for (Source s : sources) {
            String outcome = attempt(s, s.bytes, "unchanged", 0);
            assertTrue(outcome == null, s.name + " must read as it is: " + outcome);
        }
        Path file = dir.resolve("mutant.stasis");
        for (int i = 0; i < ITERATIONS; i++) {
            Random random = new Random(SEED ^ (i * 0x9E3779B97F4A7C15L));
            Source s = sources.get(random.nextInt(sources.size()));
            StringBuilder mutation = new StringBuilder(s.name).append(": ");
            boolean forged = s.key == null && random.nextInt(2) == 0;
            byte[] mutant = forged ? forgeBody(s, random, mutation) : mutateRaw(s, random, mutation);
            String failure = attempt(s, mutant, mutation.toString(), i);
            if (failure != null) {
                Files.write(file, mutant);
                fail("fuzz seed " + SEED + " iteration " + i + " (" + mutation + "): " + failure
                        + "\nThe mutant is in " + file + "; rerun with -Dstasis.fuzz.seed=" + SEED);
            }
        }
        // The forged mutants must reach the parsers, the heap reader included, or the run proves little.
        assertTrue(ITERATIONS < 500 || forgedRead.get() > 0 && heapRefusals.get() > 0,
                "forged mutants read: " + forgedRead + ", refused by the heap reader: " + heapRefusals);
    }

    /**
     * Reads {@code bytes} as {@code s} is read (summary, then everything); returns null when the
     * outcome is acceptable, else what went wrong.
     */
    private String attempt(Source s, byte[] bytes, String mutation, int iteration) throws Exception {
        Path file = dir.resolve("attempt-" + iteration + ".stasis");
        Files.write(file, bytes);
        boolean forged = mutation.contains("rewritten with valid checksums");
        Future<String> result = worker.submit(() -> {
            try {
                CheckpointReader.readHeader(file, s.key);
                Predicate<String> allowed = name -> !name.startsWith("dev.stasis.")
                        || name.startsWith(FuzzTest.class.getName()) || name.equals(FrameRecord.class.getName());
                LoadedCheckpoint loaded = CheckpointReader.read(file, s.key, ClassLoader.getSystemClassLoader(),
                        allowed, classes -> { });
                loaded.heap.completeDeferred();
                if (!forged && !Arrays.equals(bytes, s.bytes)) {
                    return "a changed file was read as valid";
                }
                if (forged) {
                    forgedRead.incrementAndGet();
                }
                return null;
            } catch (CheckpointFileException e) {
                if (!e.getMessage().startsWith(file.toString()) || e.getMessage().contains("\n")) {
                    return "the message is not one paragraph naming the file: " + e.getMessage();
                }
                if (e.getMessage().contains("heap section cannot be read")) {
                    heapRefusals.incrementAndGet();
                }
                return null;
            } catch (java.io.UncheckedIOException e) {
                // completeDeferred's documented failure: content inconsistent once fields are set
                return e.getCause() instanceof dev.stasis.internal.heap.CorruptHeapException ? null : trace(e);
            } catch (Throwable e) {
                return trace(e);
            }
        });
        try {
            return result.get(ATTEMPT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return "the read did not end within " + ATTEMPT_TIMEOUT_SECONDS + " s (a hang)";
        } catch (ExecutionException e) {
            return trace(e.getCause());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static String trace(Throwable e) {
        StringWriter w = new StringWriter();
        e.printStackTrace(new PrintWriter(w));
        return "unexpected " + w;
    }

    private static byte[] mutateRaw(Source s, Random random, StringBuilder mutation) {
        byte[] b = s.bytes;
        int count = 1 + (random.nextInt(4) == 0 ? random.nextInt(3) : 0);
        for (int m = 0; m < count; m++) {
            if (m > 0) {
                mutation.append(", then ");
            }
            b = mutateOnce(s, b, random, mutation);
        }
        return b;
    }

    private static byte[] mutateOnce(Source s, byte[] b, Random random, StringBuilder mutation) {
        int at = b.length == 0 ? 0 : random.nextInt(b.length);
        switch (random.nextInt(9)) {
            case 0: {
                byte[] c = b.clone();
                if (c.length > 0) {
                    int bit = random.nextInt(8);
                    c[at] ^= (byte) (1 << bit);
                    mutation.append("bit ").append(bit).append(" of byte ").append(at).append(" flipped");
                }
                return c;
            }
            case 1: {
                byte[] c = b.clone();
                int n = Math.min(1 + random.nextInt(16), c.length - at);
                int kind = random.nextInt(3);
                for (int k = 0; k < n; k++) {
                    c[at + k] = kind == 0 ? 0 : kind == 1 ? (byte) 0xFF : (byte) random.nextInt();
                }
                mutation.append(n).append(" bytes at ").append(at).append(" overwritten with ")
                        .append(kind == 0 ? "0x00" : kind == 1 ? "0xFF" : "random bytes");
                return c;
            }
            case 2: {
                int n = 1 + random.nextInt(random.nextBoolean() ? 8 : 4096);
                byte[] inserted = new byte[n];
                random.nextBytes(inserted);
                mutation.append(n).append(" random bytes inserted at ").append(at);
                return splice(b, at, 0, inserted);
            }
            case 3: {
                int n = Math.min(1 + random.nextInt(random.nextBoolean() ? 8 : 4096), b.length - at);
                mutation.append(n).append(" bytes deleted at ").append(at);
                return splice(b, at, n, new byte[0]);
            }
            case 4:
                mutation.append("truncated to ").append(at).append(" bytes");
                return Arrays.copyOf(b, at);
            case 5: {
                Section section = Section.values()[random.nextInt(Section.values().length)];
                int[] extent = s.extents.get(section);
                if (b != s.bytes || extent == null) {
                    mutation.append("section ").append(section).append(" not duplicated (file already changed)");
                    return b;
                }
                mutation.append("section ").append(section).append(" duplicated");
                return splice(b, extent[1], 0, Arrays.copyOfRange(b, extent[0], extent[1]));
            }
            case 6: {
                Section section = Section.values()[random.nextInt(Section.values().length)];
                int[] extent = s.extents.get(section);
                int value = HUGE[random.nextInt(HUGE.length)];
                int where = b == s.bytes && extent != null ? extent[0] + 4 : Math.min(at, Math.max(0, b.length - 4));
                byte[] c = b.clone();
                if (c.length >= where + 4) {
                    ByteBuffer.wrap(c).putInt(where, value);
                }
                mutation.append("length at ").append(where).append(" forged to 0x").append(Integer.toHexString(value));
                return c;
            }
            case 7:
                mutation.append("the file appended to itself");
                return splice(b, b.length, 0, b);
            default: {
                int value = HUGE[random.nextInt(HUGE.length)];
                int where = Math.min(at & ~3, Math.max(0, b.length - 4));
                byte[] c = b.clone();
                if (c.length >= where + 4) {
                    ByteBuffer.wrap(c).putInt(where, value);
                }
                mutation.append("u32 at ").append(where).append(" set to 0x").append(Integer.toHexString(value));
                return c;
            }
        }
    }

    /**
     * One section's body changed, and the file written again around it with valid chunks, trailer
     * and whole-file checksum: what a forger (or a buggy writer) produces.
     */
    private static byte[] forgeBody(Source s, Random random, StringBuilder mutation) throws IOException {
        Map<Section, byte[]> bodies = new EnumMap<>(s.bodies);
        Section target = Section.values()[random.nextInt(Section.values().length)];
        byte[] body = bodies.get(target);
        mutation.append("section ").append(target).append(' ');
        int at = body.length == 0 ? 0 : random.nextInt(body.length);
        switch (random.nextInt(6)) {
            case 0:
                body = body.clone();
                for (int k = 1 + random.nextInt(4); k > 0 && body.length > 0; k--) {
                    int where = random.nextInt(body.length);
                    body[where] = (byte) random.nextInt();
                    mutation.append("byte ").append(where).append(" changed ");
                }
                break;
            case 1: {
                int value = HUGE[random.nextInt(HUGE.length)];
                body = body.clone();
                if (body.length >= at + 4) {
                    ByteBuffer.wrap(body).putInt(at, value);
                }
                mutation.append("u32 at ").append(at).append(" forged to 0x").append(Integer.toHexString(value))
                        .append(' ');
                break;
            }
            case 2:
                body = body.clone();
                for (int k = 0; k < Math.min(1 + random.nextInt(8), body.length - at); k++) {
                    body[at + k] = (byte) 0xFF;
                }
                mutation.append("bytes from ").append(at).append(" set to 0xFF ");
                break;
            case 3:
                body = Arrays.copyOf(body, at);
                mutation.append("truncated to ").append(at).append(" bytes ");
                break;
            case 4: {
                byte[] inserted = new byte[1 + random.nextInt(64)];
                random.nextBytes(inserted);
                body = splice(body, at, 0, inserted);
                mutation.append(inserted.length).append(" bytes inserted at ").append(at).append(' ');
                break;
            }
            default: {
                Section other = Section.values()[random.nextInt(Section.values().length)];
                body = s.bodies.get(other);
                mutation.append("replaced by the body of ").append(other).append(' ');
                break;
            }
        }
        bodies.put(target, body);
        mutation.append("(rewritten with valid checksums)");
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        ChecksummedOutputStream out = new ChecksummedOutputStream(file);
        out.write(s.bytes, 0, s.preamble);
        for (Section section : Section.values()) {
            out.write(section.tag().getBytes(StandardCharsets.US_ASCII));
            try (ChunkedOutputStream chunks = new ChunkedOutputStream(out)) {
                chunks.write(bodies.get(section));
            }
        }
        out.write(ByteBuffer.allocate(12).putInt(FileLayout.TRAILER_TAG).putLong(out.count() + 16).array());
        out.write(ByteBuffer.allocate(4).putInt(out.crc()).array());
        return file.toByteArray();
    }

    private static byte[] splice(byte[] b, int at, int removed, byte[] inserted) {
        byte[] c = new byte[b.length - removed + inserted.length];
        System.arraycopy(b, 0, c, 0, at);
        System.arraycopy(inserted, 0, c, at, inserted.length);
        System.arraycopy(b, at + removed, c, at + inserted.length, b.length - at - removed);
        return c;
    }

    /** A valid file and, from its structure, each section's body and extent (tag to end marker). */
    private static Source source(String name, Path file, CheckpointKey key) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        FileStructure structure = FileStructure.check(file, key);
        Map<Section, byte[]> bodies = new EnumMap<>(Section.class);
        Map<Section, int[]> extents = new EnumMap<>(Section.class);
        for (Section s : Section.values()) {
            int start = (int) structure.offset(s);
            FileInput in = new FileInput(new ByteArrayInputStream(bytes, start, bytes.length - start), file,
                    bytes.length, start);
            bodies.put(s, new ChunkedInputStream(in, s.name()).readAllBytes());
            extents.put(s, new int[] {start - 4, (int) in.position()});
        }
        return new Source(name, bytes, key, 12 + (bytes[10] << 8 | bytes[11] & 0xFF) + 4, bodies, extents);
    }

    /** The format tests' snapshot with a heap of collections, JDK values and application objects. */
    private static Snapshot richSnapshot() {
        Snapshot base = Samples.snapshot();
        Node root = new Node();
        root.name = "root ✓";
        root.weights = new int[] {1, -2, Integer.MAX_VALUE};
        Node child = new Node();
        child.name = "child";
        child.next = root;
        root.next = child;
        root.children.add(child);
        root.children.add(child);
        Map<String, List<Integer>> map = new HashMap<>();
        map.put("a", new ArrayList<>(List.of(1, 2, 3)));
        map.put("b", List.of(4));
        TreeMap<String, Object> sorted = new TreeMap<>();
        sorted.put("decimal", new BigDecimal("12345.678901234567890"));
        sorted.put("date", LocalDate.of(2026, 11, 26));
        sorted.put("day", DayOfWeek.THURSDAY);
        sorted.put("node", root);
        sorted.put("set", new LinkedHashSet<>(List.of("x", "y", "z")));
        sorted.put("longs", new long[] {Long.MIN_VALUE, 0, Long.MAX_VALUE});
        sorted.put("doubles", new double[] {Double.NaN, -0.0, 1e300});
        sorted.put("text", new StringBuilder("mutable"));
        StaticFields statics = new StaticFields("com.acme.Main", new String[] {"counter", "cache", "map", "sorted"},
                new Object[] {42, Samples.SHARED, map, sorted});
        return new Snapshot(base.header, base.methods, base.initializedClasses, base.threads, List.of(statics),
                List.of());
    }
}
