package e2e.threads;

import dev.stasis.Stasis;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;

/**
 * A thread blocked in I/O (reading a pipe nobody writes to yet) cannot reach a safe point: the
 * checkpoint must fail after timeout=, naming that thread, write nothing, and leave the program
 * undisturbed: the reader gets its byte afterwards and everything ends normally.
 */
public final class Unreachable {

    public static void main(String[] args) throws IOException, InterruptedException {
        PipedOutputStream out = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(out);
        int[] got = new int[1];
        Thread reader = new Thread(() -> got[0] = readOne(in), "pipe-reader");
        reader.start();
        while (reader.getState() == Thread.State.RUNNABLE || reader.getState() == Thread.State.NEW) {
            Thread.onSpinWait();
        }
        System.out.println("checkpoint: " + Stasis.checkpoint());
        out.write(7);
        out.flush();
        reader.join();
        System.out.println("reader got " + got[0]);
    }

    static int readOne(PipedInputStream in) {
        try {
            return in.read();
        } catch (IOException e) {
            return -1;
        }
    }
}
