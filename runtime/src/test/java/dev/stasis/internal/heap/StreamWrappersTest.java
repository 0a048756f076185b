package dev.stasis.internal.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FileReader;
import java.io.FileWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writers, streams and readers layered over the standard streams come back over the reading
 * JVM's standard streams with what they held buffered, and those over a file over the reopened
 * file, with their unflushed output and what they had read ahead; those over anything else,
 * readers holding input read ahead from standard input and readers with a mark set are refused
 * with the reason.
 */
class StreamWrappersTest {

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
    void aWriterOverAFileWritesItsUnflushedOutputWhereItBelongs() throws Exception {
        Path file = dir.resolve("out.txt");
        try (PrintWriter writer = new PrintWriter(new BufferedWriter(new FileWriter(file.toFile(), StandardCharsets.UTF_8)))) {
            writer.print("flushed, ");
            writer.flush();
            writer.print("pending \u2603 \uD83D\uDE00, ");
            PrintWriter back = (PrintWriter) RoundTrip.copy(writer)[0];
            assertEquals("flushed, ", Files.readString(file), "nothing is flushed by the checkpoint");
            back.print("after");
            back.close();
            assertEquals("flushed, pending \u2603 \uD83D\uDE00, after", Files.readString(file));
        }
    }

    @Test
    void aReaderOverAFileReadsOnFromTheCharacterItHadReached() throws Exception {
        Path file = dir.resolve("in.txt");
        StringBuilder text = new StringBuilder();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            String line = i + (i % 3 == 0 ? " caf\u00e9 \u2603 \uD83D\uDE00" : " plain");
            lines.add(line);
            text.append(line).append(i % 7 == 0 ? "\r\n" : "\n");
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
        try (BufferedReader reader = new BufferedReader(new FileReader(file.toFile(), StandardCharsets.UTF_8))) {
            // up to line 994, which ends in CR LF: the reader has met the CR and will skip the LF
            for (int i = 0; i <= 994; i++) {
                reader.readLine();
            }
            BufferedReader back = (BufferedReader) RoundTrip.copy(reader)[0];
            List<String> rest = lines.subList(995, lines.size());
            assertEquals(rest, drain(back), "the restored reader reads on from the same character");
            back.close();
            assertEquals(rest, drain(reader), "and so does the original");
        }
    }

    @Test
    void readersAndWritersOfFilesNewBufferedReaderAndWriterGoOnWhereTheyWere() throws Exception {
        Path in = dir.resolve("lines.txt");
        Files.write(in, List.of("\u2603 one", "two", "three"));
        Path out = dir.resolve("written.txt");
        try (BufferedReader reader = Files.newBufferedReader(in); BufferedWriter writer = Files.newBufferedWriter(out)) {
            assertEquals("\u2603 one", reader.readLine());
            writer.write("pending \u2603");
            Object[] back = RoundTrip.copy(reader, writer);
            assertEquals(List.of("two", "three"), drain((BufferedReader) back[0]));
            ((BufferedWriter) back[1]).write(", after");
            ((BufferedWriter) back[1]).close();
            assertEquals("pending \u2603, after", Files.readString(out));
            ((BufferedReader) back[0]).close();
        }
    }

    @Test
    void binaryStreamsOverAFileGoOnWhereTheyWere() throws Exception {
        Path file = dir.resolve("data.bin");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(file.toFile())))) {
            for (int i = 0; i < 5000; i++) {
                out.writeInt(i);
                out.writeUTF("record " + i);
            }
            DataOutputStream back = (DataOutputStream) RoundTrip.copy(out)[0];
            assertEquals(out.size(), back.size(), "the count of bytes written so far");
            back.writeLong(-1);
            back.close();
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(file.toFile())))) {
            for (int i = 0; i < 1234; i++) {
                assertEquals(i, in.readInt());
                assertEquals("record " + i, in.readUTF());
            }
            DataInputStream back = (DataInputStream) RoundTrip.copy(in)[0];
            for (int i = 1234; i < 5000; i++) {
                assertEquals(i, back.readInt());
                assertEquals("record " + i, back.readUTF());
            }
            assertEquals(-1, back.readLong(), "what the restored writer wrote after the checkpoint");
            back.close();
        }
    }

    /** Jython reads and writes the standard descriptors through streams of its own over them. */
    @Test
    void streamsOverTheStandardDescriptorsComeBackOverTheReadingJvms() throws Exception {
        FileInputStream in = new FileInputStream(java.io.FileDescriptor.in);
        FileOutputStream out = new FileOutputStream(java.io.FileDescriptor.out);
        FileOutputStream err = new FileOutputStream(java.io.FileDescriptor.err);
        PrintStream printing = new PrintStream(new BufferedOutputStream(err), false, StandardCharsets.UTF_8);
        Object[] back = RoundTrip.copy(in, out, printing);
        assertSame(java.io.FileDescriptor.in, ((FileInputStream) back[0]).getFD());
        assertSame(java.io.FileDescriptor.out, ((FileOutputStream) back[1]).getFD());
        assertTrue(back[2] instanceof PrintStream);
    }

    @Test
    void aReaderOverTheStandardInputDescriptorHoldingInputReadAheadIsRefused() throws Exception {
        BufferedInputStream in = new BufferedInputStream(new FileInputStream(java.io.FileDescriptor.in));
        JdkInternals.set(in, "buf", new byte[] {'x', '\n'});
        JdkInternals.set(in, "count", 2);
        UncheckpointableObjectException e = assertThrows(UncheckpointableObjectException.class,
                () -> RoundTrip.write(in));
        assertTrue(e.getMessage().contains("it holds 2 bytes read ahead from standard input"), e.getMessage());
    }

    /** Clojure's reader: an application subclass of PushbackReader over a LineNumberReader. */
    static final class LineNumberingReader extends java.io.PushbackReader {
        int column;

        LineNumberingReader(java.io.Reader in) {
            super(new java.io.LineNumberReader(in), 2);
        }

        int line() {
            return ((java.io.LineNumberReader) in).getLineNumber();
        }
    }

    @Test
    void pushbackAndLineNumberReadersGoOnWithTheirLineAndWhatWasPushedBack() throws Exception {
        Path file = dir.resolve("source.clj");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            text.append("(def x").append(i).append(" ").append(i * 7).append(i % 4 == 0 ? ")\r\n" : ")\n");
        }
        Files.writeString(file, text);
        try (LineNumberingReader reader = new LineNumberingReader(new FileReader(file.toFile()))) {
            StringBuilder first = new StringBuilder();
            while (reader.line() < 700) {
                first.append((char) reader.read());
            }
            int c = reader.read();
            reader.unread(c);
            reader.column = 5;
            LineNumberingReader back = (LineNumberingReader) RoundTrip.copy(reader)[0];
            assertEquals(700, back.line());
            assertEquals(5, back.column);
            StringBuilder rest = new StringBuilder();
            for (int r = back.read(); r >= 0; r = back.read()) {
                rest.append((char) r);
            }
            assertEquals(text.toString().replace("\r\n", "\n"), first.toString() + rest,
                    "the pushed-back character first, then on from where the reader was");
            assertEquals(2000, back.line());
            back.close();
        }
        java.io.PushbackReader plain = new java.io.PushbackReader(new java.io.StringReader(""), 3);
        plain.unread(new char[] {'a', 'b'});
        java.io.PushbackReader plainBack = (java.io.PushbackReader) RoundTrip.copy(plain)[0];
        assertEquals('a', plainBack.read());
        assertEquals('b', plainBack.read());
        assertEquals(-1, plainBack.read());
    }

    @Test
    void aReaderWithAMarkIsRefused() throws Exception {
        Path file = dir.resolve("marked.txt");
        Files.writeString(file, "one\ntwo\n");
        try (BufferedReader reader = new BufferedReader(new FileReader(file.toFile()))) {
            reader.mark(100);
            UncheckpointableObjectException e = assertThrows(UncheckpointableObjectException.class,
                    () -> RoundTrip.write(reader));
            assertTrue(e.getMessage().contains("a mark is set in it"), e.getMessage());
        }
    }

    /**
     * Closing a BufferedReader, BufferedWriter, PrintWriter, LineNumberReader or BufferedInputStream
     * drops what it wraps, closing a PushbackReader its buffer; a program or library that keeps the closed object (Velocity's pooled
     * parsers keep the reader of the last template) is checkpointed, and the object comes back
     * closed, whatever it had wrapped (here a socket's stream, which an open wrapper could not be).
     */
    @Test
    void closedWrappersComeBackClosed() throws Exception {
        BufferedReader reader = new BufferedReader(new java.io.StringReader("one\ntwo\n"));
        reader.readLine();
        reader.close();
        java.io.LineNumberReader lines = new java.io.LineNumberReader(new java.io.StringReader("a\nb\n"));
        lines.readLine();
        lines.close();
        BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(new PipedOutputStream()));
        writer.close();
        PrintWriter printer = new PrintWriter(new java.io.StringWriter());
        printer.close();
        BufferedInputStream bytes = new BufferedInputStream(new ByteArrayInputStream(new byte[] {1, 2, 3}));
        bytes.read();
        bytes.close();
        // PushbackReader's close() drops its buffer instead, and keeps (and closes) what it wraps
        java.io.PushbackReader pushback = new java.io.PushbackReader(new java.io.StringReader("ab"));
        pushback.unread(pushback.read());
        pushback.close();
        LineNumberingReader clojure = new LineNumberingReader(new java.io.StringReader("(+ 1 2)"));
        clojure.read();
        clojure.close();

        Object[] back = RoundTrip.copy(reader, lines, writer, printer, bytes, pushback, clojure);
        IOException closed = assertThrows(IOException.class, () -> ((BufferedReader) back[0]).readLine());
        assertEquals("Stream closed", closed.getMessage());
        assertThrows(IOException.class, () -> ((java.io.LineNumberReader) back[1]).read());
        assertEquals(1, ((java.io.LineNumberReader) back[1]).getLineNumber());
        assertThrows(IOException.class, () -> ((BufferedWriter) back[2]).write("x"));
        PrintWriter printerBack = (PrintWriter) back[3];
        printerBack.print("x");
        assertTrue(printerBack.checkError(), "a closed PrintWriter reports an error");
        assertThrows(IOException.class, () -> ((BufferedInputStream) back[4]).read());
        assertThrows(IOException.class, () -> ((java.io.PushbackReader) back[5]).read());
        assertThrows(IOException.class, () -> ((LineNumberingReader) back[6]).read());
    }

    @Test
    void aWriterOverAStreamOtherThanAFileIsRefused() throws Exception {
        PipedOutputStream pipe = new PipedOutputStream();
        PrintWriter writer = new PrintWriter(new OutputStreamWriter(pipe));
        UncheckpointableObjectException e = assertThrows(UncheckpointableObjectException.class,
                () -> RoundTrip.write(writer));
        assertTrue(e.getMessage().contains("layered over a java.io.PipedOutputStream"), e.getMessage());
    }

    private static List<String> drain(BufferedReader reader) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            out.add(line);
        }
        return out;
    }
}
