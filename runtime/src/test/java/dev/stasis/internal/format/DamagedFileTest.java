package dev.stasis.internal.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input gives a CheckpointFileException with a clear message, and nothing else. */
class DamagedFileTest {

    @TempDir
    Path dir;
    byte[] valid;

    @BeforeEach
    void writeValidFile() throws IOException {
        valid = Files.readAllBytes(Samples.write(dir.resolve("source")));
    }

    /** Reads {@code bytes} as a checkpoint both ways; returns the message of the failure. */
    private String failure(byte[] bytes) throws IOException {
        Path file = dir.resolve("damaged.stasis");
        Files.write(file, bytes);
        String message = null;
        for (int way = 0; way < 2; way++) {
            try {
                if (way == 0) {
                    CheckpointReader.readHeader(file);
                } else {
                    CheckpointReader.read(file, new TestHeap(), classes -> { });
                }
                fail("damaged file was accepted");
            } catch (CheckpointFileException e) {
                assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
                assertFalse(e.getMessage().contains("\n"), "one paragraph: " + e.getMessage());
                message = e.getMessage();
            }
        }
        return message;
    }

    @Test
    void empty() throws IOException {
        assertTrue(failure(new byte[0]).contains("empty"));
    }

    @Test
    void truncatedAtEveryOffset() throws IOException {
        for (int n = 1; n < valid.length; n++) {
            String m = failure(Arrays.copyOf(valid, n));
            assertTrue(m.contains("truncated") || m.contains("damaged"), m);
        }
        assertTrue(failure(Arrays.copyOf(valid, valid.length - 1)).contains("truncated"));
    }

    @Test
    void everySingleBitFlipIsCaught() throws IOException {
        for (int k = 0; k < valid.length; k++) {
            byte[] b = valid.clone();
            b[k] ^= (byte) (1 << (k % 8));
            failure(b);
        }
    }

    @Test
    void scatteredDamage() throws IOException {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            byte[] b = valid.clone();
            for (int k = 1 + random.nextInt(8); k > 0; k--) {
                b[random.nextInt(b.length)] = (byte) random.nextInt();
            }
            if (!Arrays.equals(b, valid)) {
                failure(b);
            }
        }
    }

    @Test
    void randomBytes() throws IOException {
        Random random = new Random(7);
        for (int round = 0; round < 50; round++) {
            byte[] b = new byte[1 + random.nextInt(5000)];
            random.nextBytes(b);
            assertTrue(failure(b).contains("not a Stasis checkpoint"));
            System.arraycopy(FileLayout.MAGIC, 0, b, 0, Math.min(8, b.length));
            failure(b);
        }
    }

    @Test
    void doubledFile() throws IOException {
        byte[] b = Arrays.copyOf(valid, valid.length * 2);
        System.arraycopy(valid, 0, b, valid.length, valid.length);
        assertTrue(failure(b).contains("appended"));
    }

    @Test
    void zipFile() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("checkpoint.stasis"));
            zip.write(valid);
        }
        assertTrue(failure(bytes.toByteArray()).contains("ZIP"));
    }

    @Test
    void textModeTransfer() throws IOException {
        byte[] b = new byte[valid.length - 1];
        System.arraycopy(valid, 0, b, 0, 6);
        System.arraycopy(valid, 7, b, 6, valid.length - 7);
        assertTrue(failure(b).contains("text-mode"));
    }

    @Test
    void newerFormatVersionNamesTheWriter() throws IOException {
        byte[] b = valid.clone();
        int newer = FileLayout.VERSION + 1;
        b[8] = (byte) (newer >>> 8);
        b[9] = (byte) newer;
        int preamble = 12 + (((b[10] & 0xFF) << 8) | (b[11] & 0xFF));
        CRC32C crc = new CRC32C();
        crc.update(b, 0, preamble);
        ByteBuffer.wrap(b).putInt(preamble, (int) crc.getValue());
        String m = failure(b);
        assertTrue(m.contains("format version " + newer), m);
        assertTrue(m.contains("Use Stasis " + StasisVersion.current() + " or newer"), m);
    }

    @Test
    void hostileCountsWithValidChecksumsAreRefused() throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        ChecksummedOutputStream out = new ChecksummedOutputStream(file);
        out.write(Arrays.copyOf(valid, 12 + valid[11] + 4));
        for (Section s : Section.values()) {
            out.write(s.tag().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            try (ChunkedOutputStream c = new ChunkedOutputStream(out)) {
                new MetadataOutput(c).i32(Integer.MAX_VALUE);
            }
        }
        out.write(ByteBuffer.allocate(12).putInt(FileLayout.TRAILER_TAG).putLong(out.count() + 16).array());
        out.write(ByteBuffer.allocate(4).putInt(out.crc()).array());
        String m = failure(file.toByteArray());
        assertTrue(m.contains("malformed"), m);
    }

    /** Sections with a lower-case tag are optional: a reader that does not know them skips them. */
    @Test
    void unknownOptionalSectionsAreSkipped() throws Exception {
        int at = new String(valid, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("METH");
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        ChecksummedOutputStream out = new ChecksummedOutputStream(file);
        out.write(valid, 0, at);
        out.write("xtra".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        try (ChunkedOutputStream c = new ChunkedOutputStream(out)) {
            c.write(new byte[] {1, 2, 3});
        }
        out.write(valid, at, valid.length - FileLayout.TRAILER_LENGTH - at);
        out.write(ByteBuffer.allocate(12).putInt(FileLayout.TRAILER_TAG).putLong(out.count() + 16).array());
        out.write(ByteBuffer.allocate(4).putInt(out.crc()).array());
        Path path = Files.write(dir.resolve("extended.stasis"), file.toByteArray());
        assertEquals("com.acme.Main", CheckpointReader.readHeader(path).header().mainClass);
        assertEquals(42, CheckpointReader.read(path, new TestHeap(), c -> { }).snapshot.statics.get(0).values[0]);

        byte[] required = file.toByteArray();
        required[at] = 'X';
        assertTrue(failure(required).contains("section METHODS was expected"));
    }

    /**
     * Chunks may be up to 16 MiB, more than the check reads at once: a large chunk is checked
     * whole, and damage deep inside it is caught.
     */
    @Test
    void chunksLargerThanTheCheckBufferAreCheckedWhole() throws Exception {
        int at = new String(valid, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("METH");
        byte[] body = new byte[3 << 20];
        new Random(3).nextBytes(body);
        byte[] length = ByteBuffer.allocate(4).putInt(body.length).array();
        CRC32C crc = new CRC32C();
        crc.update(length);
        crc.update(body);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        ChecksummedOutputStream out = new ChecksummedOutputStream(file);
        out.write(valid, 0, at);
        out.write("xtra".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.write(length);
        out.write(body);
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        out.write(new byte[4]);
        out.write(valid, at, valid.length - FileLayout.TRAILER_LENGTH - at);
        out.write(ByteBuffer.allocate(12).putInt(FileLayout.TRAILER_TAG).putLong(out.count() + 16).array());
        out.write(ByteBuffer.allocate(4).putInt(out.crc()).array());
        Path path = Files.write(dir.resolve("large-chunk.stasis"), file.toByteArray());
        assertEquals("com.acme.Main", CheckpointReader.readHeader(path).header().mainClass);

        byte[] damaged = file.toByteArray();
        damaged[at + 8 + (5 << 19)] ^= 0x10;
        String m = failure(damaged);
        assertTrue(m.contains("checksum mismatch in section"), m);
    }

    @Test
    void heapThatDoesNotMatchTheThreadsIsRefused() throws IOException {
        TestHeap heap = new TestHeap();
        HeapEncoder dropsARoot = (roots, out) -> heap.write(Arrays.copyOf(roots, roots.length - 1), out);
        Path file = CheckpointWriter.write(Samples.snapshot(), dir.resolve("mismatch"), 1, dropsARoot);
        CheckpointFileException e = assertThrows(CheckpointFileException.class,
                () -> CheckpointReader.read(file, new TestHeap(), classes -> { }));
        assertTrue(e.getMessage().contains("roots"), e.getMessage());
        HeapEncoder wrongLength = (roots, out) -> {
            roots[0] = new Object[] {"one too many", null, null};
            return heap.write(roots, out);
        };
        Path other = CheckpointWriter.write(Samples.snapshot(), dir.resolve("length"), 1, wrongLength);
        e = assertThrows(CheckpointFileException.class, () -> CheckpointReader.read(other, new TestHeap(), c -> { }));
        assertTrue(e.getMessage().contains("heap root 0"), e.getMessage());
    }

    @Test
    void heapReaderFailuresBecomeFileErrors() throws IOException {
        Path file = Samples.write(dir.resolve("heap"));
        HeapDecoder failing = new HeapDecoder() {
            @Override
            public Object[] read(java.io.InputStream in, long length) throws IOException {
                throw new dev.stasis.internal.heap.CorruptHeapException("class com.evil.Gadget is not allowed", null);
            }

            @Override
            public void completeDeferred() {
            }
        };
        CheckpointFileException e = assertThrows(CheckpointFileException.class,
                () -> CheckpointReader.read(file, failing, classes -> { }));
        assertTrue(e.getMessage().contains("com.evil.Gadget"), e.getMessage());
    }

    @Test
    void missingFileAndDirectory() throws IOException {
        CheckpointFileException missing = assertThrows(CheckpointFileException.class,
                () -> CheckpointReader.readHeader(dir.resolve("nope.stasis")));
        assertTrue(missing.getMessage().contains("no such file"));
        CheckpointFileException directory = assertThrows(CheckpointFileException.class,
                () -> CheckpointReader.readHeader(dir));
        assertTrue(directory.getMessage().contains("is a directory"));
    }

    @Test
    void resolvePicksTheNewestValidCheckpoint() throws Exception {
        Path ckpt = dir.resolve("ckpt");
        Path older = Samples.write(ckpt);
        Path newer = Samples.write(ckpt);
        byte[] b = Files.readAllBytes(newer);
        b[b.length / 2] ^= 1;
        Files.write(newer, b);
        Files.writeString(ckpt.resolve(".ckpt-123.tmp"), "unfinished");
        List<String> skipped = new ArrayList<>();
        assertEquals(older, CheckpointReader.resolve(ckpt, skipped::add));
        assertEquals(1, skipped.size());
        assertTrue(skipped.get(0).contains(newer.getFileName().toString()), skipped.get(0));
        assertTrue(skipped.get(0).contains("checksum"), skipped.get(0));
    }

    @Test
    void resolveGivesClearErrorsForNothingUsable() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        assertTrue(assertThrows(CheckpointFileException.class, () -> CheckpointReader.resolve(empty))
                .getMessage().contains("holds no checkpoint"));
        assertTrue(assertThrows(CheckpointFileException.class,
                () -> CheckpointReader.resolve(dir.resolve("missing"))).getMessage().contains("no such file"));
        Path bad = Files.createDirectory(dir.resolve("bad"));
        Files.write(bad.resolve("checkpoint-20260101-000000-000-000001.stasis"), new byte[0]);
        List<String> skipped = new ArrayList<>();
        assertTrue(assertThrows(CheckpointFileException.class, () -> CheckpointReader.resolve(bad, skipped::add))
                .getMessage().contains("none of the 1"));
        assertEquals(1, skipped.size());
        Path file = dir.resolve("source").resolve(Files.list(dir.resolve("source")).findFirst().get().getFileName());
        assertEquals(file, CheckpointReader.resolve(file));
    }
}
