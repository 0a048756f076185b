package dev.stasis.internal.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stasis.internal.heap.HeapStats;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** compress=lz4|deflate: the heap section compressed in blocks, and read back from the file alone. */
class CompressedHeapTest {

    @TempDir
    Path dir;

    private static Snapshot snapshot(String agentOptions) {
        Snapshot s = Samples.snapshot();
        CheckpointHeader h = s.header;
        CheckpointHeader withOptions = new CheckpointHeader(h.jdkVendor, h.jdkVersion, h.os, h.arch, h.timeMillis,
                h.mainClass, h.classPath, agentOptions);
        return new Snapshot(withOptions, s.methods, s.initializedClasses, s.threads, s.statics, s.listeners);
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"LZ4", "DEFLATE"})
    void compressedCheckpointReadsBackTheSameRoots(Compression compression) throws Exception {
        Path file = CheckpointWriter.write(snapshot("dir=ckpt,compress=" + compression.optionName()), dir, 3,
                new TestHeap());

        FileStructure structure = FileStructure.check(file, null);
        assertEquals(compression, structure.compression);
        assertEquals(FileLayout.VERSION, structure.version);
        LoadedCheckpoint loaded = CheckpointReader.read(file, new TestHeap(), classes -> { });
        Object[] statics = loaded.snapshot.statics.get(0).values;
        assertEquals(42, statics[0]);
        assertEquals(Samples.SHARED, statics[1]);
        assertArrayEquals(new long[] {7, Long.MIN_VALUE}, loaded.snapshot.threads.get(0).frames.get(0).prims());
    }

    @Test
    void uncompressedCheckpointsHaveThePlainHeapSection() throws Exception {
        Path file = CheckpointWriter.write(snapshot("dir=ckpt,compress=none"), dir, 3, new TestHeap());
        FileStructure structure = FileStructure.check(file, null);
        assertEquals(Compression.NONE, structure.compression);
        assertEquals(FileLayout.VERSION, structure.version);
    }

    /** Several blocks, the last one partial; both a compressible and an incompressible heap. */
    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"LZ4", "DEFLATE"})
    void largeHeapsSpanManyBlocks(Compression compression) throws Exception {
        byte[] heap = heapBytes(3 * FileLayout.COMPRESSED_BLOCK + 12_345, 1);
        Path file = CheckpointWriter.write(snapshot("compress=" + compression.optionName()), dir, 3,
                new RawHeap(heap));
        // A third of these bytes are random; lz4's fast compressor keeps about 58% of them.
        assertTrue(Files.size(file) < heap.length * 3 / 4, "compressible heap of " + heap.length + " bytes stored in "
                + Files.size(file));
        RawHeap reader = new RawHeap(null);
        CheckpointReader.read(file, reader, classes -> { });
        assertArrayEquals(heap, reader.read);
        assertEquals(heap.length, reader.announcedLength);

        byte[] random = new byte[FileLayout.COMPRESSED_BLOCK + 7];
        new Random(5).nextBytes(random);
        Path incompressible = CheckpointWriter.write(snapshot("compress=" + compression.optionName()), dir, 3,
                new RawHeap(random));
        RawHeap again = new RawHeap(null);
        CheckpointReader.read(incompressible, again, classes -> { });
        assertArrayEquals(random, again.read);
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"LZ4", "DEFLATE"})
    void impossibleBlockLengthsAreRefusedBeforeAllocating(Compression compression) throws IOException {
        byte[] valid = compress(compression, heapBytes(100_000, 2));
        for (int[] lengths : new int[][] {{0, 10}, {-1, 10}, {FileLayout.COMPRESSED_BLOCK + 1, 10}, {1000, 0},
                {1000, Integer.MAX_VALUE}, {1000, -5}}) {
            byte[] bad = valid.clone();
            putInt(bad, 0, lengths[0]);
            putInt(bad, 4, lengths[1]);
            CheckpointFileException e = assertThrows(CheckpointFileException.class, () -> decompress(compression, bad));
            assertTrue(e.getMessage().contains("impossible lengths"), e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"LZ4", "DEFLATE"})
    void truncatedOrWrongLengthBlocksAreDamage(Compression compression) throws IOException {
        byte[] original = heapBytes(200_000, 3);
        byte[] valid = compress(compression, original);
        assertArrayEquals(original, decompress(compression, valid));

        byte[] cut = Arrays.copyOf(valid, valid.length - 3);
        assertTrue(assertThrows(CheckpointFileException.class, () -> decompress(compression, cut)).getMessage()
                .contains("ends inside block 1"));
        byte[] headerCut = Arrays.copyOf(valid, 5);
        assertThrows(CheckpointFileException.class, () -> decompress(compression, headerCut));

        byte[] longer = valid.clone();
        putInt(longer, 0, original.length + 1);
        assertThrows(CheckpointFileException.class, () -> decompress(compression, longer));
    }

    /**
     * Compressed bytes altered behind valid checksums (the chunk checksums catch any accidental
     * damage first): the codec either yields bytes of the announced length or the read fails as a
     * damaged file; never another exception, a hang or a crash.
     */
    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"LZ4", "DEFLATE"})
    void alteredCompressedBytesAreReadOrRefusedCleanly(Compression compression) throws IOException {
        byte[] original = heapBytes(300_000, 4);
        byte[] valid = compress(compression, original);
        Random random = new Random(17);
        int refused = 0;
        for (int round = 0; round < 400; round++) {
            byte[] bad = valid.clone();
            int changes = 1 + random.nextInt(4);
            for (int k = 0; k < changes; k++) {
                int at = 8 + random.nextInt(bad.length - 8);
                bad[at] = random.nextBoolean() ? (byte) random.nextInt() : (byte) (bad[at] ^ (1 << random.nextInt(8)));
            }
            try {
                assertEquals(original.length, decompress(compression, bad).length);
            } catch (CheckpointFileException e) {
                assertTrue(e.getMessage().contains("damaged"), e.getMessage());
                refused++;
            }
        }
        assertTrue(refused > 0, "no alteration was detected");
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"LZ4", "DEFLATE"})
    void aDamagedCompressedHeapInAFileIsReportedAsDamage(Compression compression) throws Exception {
        byte[] heap = heapBytes(50_000, 6);
        Path file = CheckpointWriter.write(snapshot("compress=" + compression.optionName()), dir, 3,
                new RawHeap(heap));
        byte[] valid = Files.readAllBytes(file);
        FileStructure structure = FileStructure.check(file, null);
        // The first chunk of the heap: u32 length, then the first block's header and compressed bytes.
        int chunk = (int) structure.offset(Section.HEAP);
        byte[] bad = valid.clone();
        putInt(bad, chunk + 4 + 8, 0x12345678);
        resealChunk(bad, chunk);
        Path altered = dir.resolve("altered.stasis");
        Files.write(altered, bad);
        CheckpointFileException e = assertThrows(CheckpointFileException.class,
                () -> CheckpointReader.read(altered, new RawHeap(null), classes -> { }));
        assertTrue(e.getMessage().contains("compressed heap block 1 cannot be decompressed"), e.getMessage());
    }

    /** DEFLATE blocks carry zlib's Adler-32: a change that still inflates is caught by it. */
    @Test
    void deflateBlocksCheckTheirContent() throws IOException {
        byte[] original = heapBytes(100_000, 7);
        byte[] valid = compress(Compression.DEFLATE, original);
        byte[] bad = valid.clone();
        bad[bad.length - 1] ^= 1;
        CheckpointFileException e = assertThrows(CheckpointFileException.class,
                () -> decompress(Compression.DEFLATE, bad));
        assertTrue(e.getMessage().contains("compressed heap block 1 cannot be decompressed"), e.getMessage());
    }

    @Test
    void unknownCompressionNamesAreNotAccepted() {
        assertEquals(Compression.DEFLATE, Compression.named(" DEFLATE "));
        assertEquals(null, Compression.named("zstd"));
        assertEquals(null, Compression.named("gzip"));
        assertEquals(Compression.NONE, CheckpointWriter.compression(snapshot("not an option list").header));
    }

    private static byte[] compress(Compression compression, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CompressedOutputStream out = new CompressedOutputStream(bytes, compression)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    private static byte[] decompress(Compression compression, byte[] data) throws IOException {
        FileInput file = new FileInput(new ByteArrayInputStream(new byte[0]), Path.of("test.stasis"), data.length, 0);
        return new CompressedInputStream(new ByteArrayInputStream(data), file, compression).readAllBytes();
    }

    /** Heap-like bytes: repeated records with small varying numbers, compressible as real heaps are. */
    private static byte[] heapBytes(int length, long seed) {
        Random random = new Random(seed);
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (i % 24 < 8 ? i % 24 : random.nextInt(4));
        }
        return b;
    }

    /** Recomputes the checksum of the chunk at {@code at} and the file's, as a deliberate forger would. */
    private static void resealChunk(byte[] file, int at) {
        int n = ByteBuffer.wrap(file, at, 4).getInt();
        CRC32C chunk = new CRC32C();
        chunk.update(file, at, 4 + n);
        putInt(file, at + 4 + n, (int) chunk.getValue());
        CRC32C whole = new CRC32C();
        whole.update(file, 0, file.length - 4);
        putInt(file, file.length - 4, (int) whole.getValue());
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    /** Writes given bytes as the whole heap and keeps what it reads back. */
    private static final class RawHeap implements HeapEncoder, HeapDecoder {
        private final byte[] heap;
        byte[] read;
        long announcedLength;

        RawHeap(byte[] heap) {
            this.heap = heap;
        }

        @Override
        public HeapStats write(Object[] roots, java.io.OutputStream out) throws IOException {
            out.write(heap);
            return new HeapStats(Map.of(), 0, heap.length, Map.of());
        }

        @Override
        public Object[] read(InputStream in, long length) throws IOException {
            announcedLength = length;
            read = in.readAllBytes();
            Object[] roots = new Object[5];
            roots[0] = new Object[2];
            roots[1] = new Object[2];
            roots[2] = new Object[2];
            roots[3] = List.of().toArray();
            roots[4] = new Object[] {new Object[0], new Object[0]};
            return roots;
        }

        @Override
        public void completeDeferred() {
        }
    }
}
