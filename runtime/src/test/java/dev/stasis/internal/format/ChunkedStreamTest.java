package dev.stasis.internal.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A section body survives chunking at every size around the chunk boundary. */
class ChunkedStreamTest {

    private static final int CHUNK = FileLayout.WRITE_CHUNK;

    private static byte[] chunked(byte[] body, boolean byteByByte) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ChunkedOutputStream c = new ChunkedOutputStream(out)) {
            if (byteByByte) {
                for (byte b : body) {
                    c.write(b);
                }
            } else {
                c.write(body, 0, body.length);
            }
        }
        return out.toByteArray();
    }

    private static ChunkedInputStream reader(byte[] section) {
        // The trailer's 16 bytes follow every section in a real file; bounds checks count on them.
        byte[] file = java.util.Arrays.copyOf(section, section.length + FileLayout.TRAILER_LENGTH);
        return new ChunkedInputStream(new FileInput(new ByteArrayInputStream(file), Path.of("t"), file.length, 0),
                "TEST");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK})
    void roundTrip(int size) throws IOException {
        byte[] body = new byte[size];
        new Random(size).nextBytes(body);
        for (boolean byteByByte : new boolean[] {false, true}) {
            byte[] section = chunked(body, byteByByte);
            int chunks = (size + CHUNK - 1) / CHUNK;
            assertEquals(size + 8L * chunks + 4, section.length, "length, data and CRC per chunk, then the end marker");
            assertArrayEquals(body, reader(section).readAllBytes());
            assertEquals(size, reader(section).skipToEnd());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3, 4, 100, 4 + CHUNK, 8 + CHUNK})
    void damageIsCaughtBeforeTheDamagedChunkIsHandedOut(int offset) throws IOException {
        byte[] section = chunked(new byte[CHUNK + 10], false);
        section[offset] ^= 0x10;
        CheckpointFileException e = assertThrows(CheckpointFileException.class, () -> reader(section).readAllBytes());
        assertTrue(e.getMessage().contains("section TEST"), e.getMessage());
    }
}
