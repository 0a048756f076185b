package dev.stasis.internal.format;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads the underlying stream ahead on another thread: the heap reader builds objects while the
 * bytes after them are read from the file, checksummed and decompressed, instead of stopping for
 * each of those at every chunk (the read side of {@link PipelinedOutputStream}). Memory stays
 * bounded: a few buffers circulate between the two threads, and the reading thread waits when all
 * of them are full.
 *
 * <p>The underlying stream is read only to its end (-1), never past it. A failure of the underlying
 * stream is thrown by the {@link #read} that reaches the bytes it failed at, as if it had been read
 * on the caller's thread. {@link #close} stops the other thread; it does not close the underlying
 * stream.
 */
final class PipelinedInputStream extends InputStream {

    private static final int BUFFER_BYTES = 256 * 1024;
    private static final int BUFFERS = 4;

    /** A buffer, how many of its bytes are filled, and what ends the stream after them, if anything. */
    private static final class Block {
        final byte[] bytes = new byte[BUFFER_BYTES];
        int length;
        boolean end;
        Throwable failure;
    }

    /** Room for every buffer, so that queuing never waits; taking from {@link #free} does. */
    private final BlockingQueue<Block> full = new ArrayBlockingQueue<>(BUFFERS);
    private final BlockingQueue<Block> free = new ArrayBlockingQueue<>(BUFFERS);
    private volatile boolean stopped;
    private Block current;
    private int next;

    PipelinedInputStream(InputStream in, String threadName) {
        for (int i = 0; i < BUFFERS; i++) {
            free.add(new Block());
        }
        Thread reader = new Thread(() -> fill(in), threadName);
        reader.setDaemon(true);
        reader.start();
    }

    private void fill(InputStream in) {
        while (true) {
            Block b = takeFree();
            if (b == null) {
                return;
            }
            b.length = 0;
            try {
                while (b.length < b.bytes.length) {
                    int n = in.read(b.bytes, b.length, b.bytes.length - b.length);
                    if (n < 0) {
                        b.end = true;
                        break;
                    }
                    b.length += n;
                }
            } catch (IOException | RuntimeException | Error e) {
                b.failure = e;
            }
            full.add(b);
            if (b.end || b.failure != null) {
                return;
            }
        }
    }

    /** A free buffer, or null once the caller has closed this stream. */
    private Block takeFree() {
        while (!stopped) {
            try {
                Block b = free.poll(100, TimeUnit.MILLISECONDS);
                if (b != null) {
                    return b;
                }
            } catch (InterruptedException e) {
                // only close() stops this thread
            }
        }
        return null;
    }

    @Override
    public int read() throws IOException {
        if (!ready()) {
            return -1;
        }
        return current.bytes[next++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!ready()) {
            return -1;
        }
        int n = Math.min(len, current.length - next);
        System.arraycopy(current.bytes, next, b, off, n);
        next += n;
        return n;
    }

    @Override
    public int available() {
        return current == null ? 0 : current.length - next;
    }

    /** Whether a byte is available in {@link #current}, taking the next buffer when it is used up. */
    private boolean ready() throws IOException {
        while (current == null || next == current.length) {
            if (current != null) {
                if (current.failure != null) {
                    throw rethrown(current.failure);
                }
                if (current.end) {
                    return false;
                }
                free.add(current);
            }
            current = takeFull();
            next = 0;
        }
        return true;
    }

    private Block takeFull() throws IOException {
        try {
            return full.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading the checkpoint");
        }
    }

    private static IOException rethrown(Throwable failure) {
        if (failure instanceof IOException) {
            return (IOException) failure;
        }
        if (failure instanceof RuntimeException) {
            throw (RuntimeException) failure;
        }
        if (failure instanceof Error) {
            throw (Error) failure;
        }
        return new IOException(failure);
    }

    /** Stops the other thread (at once if it waits for a buffer, else after its current read). */
    @Override
    public void close() {
        stopped = true;
    }
}
