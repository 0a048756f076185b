package dev.stasis.internal.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stasis.internal.capture.FrameRecord;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointRoundTripTest {

    @TempDir
    Path dir;

    @Test
    void summaryReadsBackEverythingButTheHeap() throws Exception {
        Path file = Samples.write(dir);
        CheckpointSummary s = CheckpointReader.readHeader(file);

        CheckpointHeader h = s.header();
        assertEquals("Eclipse Adoptium", h.jdkVendor);
        assertEquals("25.0.1", h.jdkVersion);
        assertEquals("Linux", h.os);
        assertEquals("aarch64", h.arch);
        assertEquals(1_764_115_200_123L, h.timeMillis);
        assertEquals("com.acme.Main", h.mainClass);
        assertEquals("app.jar:lib/ü-ñ.jar", h.classPath);
        assertEquals("dir=ckpt,exit=true,keep=3", h.agentOptions);
        assertEquals(StasisVersion.formatVersion(), s.formatVersion());
        assertEquals(StasisVersion.current(), s.writer());

        assertEquals(2, s.methods().size());
        MethodInfo main = s.method("com/acme/Main.main([Ljava/lang/String;)V");
        assertEquals("ab12", main.bytecodeHash);
        assertEquals("Main.java", main.sourceFile);
        assertArrayEquals(new int[] {10, 12}, main.siteLines);
        assertArrayEquals(new String[] {"[Ljava/lang/String;I", "[Ljava/lang/String;IJ"}, main.siteLayouts);
        MethodInfo step = s.method("com/acme/Worker.step(I)J");
        assertNull(step.sourceFile);
        assertArrayEquals(new String[] {null}, step.siteLayouts);

        assertEquals(List.of("com.acme.Main", "com.acme.Worker"), s.initializedClasses());

        assertEquals(2, s.threads().size());
        ThreadSummary t = s.threads().get(0);
        assertEquals("main", t.name());
        assertEquals(5, t.priority());
        assertEquals(false, t.daemon());
        assertEquals(2, t.frames().size());
        FrameSummary base = t.frames().get(0);
        assertEquals(main.key, base.method());
        assertEquals(1, base.site());
        assertArrayEquals(new long[] {7, Long.MIN_VALUE}, base.prims());
        assertEquals(2, base.refCount());
        assertEquals(FrameRecord.CTOR_INITIALIZED, t.frames().get(1).siteWord());
        ThreadSummary worker = s.threads().get(1);
        assertEquals("wörker-1 \u2603", worker.name());
        assertTrue(worker.daemon());
        assertEquals(3, worker.priority());

        assertEquals(List.of(new StaticsSummary("com.acme.Main", List.of("counter", "cache"))), s.statics());

        // Three Strings (one shared value counted per reference by the test heap) then the Integer and
        // array, and the exit actions' two empty arrays (no shutdown hook, no file to delete).
        assertEquals(new HistogramEntry("java.lang.String", 3, 48), s.histogram().get(0));
        assertEquals(7, s.heapObjects());
        assertEquals(112, s.heapBytes());
    }

    @Test
    void heapRootsGoBackIntoFramesAndStatics() throws Exception {
        Path file = Samples.write(dir);
        TestHeap heap = new TestHeap();
        List<String> initializedBeforeHeap = new java.util.ArrayList<>();
        LoadedCheckpoint loaded = CheckpointReader.read(file, new HeapDecoder() {
            @Override
            public Object[] read(java.io.InputStream in, long length) throws java.io.IOException {
                assertEquals(List.of("com.acme.Main", "com.acme.Worker"), initializedBeforeHeap,
                        "initialized classes are known before the heap creates objects");
                return heap.read(in, length);
            }

            @Override
            public void completeDeferred() {
                heap.completeDeferred();
            }
        }, initializedBeforeHeap::addAll);

        Snapshot s = loaded.snapshot;
        FrameRecord base = s.threads.get(0).frames.get(0);
        FrameRecord top = s.threads.get(0).frames.get(1);
        assertEquals(7, base.nextInt());
        assertEquals(Long.MIN_VALUE, base.nextLong());
        assertArrayEquals(new String[] {"a"}, (String[]) base.nextObject());
        Object shared = base.nextObject();
        assertEquals(Samples.SHARED, shared);
        assertEquals(-0.5, top.nextDouble());
        assertNull(top.nextObject());
        assertSame(shared, top.nextObject(), "one object referenced from two frames stays one object");
        assertTrue(top.isInitializedConstructor());

        StaticFields statics = s.statics.get(0);
        assertArrayEquals(new String[] {"counter", "cache"}, statics.names);
        assertEquals(42, statics.values[0]);
        assertSame(shared, statics.values[1]);
        assertEquals(List.of("com.acme.Main", "com.acme.Worker"), s.initializedClasses);
        assertEquals("com.acme.Main", s.header.mainClass);

        loaded.heap.completeDeferred();
        assertTrue(heap.completed);
    }

    @Test
    void anOpenedCheckpointIsReadWithoutLookingForItAgain() throws Exception {
        Path good = Samples.write(dir);
        byte[] bytes = java.nio.file.Files.readAllBytes(good);
        bytes[bytes.length / 2] ^= 0x20;
        Path damaged = java.nio.file.Files.write(dir.resolve("checkpoint-20991231-235959-999-000001.stasis"), bytes);
        List<String> skipped = new java.util.ArrayList<>();

        CheckedCheckpoint checked = CheckpointReader.open(dir, null, skipped::add);
        assertEquals(good, checked.file(), "the newest file that passes every check");
        assertEquals(1, skipped.size());
        assertTrue(skipped.get(0).contains(damaged.getFileName().toString()), skipped.get(0));
        assertEquals(List.of("com.acme.Main", "com.acme.Worker"), checked.summary().initializedClasses());

        List<String> initializedBeforeHeap = new java.util.ArrayList<>();
        LoadedCheckpoint loaded = CheckpointReader.read(checked, new TestHeap(), initializedBeforeHeap::addAll);
        assertEquals(List.of("com.acme.Main", "com.acme.Worker"), initializedBeforeHeap);
        assertEquals(42, loaded.snapshot.statics.get(0).values[0]);
        FrameRecord top = loaded.snapshot.threads.get(0).frames.get(1);
        assertEquals(-0.5, top.nextDouble());
        assertNull(top.nextObject());
        assertSame(loaded.snapshot.statics.get(0).values[1], top.nextObject(), "one heap for frames and statics");
    }

    @Test
    void aLargeHeapIsWrittenInChunks() throws Exception {
        // 3 MB of heap spans many 64 KiB chunks; each is checked on its own when read back.
        byte[] big = new byte[3 << 20];
        for (int k = 0; k < big.length; k++) {
            big[k] = (byte) (k * 31);
        }
        Snapshot base = Samples.snapshot();
        Snapshot s = new Snapshot(base.header, base.methods, base.initializedClasses, base.threads,
                List.of(new StaticFields("com.acme.Big", new String[] {"data"}, new Object[] {big})), List.of());
        Path file = CheckpointWriter.write(s, dir, 1, new TestHeap());
        LoadedCheckpoint loaded = CheckpointReader.read(file, new TestHeap(), classes -> { });
        assertArrayEquals(big, (byte[]) loaded.snapshot.statics.get(0).values[0]);
    }

    @Test
    void classFilesTheProgramsLoadersDefinedAreCarried() throws Exception {
        Snapshot base = Samples.snapshot();
        Map<String, byte[]> carried = new LinkedHashMap<>();
        carried.put("gen.Script1", new byte[] {(byte) 0xCA, (byte) 0xFE, 1, 2});
        carried.put("gen.Script1$Closure", new byte[] {(byte) 0xCA, (byte) 0xFE, 3});
        Snapshot s = new Snapshot(base.header, base.methods, base.initializedClasses, base.threads, base.statics,
                base.listeners, carried);
        Path file = CheckpointWriter.write(s, dir, 1, new TestHeap());
        Map<String, byte[]> read = CheckpointReader.readHeader(file).carriedClasses();
        assertEquals(List.copyOf(carried.keySet()), List.copyOf(read.keySet()), "names, in order");
        assertArrayEquals(carried.get("gen.Script1$Closure"), read.get("gen.Script1$Closure"));
        LoadedCheckpoint loaded = CheckpointReader.read(file, new TestHeap(), classes -> { });
        assertArrayEquals(carried.get("gen.Script1"), loaded.snapshot.carriedClasses.get("gen.Script1"));
        assertTrue(CheckpointReader.readHeader(Samples.write(dir.resolve("plain"))).carriedClasses().isEmpty(),
                "a program with no loaders of its own carries nothing");
    }

    @Test
    void theIdentityHashCodesOfClassesHeldAsValuesAreListed() throws Exception {
        Snapshot base = Samples.snapshot();
        Snapshot s = new Snapshot(base.header, base.methods, base.initializedClasses, base.threads,
                List.of(new StaticFields("com.acme.Registry", new String[] {"types", "other"},
                        new Object[] {StringBuilder.class, Thread.State.class})), List.of());
        Path file = CheckpointWriter.write(s, dir, 1, new TestHeap());
        Map<String, Integer> hashes = CheckpointReader.readHeader(file).classHashes();
        assertEquals(List.of("java.lang.StringBuilder", "java.lang.Thread$State"), List.copyOf(hashes.keySet()));
        assertEquals(System.identityHashCode(StringBuilder.class), hashes.get("java.lang.StringBuilder"));
        assertTrue(CheckpointReader.readHeader(Samples.write(dir.resolve("plain"))).classHashes().isEmpty(),
                "a heap that holds no class lists none");
    }
}
