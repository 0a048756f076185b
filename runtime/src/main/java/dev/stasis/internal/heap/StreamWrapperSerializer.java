package dev.stasis.internal.heap;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FileReader;
import java.io.FileWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.LineNumberReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.PushbackReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.List;

/**
 * A writer or stream the program layered over System.out, System.err or a file it writes ({@code
 * PrintWriter}, {@code BufferedWriter}, {@code OutputStreamWriter}, {@code FileWriter}, {@code
 * PrintStream}, {@code BufferedOutputStream}, {@code DataOutputStream}, in any nesting), or a
 * reader or stream over System.in or a file it reads ({@code InputStreamReader}, {@code
 * FileReader}, {@code BufferedReader}, {@code BufferedInputStream}, {@code DataInputStream}). Programs
 * keep such wrappers for their whole life (a {@code PrintWriter out = new PrintWriter(new
 * BufferedWriter(new OutputStreamWriter(System.out)))} for fast output, Clojure's {@code *out*},
 * a batch job's {@code BufferedReader} over its input file and {@code PrintWriter} over its
 * results); what they hold of this process is only the stream at the bottom, which a restored
 * JVM has too: its own standard stream, or the file reopened at its position ({@link
 * OpenFileSerializer}).
 *
 * <p>Each is written as what it wraps (a reference: the standard stream's token, the file stream,
 * or the next wrapper), its settings (auto-flush, charset) and what it holds buffered and has not
 * passed on yet, as characters or bytes; read back, it is built again over the restored stream
 * with that content buffered again. Output the program had written but not flushed is written by
 * the restored program, once, as it would have been, at the file position where it belongs (the
 * recorded position is where the flushed output ends). Input a reader had read ahead from a file
 * (past the file's recorded position) is given back to the restored reader's buffers, so it
 * reads on from the same character. Nothing is flushed at the checkpoint. A reader over standard
 * input is accepted only when it holds nothing read ahead: a restored JVM reads a standard input
 * of its own, so characters of the old one cannot be given back faithfully, and the checkpoint
 * fails with a message saying so (it is taken at a moment the reader's buffer is empty, e.g. an
 * interactive program waiting for its next line). A wrapper over anything else (a socket, a
 * channel's stream) is refused as before.
 */
final class StreamWrapperSerializer extends HeapSerializer<Object> {

    /**
     * The classes handled, each by its exact class (an application's subclass is not). Those
     * added in file format 6 ({@link #LATER}) are registered after the other heap classes (see
     * Classifier), so the ids of those keep their meaning in older files.
     */
    enum Kind {
        PRINT_WRITER(PrintWriter.class),
        BUFFERED_WRITER(BufferedWriter.class),
        OUTPUT_STREAM_WRITER(OutputStreamWriter.class),
        PRINT_STREAM(PrintStream.class),
        BUFFERED_OUTPUT_STREAM(BufferedOutputStream.class),
        INPUT_STREAM_READER(InputStreamReader.class),
        BUFFERED_READER(BufferedReader.class),
        FILE_WRITER(FileWriter.class),
        FILE_READER(FileReader.class),
        BUFFERED_INPUT_STREAM(BufferedInputStream.class),
        DATA_INPUT_STREAM(DataInputStream.class),
        DATA_OUTPUT_STREAM(DataOutputStream.class),
        LINE_NUMBER_READER(LineNumberReader.class),
        PUSHBACK_READER(PushbackReader.class);

        /** The kinds registered after the other heap classes (see Classifier), in this order. */
        static final List<Kind> LATER = List.of(FILE_WRITER, FILE_READER, BUFFERED_INPUT_STREAM, DATA_INPUT_STREAM,
                DATA_OUTPUT_STREAM, LINE_NUMBER_READER, PUSHBACK_READER);

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

    /** Streams over memory, written with their content and position (see ValueSerializers): wrappers over them are fine. */
    private static final java.util.Set<Class<?>> IN_MEMORY = java.util.Set.of(java.io.StringReader.class,
            java.io.StringWriter.class, java.io.ByteArrayInputStream.class, java.io.ByteArrayOutputStream.class);

    /** What {@link JdkInternals#get} gives for a field it cannot read, told apart from a null value. */
    private static final Object UNREADABLE = new Object();

    /** The largest buffer a restored BufferedOutputStream is given (a damaged file must not make it allocate more). */
    private static final int MAX_BUFFER = 1 << 26;

    // A FileWriter or FileReader has no state beyond its superclass's and no constructor over a
    // stream: it is made as serialization would, running only the superclass's constructor.
    private static final Constructor<?> OUTPUT_STREAM_WRITER_CONSTRUCTOR = Instantiators.viaSuper(
            OutputStreamWriter.class, OutputStreamWriter.class, OutputStream.class, Charset.class);
    private static final Constructor<?> FILE_WRITER_CONSTRUCTOR = Instantiators.viaSuper(FileWriter.class,
            OutputStreamWriter.class, OutputStream.class, Charset.class);
    private static final Constructor<?> INPUT_STREAM_READER_CONSTRUCTOR = Instantiators.viaSuper(
            InputStreamReader.class, InputStreamReader.class, InputStream.class, Charset.class);
    private static final Constructor<?> FILE_READER_CONSTRUCTOR = Instantiators.viaSuper(FileReader.class,
            InputStreamReader.class, InputStream.class, Charset.class);

    private final Kind kind;

    StreamWrapperSerializer(Kind kind) {
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
            case OUTPUT_STREAM_WRITER:
            case FILE_WRITER: {
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
            case INPUT_STREAM_READER:
            case FILE_READER: {
                Object decoder = JdkInternals.get(object, "sd", null);
                out.writeHeapString(charsetOf(decoder, null).name());
                ByteBuffer undecoded = ((ByteBuffer) JdkInternals.get(decoder, "bb", null)).duplicate();
                byte[] bytes = new byte[undecoded.remaining()];
                undecoded.get(bytes);
                out.writeVarInt(bytes.length, true);
                out.writeBytes(bytes);
                boolean leftover = flag(decoder, "haveLeftoverChar");
                out.writeBoolean(leftover);
                if (leftover) {
                    out.writeChar((Character) JdkInternals.get(decoder, "leftoverChar", '\0'));
                }
                break;
            }
            case BUFFERED_INPUT_STREAM: {
                byte[] buf = (byte[]) JdkInternals.get(object, "buf", null);
                if (buf == null) {
                    // closed (see letGo): nothing held
                    buf = new byte[0];
                }
                int pos = (Integer) JdkInternals.get(object, "pos", 0);
                int count = Math.min((Integer) JdkInternals.get(object, "count", 0), buf.length);
                // JDK 21 and later allocate the buffer at the first read: until then its size is initialSize
                out.writeVarInt(buf.length > 0 ? buf.length : (Integer) JdkInternals.get(object, "initialSize", 8192),
                        true);
                out.writeVarInt(Math.max(count - pos, 0), true);
                if (pos < count) {
                    out.writeBytes(buf, pos, count - pos);
                }
                break;
            }
            case DATA_INPUT_STREAM:
                break;
            case DATA_OUTPUT_STREAM:
                out.writeVarInt(((DataOutputStream) object).size(), true);
                break;
            case BUFFERED_READER:
                writeReadAhead(out, object);
                break;
            case LINE_NUMBER_READER: {
                writeReadAhead(out, object);
                out.writeVarInt(((LineNumberReader) object).getLineNumber(), true);
                out.writeVarInt((Integer) JdkInternals.get(object, "prevChar", -1), false);
                out.writeBoolean(Boolean.TRUE.equals(JdkInternals.declared(LineNumberReader.class, "skipLF", object)));
                break;
            }
            case PUSHBACK_READER:
                writePushedBack(out, object);
                break;
            default:
                throw new IllegalStateException(kind.name());
        }
    }

    @Override
    Object read(HeapKryo kryo, HeapInput in) {
        Object inner = kryo.readClassAndObject(in);
        Closeable placeholder = inner == null ? placeholderOfClosed(kind) : null;
        try {
            Object made = readOver(kryo, in, placeholder != null ? placeholder : inner);
            if (placeholder != null) {
                // closed, as it was: it lets go of the placeholder as it had of what it wrapped
                ((Closeable) made).close();
            }
            return made;
        } catch (IOException e) {
            throw new UncheckedIOException("the restored stream refused buffered output", e);
        }
    }

    /**
     * A stand-in to build a closed wrapper over, for the kinds whose {@code close()} drops what
     * they wrap ({@link #letGo}); null for the others, which never write a null in its place.
     */
    private static Closeable placeholderOfClosed(Kind kind) {
        switch (kind) {
            case PRINT_WRITER:
            case BUFFERED_WRITER:
                return java.io.Writer.nullWriter();
            case BUFFERED_READER:
            case LINE_NUMBER_READER:
                return java.io.Reader.nullReader();
            case BUFFERED_INPUT_STREAM:
                return InputStream.nullInputStream();
            default:
                return null;
        }
    }

    private Object readOver(HeapKryo kryo, HeapInput in, Object inner) throws IOException {
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
            case OUTPUT_STREAM_WRITER:
            case FILE_WRITER: {
                OutputStreamWriter w = (OutputStreamWriter) Instantiators.create(
                        kind == Kind.FILE_WRITER ? FILE_WRITER_CONSTRUCTOR : OUTPUT_STREAM_WRITER_CONSTRUCTOR,
                        as(OutputStream.class, inner), charset(in.readHeapString()));
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
            case FILE_READER: {
                InputStreamReader r = (InputStreamReader) Instantiators.create(
                        kind == Kind.FILE_READER ? FILE_READER_CONSTRUCTOR : INPUT_STREAM_READER_CONSTRUCTOR,
                        as(InputStream.class, inner), charset(in.readHeapString()));
                if (!kryo.refs.readersCarryReadAhead) {
                    return r;
                }
                Object decoder = JdkInternals.get(r, "sd", null);
                byte[] undecoded = in.readBytes(in.readCount(1));
                ByteBuffer bb = (ByteBuffer) JdkInternals.get(decoder, "bb", null);
                if (undecoded.length > bb.capacity()) {
                    throw new CorruptData("a reader holds " + undecoded.length + " undecoded bytes, more than its"
                            + " buffer's " + bb.capacity());
                }
                bb.clear();
                bb.put(undecoded);
                bb.flip();
                if (in.readBoolean()) {
                    JdkInternals.set(decoder, "leftoverChar", in.readChar());
                    JdkInternals.set(decoder, "haveLeftoverChar", true);
                }
                return r;
            }
            case BUFFERED_INPUT_STREAM: {
                int size = in.readVarInt(true);
                int unread = in.readCount(1);
                if (size <= 0 || size > MAX_BUFFER || unread > size) {
                    throw new CorruptData("bad buffered stream: " + unread + " unread bytes, buffer of " + size);
                }
                BufferedInputStream s = new BufferedInputStream(as(InputStream.class, inner), size);
                byte[] buf = new byte[size];
                in.readBytes(buf, 0, unread);
                JdkInternals.set(s, "buf", buf);
                JdkInternals.set(s, "pos", 0);
                JdkInternals.set(s, "count", unread);
                return s;
            }
            case DATA_INPUT_STREAM:
                return new DataInputStream(as(InputStream.class, inner));
            case DATA_OUTPUT_STREAM: {
                DataOutputStream s = new DataOutputStream(as(OutputStream.class, inner));
                JdkInternals.set(s, "written", in.readVarInt(true));
                return s;
            }
            case BUFFERED_READER: {
                BufferedReader r = new BufferedReader(as(java.io.Reader.class, inner));
                if (kryo.refs.readersCarryReadAhead) {
                    readReadAhead(in, r);
                }
                return r;
            }
            case LINE_NUMBER_READER: {
                LineNumberReader r = new LineNumberReader(as(java.io.Reader.class, inner));
                readReadAhead(in, r);
                r.setLineNumber(in.readVarInt(true));
                JdkInternals.set(r, "prevChar", in.readVarInt(false));
                JdkInternals.setDeclared(LineNumberReader.class, "skipLF", r, in.readBoolean());
                return r;
            }
            case PUSHBACK_READER: {
                int size = pushbackSize(in);
                PushbackReader r = new PushbackReader(as(java.io.Reader.class, inner), Math.max(size, 1));
                readPushedBack(in, r);
                closeIfClosed(r, size);
                return r;
            }
            default:
                throw new IllegalStateException(kind.name());
        }
    }

    /** Why {@code o} cannot be written so, or null when it can. */
    private static String whyNot(Object o) {
        Object bottom = o;
        for (Kind k = Kind.of(bottom); k != null && !isStandardStream(bottom); k = Kind.of(bottom)) {
            Object next = wrapped(bottom);
            if (next == null) {
                // closed, it holds nothing of this process any more (a mark it kept is meaningless)
                return letGo(bottom) ? null
                        : "its state is not readable (java.io and sun.nio.cs are not open to Stasis).";
            }
            if ((k == Kind.BUFFERED_READER || k == Kind.LINE_NUMBER_READER)
                    && (Integer) JdkInternals.get(bottom, "markedChar", -1) >= 0
                    || k == Kind.BUFFERED_INPUT_STREAM && (Integer) JdkInternals.get(bottom, "markpos", -1) >= 0) {
                return "a mark is set in it (" + k.type.getSimpleName() + ".mark), which a restored one would not have.";
            }
            bottom = next;
        }
        if (bottom == System.in || OpenFileSerializer.standardDescriptor(bottom) == 0) {
            return readAheadFromStandardInput(o, bottom);
        }
        if (isStandardStream(bottom) || bottom.getClass() == FileOutputStream.class
                || bottom.getClass() == FileInputStream.class || ChannelStreamSerializer.overFileChannel(bottom)
                || IN_MEMORY.contains(bottom.getClass())) {
            return null;
        }
        return "streams, readers and writers other than those over memory (StringReader, StringWriter,"
                + " ByteArrayInputStream, ByteArrayOutputStream), over the standard streams or over a file stream may"
                + " hold sockets or other resources of this process (this one is layered over a "
                + bottom.getClass().getName() + ").";
    }

    /** Why a reader over System.in cannot be written so (it holds input read ahead), or null. */
    private static String readAheadFromStandardInput(Object reader, Object standardInput) {
        for (Object at = reader; at != standardInput; at = wrapped(at)) {
            Kind k = Kind.of(at);
            if (k == Kind.BUFFERED_READER || k == Kind.LINE_NUMBER_READER) {
                int next = (Integer) JdkInternals.get(at, "nextChar", -1);
                int count = (Integer) JdkInternals.get(at, "nChars", -1);
                if (next < count) {
                    return readAhead(count - next + " characters");
                }
            }
            if (k == Kind.BUFFERED_INPUT_STREAM) {
                int pos = (Integer) JdkInternals.get(at, "pos", -1);
                int count = (Integer) JdkInternals.get(at, "count", -1);
                if (pos < count) {
                    return readAhead(count - pos + " bytes");
                }
            }
            if (k == Kind.INPUT_STREAM_READER || k == Kind.FILE_READER) {
                Object decoder = JdkInternals.get(at, "sd", null);
                Object bb = decoder == null ? null : JdkInternals.get(decoder, "bb", null);
                if (!(bb instanceof ByteBuffer)) {
                    return "its state is not readable (sun.nio.cs is not open to Stasis).";
                }
                if (((ByteBuffer) bb).hasRemaining() || flag(decoder, "haveLeftoverChar")) {
                    return readAhead(((ByteBuffer) bb).remaining() + " bytes");
                }
            }
        }
        return null;
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
        String field = wrappedField(k);
        if (field != null) {
            return JdkInternals.get(o, field, null);
        }
        switch (k) {
            case OUTPUT_STREAM_WRITER:
            case FILE_WRITER: {
                Object encoder = JdkInternals.get(o, "se", null);
                return encoder == null ? null : JdkInternals.get(encoder, "out", null);
            }
            case INPUT_STREAM_READER:
            case FILE_READER: {
                Object decoder = JdkInternals.get(o, "sd", null);
                return decoder == null ? null : JdkInternals.get(decoder, "in", null);
            }
            default:
                return null;
        }
    }

    /** The field that holds what a kind wraps, or null for those that wrap it in an encoder or decoder. */
    private static String wrappedField(Kind k) {
        switch (k) {
            case PRINT_WRITER:
            case BUFFERED_WRITER:
            case PRINT_STREAM:
            case BUFFERED_OUTPUT_STREAM:
            case DATA_OUTPUT_STREAM:
                return "out";
            case BUFFERED_READER:
            case LINE_NUMBER_READER:
            case PUSHBACK_READER:
            case BUFFERED_INPUT_STREAM:
            case DATA_INPUT_STREAM:
                return "in";
            default:
                return null;
        }
    }

    /**
     * Whether {@code o} was closed and so let go of what it wrapped: {@code close()} of a
     * PrintWriter, BufferedWriter, BufferedReader, LineNumberReader and BufferedInputStream sets that
     * field to null (libraries keep such closed readers, Velocity's pooled parsers for one). It holds
     * nothing of this process any more, and is written with a null in its place and read back closed.
     * False when the field cannot be read at all.
     */
    private static boolean letGo(Object o) {
        Kind k = Kind.of(o);
        return placeholderOfClosed(k) != null && JdkInternals.get(o, wrappedField(k), UNREADABLE) == null;
    }

    /** A BufferedReader's characters read ahead and not yet read, and its skip-LF flag (heap format 5). */
    private static void writeReadAhead(HeapOutput out, Object reader) {
        char[] cb = (char[]) JdkInternals.get(reader, "cb", null);
        int next = (Integer) JdkInternals.get(reader, "nextChar", 0);
        int count = (Integer) JdkInternals.get(reader, "nChars", 0);
        out.writeHeapString(cb == null || next >= count ? "" : new String(cb, next, count - next));
        out.writeBoolean(Boolean.TRUE.equals(JdkInternals.declared(BufferedReader.class, "skipLF", reader)));
    }

    private static void readReadAhead(HeapInput in, BufferedReader r) {
        char[] ahead = in.readHeapString().toCharArray();
        char[] cb = (char[]) JdkInternals.get(r, "cb", null);
        if (ahead.length > cb.length) {
            cb = new char[ahead.length];
            JdkInternals.set(r, "cb", cb);
        }
        System.arraycopy(ahead, 0, cb, 0, ahead.length);
        JdkInternals.set(r, "nextChar", 0);
        JdkInternals.set(r, "nChars", ahead.length);
        JdkInternals.setDeclared(BufferedReader.class, "skipLF", r, in.readBoolean());
    }

    /** A PushbackReader's buffer size and the characters pushed back into it, next to be read first. */
    static void writePushedBack(HeapOutput out, Object reader) {
        char[] buf = (char[]) JdkInternals.declared(PushbackReader.class, "buf", reader);
        if (buf == null) {
            // closed: close() drops the buffer (and keeps what it wraps); written as size 0
            out.writeVarInt(0, true);
            out.writeHeapString("");
            return;
        }
        int pos = (Integer) JdkInternals.declared(PushbackReader.class, "pos", reader);
        out.writeVarInt(buf.length, true);
        out.writeHeapString(new String(buf, pos, buf.length - pos));
    }

    /**
     * The buffer size a PushbackReader was written with, 0 for one the program had closed: make it
     * with {@code Math.max(size, 1)} and give it to {@link #closeIfClosed}.
     */
    static int pushbackSize(HeapInput in) {
        int size = in.readVarInt(true);
        if (size < 0 || size > MAX_BUFFER) {
            throw new CorruptData("bad pushback buffer size " + size);
        }
        return size;
    }

    /** Drops the buffer of a reader written closed ({@link #pushbackSize} 0), as its close() had. */
    static void closeIfClosed(PushbackReader r, int size) {
        if (size == 0) {
            JdkInternals.setDeclared(PushbackReader.class, "buf", r, null);
        }
    }

    /** Fills {@code r}, made with the size {@link #pushbackSize} read, with the characters pushed back. */
    static void readPushedBack(HeapInput in, PushbackReader r) {
        fillPushedBack(in.readHeapString().toCharArray(), r);
    }

    static void fillPushedBack(char[] pushed, PushbackReader r) {
        char[] buf = (char[]) JdkInternals.declared(PushbackReader.class, "buf", r);
        if (pushed.length > buf.length) {
            throw new CorruptData(pushed.length + " characters pushed back into a buffer of " + buf.length);
        }
        System.arraycopy(pushed, 0, buf, buf.length - pushed.length, pushed.length);
        JdkInternals.setDeclared(PushbackReader.class, "pos", r, buf.length - pushed.length);
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
