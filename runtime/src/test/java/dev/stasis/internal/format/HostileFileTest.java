package dev.stasis.internal.format;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Files whose checksums are all right but whose metadata was altered (written on purpose, or by a
 * buggy writer): the reader either reads them or refuses them with a CheckpointFileException,
 * never another exception and never an allocation larger than the file.
 */
class HostileFileTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void alteredMetadataIsReadOrRefusedCleanly(long seed) throws IOException {
        Path source = Samples.write(dir.resolve("source"));
        byte[] valid = Files.readAllBytes(source);
        FileStructure structure = FileStructure.check(source, null);
        Map<Section, byte[]> bodies = new EnumMap<>(Section.class);
        for (Section s : Section.values()) {
            FileInput in = new FileInput(new ByteArrayInputStream(valid, (int) structure.offset(s), valid.length),
                    source, valid.length, structure.offset(s));
            bodies.put(s, new ChunkedInputStream(in, s.name()).readAllBytes());
        }
        int preamble = 12 + valid[11] + 4;
        Random random = new Random(seed);
        for (int round = 0; round < 300; round++) {
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            ChecksummedOutputStream out = new ChecksummedOutputStream(file);
            out.write(valid, 0, preamble);
            for (Section s : Section.values()) {
                byte[] body = bodies.get(s);
                // The heap's own robustness is the heap reader's; here it stays intact.
                if (s != Section.HEAP && random.nextInt(3) == 0 && body.length > 0) {
                    body = alter(body, random);
                }
                out.write(s.tag().getBytes(StandardCharsets.US_ASCII));
                try (ChunkedOutputStream chunks = new ChunkedOutputStream(out)) {
                    chunks.write(body);
                }
            }
            out.write(ByteBuffer.allocate(12).putInt(FileLayout.TRAILER_TAG).putLong(out.count() + 16).array());
            out.write(ByteBuffer.allocate(4).putInt(out.crc()).array());
            Path altered = Files.write(dir.resolve("altered.stasis"), file.toByteArray());
            try {
                CheckpointReader.readHeader(altered);
                CheckpointReader.read(altered, new TestHeap(), classes -> { });
            } catch (CheckpointFileException e) {
                assertTrue(e.getMessage().startsWith(altered.toString()), e.getMessage());
                assertFalse(e.getMessage().contains("\n"), e.getMessage());
            }
        }
    }

    private static byte[] alter(byte[] body, Random random) {
        byte[] b = body.clone();
        for (int k = 1 + random.nextInt(4); k > 0 && b.length > 0; k--) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(4)) {
                case 0:
                    b[at] = (byte) random.nextInt();
                    break;
                case 1:
                    b[at] = (byte) 0xFF;
                    break;
                case 2:
                    b[at] = 0x7F;
                    break;
                default:
                    b = Arrays.copyOf(b, at);
                    break;
            }
        }
        return b;
    }
}
