package dev.stasis.internal.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writers, streams and readers layered over the standard streams come back over the reading
 * JVM's standard streams with what they held buffered; those over anything else, and readers
 * holding input read ahead, are refused with the reason.
 */
class StandardStreamWrappersTest {

    @TempDir
    Path dir;

    @Test
    void writersOverStandardOutputComeBackWithTheirUnflushedOutput() throws Exception {
        PrintStream realOut = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream fakeOut = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(fakeOut);
        try {
            PrintWriter writer = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out,
                    StandardCharsets.UTF_8)));
            writer.print("pending \u2603");
            PrintStream bytes = new PrintStream(new BufferedOutputStream(System.out), false, StandardCharsets.UTF_8);
            bytes.print("bytes ü");
            OutputStreamWriter raw = new OutputStreamWriter(System.out, StandardCharsets.UTF_8);
            raw.write("raw \uD83D\uDE00");
            PrintWriter autoFlushing = new PrintWriter(System.out, true);
            Object[] back = RoundTrip.copy(writer, bytes, raw, autoFlushing, System.out);
            assertEquals("", captured.toString(StandardCharsets.UTF_8), "nothing is flushed by the checkpoint");
            assertSame(System.out, back[4], "System.out itself stays its token");

            ((PrintWriter) back[0]).flush();
            ((PrintStream) back[1]).flush();
            ((OutputStreamWriter) back[2]).flush();
            ((PrintWriter) back[3]).println("auto");
            assertEquals("pending \u2603bytes üraw \uD83D\uDE00auto" + System.lineSeparator(),
                    captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(realOut);
        }
    }

    @Test
    void aReaderOverStandardInputComesBackWhenItHoldsNothing() throws Throwable {
        withStandardInput("one\n", () -> {
            BufferedReader reader = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            assertEquals("one", reader.readLine());
            BufferedReader back = (BufferedReader) RoundTrip.copy(reader)[0];
            assertEquals(null, back.readLine(), "over the reading JVM's standard input, here at its end");
        });
    }

    @Test
    void aReaderHoldingInputReadAheadIsRefused() throws Throwable {
        withStandardInput("one\ntwo\n", () -> {
            BufferedReader reader = new BufferedReader(new InputStreamReader(System.in));
            assertEquals("one", reader.readLine());
            UncheckpointableObjectException e = assertThrows(UncheckpointableObjectException.class,
                    () -> RoundTrip.write(reader));
            assertTrue(e.getMessage().contains("it holds 4 characters read ahead from standard input"), e.getMessage());
        });
    }

    /** Runs {@code test} with System.in reading {@code text}, then puts the real one back. */
    private static void withStandardInput(String text, Executable test) throws Throwable {
        InputStream realIn = System.in;
        System.setIn(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        try {
            test.execute();
        } finally {
            System.setIn(realIn);
        }
    }

    @Test
    void aWriterOverAFileIsRefused() throws Exception {
        File file = dir.resolve("out.txt").toFile();
        try (PrintWriter writer = new PrintWriter(new FileOutputStream(file))) {
            UncheckpointableObjectException e = assertThrows(UncheckpointableObjectException.class,
                    () -> RoundTrip.write(writer));
            assertTrue(e.getMessage().contains("layered over a java.io.FileOutputStream"), e.getMessage());
        }
    }
}
