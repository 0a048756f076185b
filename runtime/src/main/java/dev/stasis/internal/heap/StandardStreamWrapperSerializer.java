package dev.stasis.internal.heap;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;

/**
 * A writer or stream the program layered over System.out or System.err ({@code PrintWriter},
 * {@code BufferedWriter}, {@code OutputStreamWriter}, {@code PrintStream}, {@code
 * BufferedOutputStream}, in any nesting), or a reader over System.in ({@code InputStreamReader},
 * {@code BufferedReader}). Programs keep such wrappers for their whole life (a {@code PrintWriter
 * out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out)))} for fast output,
 * a {@code BufferedReader} over standard input, Clojure's {@code *out*} and {@code *err*}); they
 * hold no file of their own, only the standard stream, which a restored JVM has too.
 *
 * <p>Each is written as what it wraps (a reference: the standard stream's token, or the next
 * wrapper), its settings (auto-flush, charset) and what it holds buffered and has not passed on
 * yet, as characters or bytes; read back, it is built again over the restored JVM's standard
 * stream with that content buffered again, so output the program had written but not flushed is
 * flushed by the restored program, once, as it would have been. Nothing is flushed at the
 * checkpoint. A reader is accepted only when it holds nothing read ahead from standard input: a
 * restored JVM reads a standard input of its own, so characters of the old one cannot be given
 * back faithfully, and the checkpoint fails with a message saying so (it is taken at a moment
 * the reader's buffer is empty, e.g. an interactive program waiting for its next line). A wrapper
 * over anything else (a file, a socket) is refused as before: its position in that stream would
 * depend on when the buffered data is written.
 */
final class StandardStreamWrapperSerializer extends HeapSerializer<Object> {

    /** The classes handled, each by its exact class (subclasses such as FileWriter are not). */
    enum Kind {
        PRINT_WRITER(PrintWriter.class),
        BUFFERED_WRITER(BufferedWriter.class),
        OUTPUT_STREAM_WRITER(OutputStreamWriter.class),
        PRINT_STREAM(PrintStream.class),
        BUFFERED_OUTPUT_STREAM(BufferedOutputStream.class),
        INPUT_STREAM_READER(InputStreamReader.class),
        BUFFERED_READER(BufferedReader.class);

        final Class<?> type;

        Kind(Class<?> type) {
            this.type = type;
        }

        static Kind of(Object o) {
            for (Kind k : values()) {
                if (o.getClass() == k.type) {
                    return k;
                }
            }
            return null;
        }
    }

    /** The largest buffer a restored BufferedOutputStream is given (a damaged file must not make it allocate more). */
    private static final int MAX_BUFFER = 1 << 26;

    private final Kind kind;

    StandardStreamWrapperSerializer(Kind kind) {
        this.kind = kind;
    }

    /** Built from what it wraps, which is read first. */
    @Override
    boolean builtFromContent() {
        return true;
    }

    @Override
    void write(HeapKryo kryo, HeapOutput out, Object object) {
        String refused = whyNot(object);
        if (refused != null) {
            throw kryo.path.refuse(object, refused);
        }
        kryo.writeClassAndObject(out, wrapped(object));
        switch (kind) {
            case PRINT_WRITER:
                out.writeBoolean(flag(object, "autoFlush"));
                out.writeBoolean(flag(object, "trouble"));
                kryo.writeClassAndObject(out, JdkInternals.get(object, "psOut", null));
                break;
            case BUFFERED_WRITER: {
                char[] cb = (char[]) JdkInternals.get(object, "cb", null);
                int next = (Integer) JdkInternals.get(object, "nextChar", 0);
                out.writeHeapString(cb == null ? "" : new String(cb, 0, next));
                break;
            }
            case OUTPUT_STREAM_WRITER: {
                Object encoder = JdkInternals.get(object, "se", null);
                Charset cs = charsetOf(encoder, (OutputStreamWriter) object);
                out.writeHeapString(cs.name());
                out.writeHeapString(pendingText(encoder, cs));
                break;
            }
            case PRINT_STREAM: {
                out.writeBoolean(flag(object, "autoFlush"));
                out.writeBoolean(flag(object, "trouble"));
                OutputStreamWriter charOut = (OutputStreamWriter) JdkInternals.get(object, "charOut", null);
                out.writeHeapString(charOut == null ? Charset.defaultCharset().name()
                        : charsetOf(JdkInternals.get(charOut, "se", null), charOut).name());
                break;
            }
            case BUFFERED_OUTPUT_STREAM: {
                byte[] buf = (byte[]) JdkInternals.get(object, "buf", new byte[0]);
                int count = (Integer) JdkInternals.get(object, "count", 0);
                out.writeVarInt(buf.length, true);
                out.writeVarInt(count, true);
                out.writeBytes(buf, 0, count);
                break;
            }
            case INPUT_STREAM_READER: {
                Object decoder = JdkInternals.get(object, "sd", null);
                out.writeHeapString(charsetOf(decoder, null).name());
                break;
            }
            case BUFFERED_READER:
                break;
            default:
                throw new IllegalStateException(kind.name());
        }
    }

    @Override
    Object read(HeapKryo kryo, HeapInput in) {
        Object inner = kryo.readClassAndObject(in);
        try {
            switch (kind) {
                case PRINT_WRITER: {
                    boolean autoFlush = in.readBoolean();
                    boolean trouble = in.readBoolean();
                    Object psOut = kryo.readClassAndObject(in);
                    PrintWriter w = new PrintWriter(as(java.io.Writer.class, inner), autoFlush);
                    JdkInternals.set(w, "trouble", trouble);
                    JdkInternals.set(w, "psOut", psOut == null ? null : as(PrintStream.class, psOut));
                    return w;
                }
                case BUFFERED_WRITER: {
                    BufferedWriter w = new BufferedWriter(as(java.io.Writer.class, inner));
                    w.write(in.readHeapString());
                    return w;
                }
                case OUTPUT_STREAM_WRITER: {
                    OutputStreamWriter w = new OutputStreamWriter(as(OutputStream.class, inner),
                            charset(in.readHeapString()));
                    w.write(in.readHeapString());
                    return w;
                }
                case PRINT_STREAM: {
                    boolean autoFlush = in.readBoolean();
                    boolean trouble = in.readBoolean();
                    PrintStream s = new PrintStream(as(OutputStream.class, inner), autoFlush,
                            charset(in.readHeapString()));
                    JdkInternals.set(s, "trouble", trouble);
                    return s;
                }
                case BUFFERED_OUTPUT_STREAM: {
                    int size = in.readVarInt(true);
                    int count = in.readCount(1);
                    if (size <= 0 || size > MAX_BUFFER || count > size) {
                        throw new CorruptData("bad buffered stream: " + count + " of " + size + " bytes");
                    }
                    BufferedOutputStream s = new BufferedOutputStream(as(OutputStream.class, inner), size);
                    s.write(in.readBytes(count));
                    return s;
                }
                case INPUT_STREAM_READER:
                    return new InputStreamReader(as(InputStream.class, inner), charset(in.readHeapString()));
                case BUFFERED_READER:
                    return new BufferedReader(as(java.io.Reader.class, inner));
                default:
                    throw new IllegalStateException(kind.name());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the restored standard stream refused buffered output", e);
        }
    }

    /** Why {@code o} cannot be written so, or null when it can. */
    private static String whyNot(Object o) {
        Object at = o;
        for (Kind k = Kind.of(at); k != null && !isStandardStream(at); k = Kind.of(at)) {
            if (k == Kind.BUFFERED_READER) {
                int next = (Integer) JdkInternals.get(at, "nextChar", -1);
                int count = (Integer) JdkInternals.get(at, "nChars", -1);
                if (next < 0 || count < 0) {
                    return "its state is not readable (java.io is not open to Stasis).";
                }
                if (next < count) {
                    return readAhead(count - next + " characters");
                }
            }
            if (k == Kind.INPUT_STREAM_READER) {
                Object decoder = JdkInternals.get(at, "sd", null);
                Object bb = decoder == null ? null : JdkInternals.get(decoder, "bb", null);
                if (!(bb instanceof ByteBuffer)) {
                    return "its state is not readable (sun.nio.cs is not open to Stasis).";
                }
                if (((ByteBuffer) bb).hasRemaining() || flag(decoder, "haveLeftoverChar")) {
                    return readAhead(((ByteBuffer) bb).remaining() + " bytes");
                }
            }
            Object inner = wrapped(at);
            if (inner == null) {
                return "its state is not readable (java.io and sun.nio.cs are not open to Stasis).";
            }
            at = inner;
        }
        if (isStandardStream(at)) {
            return null;
        }
        return "streams, readers and writers other than those over memory (StringReader, StringWriter,"
                + " ByteArrayInputStream, ByteArrayOutputStream) or over the standard streams may hold open files or"
                + " sockets of this process (this one is layered over a " + at.getClass().getName() + ").";
    }

    /** System.out, System.err or System.in as they are now: written as tokens (see JvmTokens). */
    private static boolean isStandardStream(Object o) {
        return o == System.out || o == System.err || o == System.in;
    }

    private static String readAhead(String what) {
        return "it holds " + what + " read ahead from standard input, which a restored JVM, reading a standard"
                + " input of its own, could not give back. Take the checkpoint while the reader has nothing buffered"
                + " (an interactive program waiting for its next line), or read the input from a file, whose"
                + " position is restored.";
    }

    /** What {@code o}, one of the kinds, wraps; null when that is not readable. */
    private static Object wrapped(Object o) {
        Kind k = Kind.of(o);
        if (k == null) {
            return null;
        }
        switch (k) {
            case PRINT_WRITER:
            case BUFFERED_WRITER:
            case PRINT_STREAM:
            case BUFFERED_OUTPUT_STREAM:
            case BUFFERED_READER:
                return JdkInternals.get(o, k == Kind.BUFFERED_READER ? "in" : "out", null);
            case OUTPUT_STREAM_WRITER: {
                Object encoder = JdkInternals.get(o, "se", null);
                return encoder == null ? null : JdkInternals.get(encoder, "out", null);
            }
            case INPUT_STREAM_READER: {
                Object decoder = JdkInternals.get(o, "sd", null);
                return decoder == null ? null : JdkInternals.get(decoder, "in", null);
            }
            default:
                return null;
        }
    }

    /** The charset of a StreamEncoder or StreamDecoder, or of {@code writer} by its encoding's name. */
    private static Charset charsetOf(Object coder, OutputStreamWriter writer) {
        Object cs = coder == null ? null : JdkInternals.get(coder, "cs", null);
        if (cs instanceof Charset) {
            return (Charset) cs;
        }
        return writer != null ? Charset.forName(writer.getEncoding()) : Charset.defaultCharset();
    }

    /**
     * The characters an OutputStreamWriter's encoder has encoded and not written yet (its byte
     * buffer, filled up to its position), decoded back, and a high surrogate it holds for the
     * next character: written to the restored writer again, they are encoded again.
     */
    private static String pendingText(Object encoder, Charset cs) {
        if (encoder == null) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        Object bb = JdkInternals.get(encoder, "bb", null);
        if (bb instanceof ByteBuffer && ((ByteBuffer) bb).position() > 0) {
            ByteBuffer pending = ((ByteBuffer) bb).duplicate().flip();
            try {
                text.append(cs.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(pending));
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new IllegalStateException(e);
            }
        }
        if (flag(encoder, "haveLeftoverChar")) {
            text.append((char) (Character) JdkInternals.get(encoder, "leftoverChar", '\0'));
        }
        return text.toString();
    }

    private static boolean flag(Object o, String name) {
        return Boolean.TRUE.equals(JdkInternals.get(o, name, false));
    }

    private static Charset charset(String name) {
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            throw new CorruptData("the restoring JDK has no charset \"" + name + "\" for a standard stream's writer");
        }
    }

    private static <T> T as(Class<T> type, Object o) {
        if (!type.isInstance(o)) {
            throw new CorruptData("a standard stream's wrapper wraps a " + (o == null ? "null" : o.getClass().getName())
                    + ", not a " + type.getName());
        }
        return type.cast(o);
    }
}
