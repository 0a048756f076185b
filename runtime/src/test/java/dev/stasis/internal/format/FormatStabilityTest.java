package dev.stasis.internal.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.stasis.internal.capture.FrameRecord;
import dev.stasis.internal.heap.ThreadStacks;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files written by earlier versions stay readable. {@code format/v1-sample.stasis} was written by
 * {@code CheckpointWriter.write(Samples.snapshot(), dir, 1)} with the real heap writer. Once format
 * version 1 is released it must never be regenerated, only joined by a sample of each new version;
 * until then, a deliberate change of the heap's encoding regenerates it the same way.
 */
class FormatStabilityTest {

    @TempDir
    Path dir;

    private static Path sample() throws Exception {
        return Path.of(FormatStabilityTest.class.getResource("/format/v1-sample.stasis").toURI());
    }

    /**
     * The same snapshot with compress=lz4 in its recorded options: format version 2, heap section
     * HLZ4. Never regenerated once released, as the version 1 sample.
     */
    private static Path lz4Sample() throws Exception {
        return Path.of(FormatStabilityTest.class.getResource("/format/v2-lz4-sample.stasis").toURI());
    }

    @Test
    void version1SampleSummary() throws Exception {
        CheckpointSummary s = CheckpointReader.readHeader(sample());
        assertEquals(1, s.formatVersion());
        assertEquals("com.acme.Main", s.header().mainClass);
        assertEquals("app.jar:lib/ü-ñ.jar", s.header().classPath);
        assertEquals(1_764_115_200_123L, s.header().timeMillis);
        assertArrayEquals(new int[] {10, 12}, s.method("com/acme/Main.main([Ljava/lang/String;)V").siteLines);
        assertEquals(List.of("com.acme.Main", "com.acme.Worker"), s.initializedClasses());
        assertEquals("wörker-1 \u2603", s.threads().get(1).name());
        assertArrayEquals(new long[] {7, Long.MIN_VALUE}, s.threads().get(0).frames().get(0).prims());
        assertEquals(List.of("counter", "cache"), s.statics().get(0).fieldNames());
    }

    @Test
    void version1SampleWithItsHeap() throws Exception {
        assertHeap(CheckpointReader.read(sample(), ClassLoader.getSystemClassLoader(), name -> true, c -> { }));
    }

    @Test
    void version2Lz4SampleWithItsHeap() throws Exception {
        CheckpointSummary s = CheckpointReader.readHeader(lz4Sample());
        assertEquals(2, s.formatVersion());
        assertEquals("dir=ckpt,exit=true,keep=3,compress=lz4", s.header().agentOptions);
        assertEquals(Compression.LZ4, FileStructure.check(lz4Sample(), null).compression);
        assertHeap(CheckpointReader.read(lz4Sample(), ClassLoader.getSystemClassLoader(), name -> true, c -> { }));
    }

    /**
     * The version 1 sample's snapshot written as format version 3 (heap format 2, whose objects
     * built from their content take their ids after it). Never regenerated once released.
     */
    @Test
    void version3SampleWithItsHeap() throws Exception {
        assertHeap(readSample(3));
    }

    /**
     * The same snapshot written as format version 4 (heap format 3, which carries identity hash
     * codes). Never regenerated once released.
     */
    @Test
    void version4SampleWithItsHeap() throws Exception {
        assertHeap(readSample(4));
    }

    /**
     * The same snapshot written as format version 5 (heap format 4, where objects of application
     * subclasses of ThreadLocal carry their per-thread values). Never regenerated once released.
     */
    @Test
    void version5SampleWithItsHeap() throws Exception {
        assertHeap(readSample(5));
    }

    /**
     * The same snapshot written as format version 6 (heap format 5, where readers carry what they
     * have read ahead). Never regenerated once released.
     */
    @Test
    void version6SampleWithItsHeap() throws Exception {
        assertHeap(readSample(6));
    }

    /**
     * The same snapshot with a shutdown hook and a file to delete on exit, written as format
     * version 7 (the heap root of the program's exit actions). Never regenerated once released.
     */
    @Test
    void version7SampleWithItsHeapAndExitActions() throws Exception {
        LoadedCheckpoint loaded = readSample(7);
        assertEquals(1, loaded.snapshot.shutdownHooks.size());
        assertEquals("sample hook", loaded.snapshot.shutdownHooks.get(0).getName());
        assertEquals(Thread.State.NEW, loaded.snapshot.shutdownHooks.get(0).getState());
        assertEquals(List.of("/data/job/partial.tmp"), loaded.snapshot.filesToDelete);
        assertHeap(loaded);
    }

    /**
     * {@link #version7SampleWithItsHeapAndExitActions}'s snapshot, its hook made with a 4 MiB
     * stack, written as format version 8 (threads carry their stack size: heap format 6). Never
     * regenerated once released.
     */
    @Test
    void version8SampleWithItsHeapAndAThreadsStackSize() throws Exception {
        LoadedCheckpoint loaded = readSample(8);
        Thread hook = loaded.snapshot.shutdownHooks.get(0);
        assertEquals("sample hook", hook.getName());
        assertEquals(4L << 20, ThreadStacks.own(hook));
        assertEquals(List.of("/data/job/partial.tmp"), loaded.snapshot.filesToDelete);
        assertHeap(loaded);
    }

    @Test
    void filesOfEarlierVersionsHaveNoExitActions() throws Exception {
        Path sample = Path.of(FormatStabilityTest.class.getResource("/format/v6-sample.stasis").toURI());
        LoadedCheckpoint loaded = CheckpointReader.read(sample, ClassLoader.getSystemClassLoader(), name -> true,
                c -> { });
        assertEquals(List.of(), loaded.snapshot.shutdownHooks);
        assertEquals(List.of(), loaded.snapshot.filesToDelete);
    }

    @Test
    void roundTripThroughTheRealHeap() throws Exception {
        Path file = CheckpointWriter.write(Samples.snapshot(), dir, 1);
        assertHeap(CheckpointReader.read(file, ClassLoader.getSystemClassLoader(), name -> true, c -> { }));
    }

    /** The sample snapshot written as format {@code version}, which its header must say, read through the real heap. */
    private static LoadedCheckpoint readSample(int version) throws Exception {
        Path sample = Path.of(FormatStabilityTest.class.getResource("/format/v" + version + "-sample.stasis").toURI());
        assertEquals(version, CheckpointReader.readHeader(sample).formatVersion());
        return CheckpointReader.read(sample, ClassLoader.getSystemClassLoader(), name -> true, c -> { });
    }

    private static void assertHeap(LoadedCheckpoint loaded) {
        FrameRecord base = loaded.snapshot.threads.get(0).frames.get(0);
        FrameRecord top = loaded.snapshot.threads.get(0).frames.get(1);
        assertEquals(7, base.nextInt());
        assertEquals(Long.MIN_VALUE, base.nextLong());
        assertArrayEquals(new String[] {"a"}, (String[]) base.nextObject());
        Object shared = base.nextObject();
        assertEquals(Samples.SHARED, shared);
        assertEquals(-0.5, top.nextDouble());
        assertNull(top.nextObject());
        assertSame(shared, top.nextObject());
        StaticFields statics = loaded.snapshot.statics.get(0);
        assertEquals(42, statics.values[0]);
        assertSame(shared, statics.values[1]);
        loaded.heap.completeDeferred();
    }
}
