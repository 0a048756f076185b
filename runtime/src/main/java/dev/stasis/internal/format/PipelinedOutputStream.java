package dev.stasis.internal.format;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Hands what is written to it to another thread, which writes it to the underlying stream: the
 * heap writer walks the graph while the bytes before it are checksummed, compressed and written
 * to the file, instead of stopping for each of those at every buffer. Memory stays bounded: a few
 * buffers circulate between the two threads, and the writer waits when all of them are full.
 *
 * <p>A failure of the underlying stream is thrown by the next {@link #write} or by
 * {@link #close}; {@link #close} returns once every byte has reached the underlying stream (and
 * makes everything the other thread did visible to the caller), which it does not close.
 */
final class PipelinedOutputStream extends OutputStream {

    private static final int BUFFER_BYTES = 256 * 1024;
    private static final int BUFFERS = 4;
    /** Queued after the last buffer: the other thread stops. */
    private static final Block END = new Block(new byte[0]);

    /** A buffer and how many of its bytes are filled. */
    private static final class Block {
        final byte[] bytes;
        int length;

        Block(byte[] bytes) {
            this.bytes = bytes;
        }
    }

    /** Room for every buffer and the end mark, so that queuing never waits; taking from {@link #free} does. */
    private final BlockingQueue<Block> full = new ArrayBlockingQueue<>(BUFFERS + 1);
    private final BlockingQueue<Block> free = new ArrayBlockingQueue<>(BUFFERS);
    private final Thread writer;
    private volatile Throwable failure;
    private Block current;
    private boolean closed;

    PipelinedOutputStream(OutputStream out) {
        for (int i = 1; i < BUFFERS; i++) {
            free.add(new Block(new byte[BUFFER_BYTES]));
        }
        current = new Block(new byte[BUFFER_BYTES]);
        writer = new Thread(() -> drain(out), "stasis-checkpoint-io");
        writer.setDaemon(true);
        writer.start();
    }

    private void drain(OutputStream out) {
        while (true) {
            Block b = takeFull();
            if (b == END) {
                return;
            }
            if (failure == null) {
                try {
                    out.write(b.bytes, 0, b.length);
                } catch (IOException | RuntimeException | Error e) {
                    // reported to the writing side; the buffers keep circulating so that it never waits for ever
                    failure = e;
                }
            }
            b.length = 0;
            free.add(b);
        }
    }

    /** Nobody interrupts the draining thread, which must not end before {@link #END}. */
    private Block takeFull() {
        while (true) {
            try {
                return full.take();
            } catch (InterruptedException e) {
                // go on: close() waits for this thread
            }
        }
    }

    @Override
    public void write(int b) throws IOException {
        if (current.length == current.bytes.length) {
            handOver();
        }
        current.bytes[current.length++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (current.length == current.bytes.length) {
                handOver();
            }
            int n = Math.min(len, current.bytes.length - current.length);
            System.arraycopy(b, off, current.bytes, current.length, n);
            current.length += n;
            off += n;
            len -= n;
        }
    }

    private void handOver() throws IOException {
        rethrowFailure();
        put(current);
        current = takeFree();
        rethrowFailure();
    }

    /** The other thread always hands buffers back, failed or not: waiting for one ends. */
    private Block takeFree() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return free.take();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Nothing to do: every byte is written by {@link #close}. */
    @Override
    public void flush() {
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        boolean interrupted = false;
        try {
            if (current.length > 0) {
                put(current);
            }
            put(END);
            while (true) {
                try {
                    writer.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        rethrowFailure();
    }

    /** Queues {@code b} (there is always room), keeping an interrupt for later. */
    private void put(Block b) {
        boolean interrupted = false;
        while (true) {
            try {
                full.put(b);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void rethrowFailure() throws IOException {
        Throwable f = failure;
        if (f == null) {
            return;
        }
        if (f instanceof IOException) {
            throw new IOException(f.getMessage(), f);
        }
        if (f instanceof RuntimeException) {
            throw (RuntimeException) f;
        }
        throw (Error) f;
    }
}
