package dev.stasis.internal.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The heap's bytes reach the heap reader whole and in order through the reading thread; a damaged
 * file fails the read that reaches the damage, after every byte before it; and an abandoned read
 * does not leave the reading thread behind.
 */
class PipelinedInputStreamTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 256 * 1024 - 1, 256 * 1024, 256 * 1024 + 1, 5_000_000})
    void everyByteArrivesInOrder(int size) throws IOException {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        Random pieces = new Random(7);
        try (PipelinedInputStream in = new PipelinedInputStream(new ByteArrayInputStream(data), "test-io")) {
            while (true) {
                if (pieces.nextInt(4) == 0) {
                    int b = in.read();
                    if (b < 0) {
                        break;
                    }
                    read.write(b);
                } else {
                    byte[] piece = new byte[1 + pieces.nextInt(100_000)];
                    int n = in.read(piece, 0, piece.length);
                    if (n < 0) {
                        break;
                    }
                    read.write(piece, 0, n);
                }
            }
            assertEquals(-1, in.read());
        }
        assertArrayEquals(data, read.toByteArray());
    }

    @Test
    void aDamagedFileFailsTheReadThatReachesTheDamage() throws IOException {
        int good = 600_000;
        InputStream damagedAfterGood = new InputStream() {
            private int left = good;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left == 0) {
                    throw new CheckpointFileException(Path.of("ckpt.stasis"), "checksum mismatch");
                }
                int n = Math.min(len, left);
                left -= n;
                return n;
            }
        };
        try (PipelinedInputStream in = new PipelinedInputStream(damagedAfterGood, "test-io")) {
            byte[] all = new byte[good];
            int total = 0;
            while (total < good) {
                total += in.read(all, total, good - total);
            }
            CheckpointFileException e = assertThrows(CheckpointFileException.class, in::read);
            assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
        }
    }

    @Test
    void closingEarlyStopsTheReadingThread() throws Exception {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 0;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return len;
            }
        };
        PipelinedInputStream in = new PipelinedInputStream(endless, "test-io-endless");
        in.read(new byte[10]);
        in.close();
        Thread reader = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("test-io-endless")).findFirst().orElse(null);
        if (reader != null) {
            reader.join(TimeUnit.SECONDS.toMillis(10));
            assertFalse(reader.isAlive(), "the reading thread still runs after close");
        }
    }
}
