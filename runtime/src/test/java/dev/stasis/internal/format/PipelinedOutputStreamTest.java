package dev.stasis.internal.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The heap's bytes reach the file whole and in order through the writing thread, and its failures reach the writer. */
class PipelinedOutputStreamTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 256 * 1024 - 1, 256 * 1024, 256 * 1024 + 1, 5_000_000})
    void everyByteArrivesInOrderByTheTimeCloseReturns(int size) throws IOException {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        ByteArrayOutputStream target = new ByteArrayOutputStream();
        Random pieces = new Random(7);
        try (PipelinedOutputStream out = new PipelinedOutputStream(target)) {
            int i = 0;
            while (i < size) {
                if (pieces.nextInt(4) == 0) {
                    out.write(data[i++]);
                } else {
                    int n = Math.min(size - i, pieces.nextInt(100_000));
                    out.write(data, i, n);
                    i += n;
                }
            }
        }
        assertArrayEquals(data, target.toByteArray());
    }

    @Test
    void aFailingTargetFailsTheWriterAndCloseStillReturns() {
        OutputStream full = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        PipelinedOutputStream out = new PipelinedOutputStream(full);
        IOException e = assertThrows(IOException.class, () -> {
            byte[] block = new byte[64 * 1024];
            // far more than the buffers hold: the failure must stop the writer, not block it
            for (int i = 0; i < 1000; i++) {
                out.write(block);
            }
        });
        assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
        IOException atClose = assertThrows(IOException.class, out::close);
        assertEquals(e.getMessage(), atClose.getMessage());
    }
}
