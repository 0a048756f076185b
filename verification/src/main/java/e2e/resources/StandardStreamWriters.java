package e2e.resources;

import dev.stasis.Stasis;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Writers and streams a program keeps over System.out and System.err, and a reader over
 * System.in, the writers holding output written but not flushed when the checkpoint is taken: a
 * restored program flushes that output, once, where the uninterrupted one does.
 */
public final class StandardStreamWriters {

    static final PrintWriter OUT = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out)));
    static final PrintWriter ERR = new PrintWriter(System.err, true);
    static final PrintStream BYTES = new PrintStream(new BufferedOutputStream(System.out), false, StandardCharsets.UTF_8);
    static final OutputStreamWriter RAW = new OutputStreamWriter(System.out, StandardCharsets.UTF_8);
    static final BufferedReader IN = new BufferedReader(new InputStreamReader(System.in));

    public static void main(String[] args) throws Exception {
        OUT.println("written and flushed before the checkpoint");
        OUT.flush();
        OUT.println("written before the checkpoint, flushed after it");
        BYTES.print("bytes: ünïcödé, ");
        RAW.write("raw: \u2603 \uD83D\uDE00, ");
        ERR.println("to standard error, auto-flushed");
        Stasis.checkpoint();
        OUT.println("written after the checkpoint");
        OUT.flush();
        BYTES.println("after");
        BYTES.flush();
        RAW.write("after\n");
        RAW.flush();
        ERR.println("error: " + ERR.checkError());
        System.out.println("done, reader ready: " + IN.ready());
    }
}
