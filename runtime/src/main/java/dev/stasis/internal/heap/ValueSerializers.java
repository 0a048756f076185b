package dev.stasis.internal.heap;

import dev.stasis.internal.concurrent.CheckpointableBarrier;
import java.io.File;
import java.lang.ref.SoftReference;
import java.lang.ref.WeakReference;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Serializers of JDK value types, each by its logical content (never its private fields): text
 * forms for java.time and similar, numbers for atomics and adders, and so on. Types that hold
 * other objects (Optional, AtomicReference, ThreadLocal suppliers, references) write them as part
 * of the graph.
 */
final class ValueSerializers {

    private ValueSerializers() {
    }

    /** A string written as a value, interned on read (see {@link HeapWriter#inlineShortStrings}). */
    static HeapSerializer<String> string() {
        return HeapSerializer.of((k, out, s) -> out.writeHeapString(s), (k, in) -> in.readHeapString().intern());
    }

    /** A string with its identity: written once and referenced after. */
    static HeapSerializer<String> sharedString() {
        return HeapSerializer.of((k, out, s) -> out.writeHeapString(s), (k, in) -> in.readHeapString());
    }

    /** Registration type of strings written with their identity; never instantiated. */
    static final class SharedString {
        private SharedString() {
        }
    }

    static void writeNullableString(HeapOutput out, String s) {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeHeapString(s);
        }
    }

    static String readNullableString(HeapInput in) {
        return in.readBoolean() ? in.readHeapString() : null;
    }

    /** A type written as its text form and parsed back; a parse failure means a damaged heap. */
    static <T> HeapSerializer<T> text(Function<T, String> format, Function<String, T> parse) {
        return HeapSerializer.of((k, out, v) -> out.writeHeapString(format.apply(v)), (k, in) -> {
            String s = in.readHeapString();
            try {
                return parse.apply(s);
            } catch (RuntimeException e) {
                throw new CorruptData("cannot parse \"" + s + "\": " + e, e);
            }
        });
    }

    static <T> HeapSerializer<T> text(Function<String, T> parse) {
        return text(Object::toString, parse);
    }

    /** One of the two byte orders, by its name (its toString). */
    static java.nio.ByteOrder byteOrder(String name) {
        if (name.equals(java.nio.ByteOrder.BIG_ENDIAN.toString())) {
            return java.nio.ByteOrder.BIG_ENDIAN;
        }
        if (name.equals(java.nio.ByteOrder.LITTLE_ENDIAN.toString())) {
            return java.nio.ByteOrder.LITTLE_ENDIAN;
        }
        throw new CorruptData("no byte order \"" + name + "\"");
    }

    static HeapSerializer<BigInteger> bigInteger() {
        return HeapSerializer.of((k, out, v) -> writeBig(out, v), (k, in) -> readBig(in));
    }

    private static void writeBig(HeapOutput out, BigInteger v) {
        byte[] b = v.toByteArray();
        out.writeVarInt(b.length, true);
        out.writeBytes(b);
    }

    private static BigInteger readBig(HeapInput in) {
        int n = in.readCount(1);
        if (n == 0) {
            throw new CorruptData("empty BigInteger");
        }
        return new BigInteger(in.readBytes(n));
    }

    static HeapSerializer<BigDecimal> bigDecimal() {
        return HeapSerializer.of((k, out, v) -> {
            writeBig(out, v.unscaledValue());
            out.writeVarInt(v.scale(), false);
        }, (k, in) -> new BigDecimal(readBig(in), in.readVarInt(false)));
    }

    static HeapSerializer<UUID> uuid() {
        return HeapSerializer.of((k, out, v) -> {
            out.writeLong(v.getMostSignificantBits());
            out.writeLong(v.getLeastSignificantBits());
        }, (k, in) -> new UUID(in.readLong(), in.readLong()));
    }

    static HeapSerializer<Date> date() {
        return HeapSerializer.of((k, out, v) -> out.writeLong(v.getTime()), (k, in) -> new Date(in.readLong()));
    }

    @SuppressWarnings("deprecation")
    static HeapSerializer<Locale> locale() {
        return HeapSerializer.of((k, out, v) -> {
            String tag = v.toLanguageTag();
            boolean byTag = Locale.forLanguageTag(tag).equals(v);
            out.writeBoolean(byTag);
            if (byTag) {
                out.writeHeapString(tag);
            } else {
                out.writeHeapString(v.getLanguage());
                out.writeHeapString(v.getCountry());
                out.writeHeapString(v.getVariant());
            }
        }, (k, in) -> in.readBoolean() ? Locale.forLanguageTag(in.readHeapString())
                : new Locale(in.readHeapString(), in.readHeapString(), in.readHeapString()));
    }

    static HeapSerializer<Pattern> pattern() {
        return HeapSerializer.of((k, out, v) -> {
            out.writeHeapString(v.pattern());
            out.writeVarInt(v.flags(), true);
        }, (k, in) -> {
            String p = in.readHeapString();
            try {
                return Pattern.compile(p, in.readVarInt(true));
            } catch (RuntimeException e) {
                throw new CorruptData("bad pattern: " + e, e);
            }
        });
    }

    static HeapSerializer<URL> url() {
        return text(URL::toExternalForm, s -> {
            try {
                return new URL(s);
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException(e);
            }
        });
    }

    static HeapSerializer<URI> uri() {
        return text(URI::create);
    }

    static HeapSerializer<File> file() {
        return text(File::getPath, File::new);
    }

    static HeapSerializer<Path> path() {
        return HeapSerializer.of((k, out, p) -> {
            if (p.getFileSystem() != FileSystems.getDefault()) {
                throw k.path.refuse(p, "a path of a non-default file system (" + p.getFileSystem() + ") cannot be re-opened.");
            }
            out.writeHeapString(p.toString());
        }, (k, in) -> {
            String s = in.readHeapString();
            try {
                return Path.of(s);
            } catch (RuntimeException e) {
                throw new CorruptData("bad path " + s, e);
            }
        });
    }

    /** A java.util.logging logger is the reading JVM's logger of the same name (configured there). */
    static HeapSerializer<java.util.logging.Logger> logger() {
        return HeapSerializer.of((k, out, l) -> writeNullableString(out, l.getName()), (k, in) -> {
            String name = readNullableString(in);
            return name == null ? java.util.logging.Logger.getAnonymousLogger() : java.util.logging.Logger.getLogger(name);
        });
    }

    /**
     * A StringJoiner as prefix, delimiter, suffix, empty value and the elements added so far;
     * none of these has a getter, so this reads its fields (java.util open to Stasis).
     */
    static HeapSerializer<java.util.StringJoiner> stringJoiner() {
        return HeapSerializer.of((k, out, j) -> {
            Object[] elements = (Object[]) JdkInternals.get(j, "elts", null);
            Object size = JdkInternals.get(j, "size", null);
            Object prefix = JdkInternals.get(j, "prefix", null);
            if (prefix == null || !(size instanceof Integer)) {
                throw k.path.refuse(j, "a StringJoiner's parts are not readable (java.util is not open to Stasis).");
            }
            out.writeHeapString((String) prefix);
            out.writeHeapString((String) JdkInternals.get(j, "delimiter", ""));
            out.writeHeapString((String) JdkInternals.get(j, "suffix", ""));
            writeNullableString(out, (String) JdkInternals.get(j, "emptyValue", null));
            int n = (Integer) size;
            out.writeVarInt(n, true);
            for (int i = 0; i < n; i++) {
                out.writeHeapString((String) elements[i]);
            }
        }, (k, in) -> {
            String prefix = in.readHeapString();
            String delimiter = in.readHeapString();
            java.util.StringJoiner j = new java.util.StringJoiner(delimiter, prefix, in.readHeapString());
            String empty = readNullableString(in);
            if (empty != null) {
                j.setEmptyValue(empty);
            }
            int n = in.readCount(1);
            for (int i = 0; i < n; i++) {
                j.add(in.readHeapString());
            }
            return j;
        });
    }

    /**
     * A SecureRandom comes back as a new, freshly seeded instance of the same algorithm: its
     * state is meant to be unpredictable, not reproducible.
     */
    static HeapSerializer<java.security.SecureRandom> secureRandom() {
        return HeapSerializer.of((k, out, r) -> out.writeHeapString(r.getAlgorithm()), (k, in) -> {
            String algorithm = in.readHeapString();
            try {
                return java.security.SecureRandom.getInstance(algorithm);
            } catch (java.security.NoSuchAlgorithmException e) {
                return new java.security.SecureRandom();
            }
        });
    }

    static HeapSerializer<BitSet> bitSet() {
        return HeapSerializer.of((k, out, b) -> writeBits(out, b), (k, in) -> readBits(in));
    }

    /** A BitSet's bits: a varint count of 64-bit words, then the words (also for subclasses, see JdkSuperclassState). */
    static void writeBits(HeapOutput out, BitSet b) {
        long[] words = b.toLongArray();
        out.writeVarInt(words.length, true);
        out.writeLongs(words, 0, words.length);
    }

    /** Reads what {@link #writeBits} wrote. */
    static BitSet readBits(HeapInput in) {
        return BitSet.valueOf(in.readLongs(in.readCount(8)));
    }

    static HeapSerializer<Object> plainObject() {
        return HeapSerializer.of((k, out, o) -> {
        }, (k, in) -> new Object());
    }

    static HeapSerializer<StringBuilder> stringBuilder() {
        return HeapSerializer.of((k, out, v) -> out.writeHeapString(v.toString()),
                (k, in) -> new StringBuilder(in.readHeapString()));
    }

    static HeapSerializer<StringBuffer> stringBuffer() {
        return HeapSerializer.of((k, out, v) -> out.writeHeapString(v.toString()),
                (k, in) -> new StringBuffer(in.readHeapString()));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    static HeapSerializer<Optional> optional() {
        return HeapSerializer.fromContent((k, out, v) -> k.writeClassAndObject(out, v.orElse(null)),
                (k, in) -> Optional.ofNullable(k.readClassAndObject(in)));
    }

    static HeapSerializer<OptionalInt> optionalInt() {
        return HeapSerializer.of((k, out, v) -> {
            out.writeBoolean(v.isPresent());
            if (v.isPresent()) {
                out.writeInt(v.getAsInt());
            }
        }, (k, in) -> in.readBoolean() ? OptionalInt.of(in.readInt()) : OptionalInt.empty());
    }

    static HeapSerializer<OptionalLong> optionalLong() {
        return HeapSerializer.of((k, out, v) -> {
            out.writeBoolean(v.isPresent());
            if (v.isPresent()) {
                out.writeLong(v.getAsLong());
            }
        }, (k, in) -> in.readBoolean() ? OptionalLong.of(in.readLong()) : OptionalLong.empty());
    }

    static HeapSerializer<OptionalDouble> optionalDouble() {
        return HeapSerializer.of((k, out, v) -> {
            out.writeBoolean(v.isPresent());
            if (v.isPresent()) {
                out.writeDouble(v.getAsDouble());
            }
        }, (k, in) -> in.readBoolean() ? OptionalDouble.of(in.readDouble()) : OptionalDouble.empty());
    }

    static HeapSerializer<AtomicInteger> atomicInteger() {
        return HeapSerializer.of((k, out, v) -> out.writeInt(v.get()), (k, in) -> new AtomicInteger(in.readInt()));
    }

    static HeapSerializer<AtomicLong> atomicLong() {
        return HeapSerializer.of((k, out, v) -> out.writeLong(v.get()), (k, in) -> new AtomicLong(in.readLong()));
    }

    static HeapSerializer<AtomicBoolean> atomicBoolean() {
        return HeapSerializer.of((k, out, v) -> out.writeBoolean(v.get()), (k, in) -> new AtomicBoolean(in.readBoolean()));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    static HeapSerializer<AtomicReference> atomicReference() {
        return HeapSerializer.of((k, out, v) -> k.writeClassAndObject(out, v.get()), (k, in) -> {
            AtomicReference r = new AtomicReference();
            k.reference(r);
            r.set(k.readClassAndObject(in));
            return r;
        });
    }

    static HeapSerializer<AtomicIntegerArray> atomicIntegerArray() {
        return HeapSerializer.of((k, out, v) -> {
            out.writeVarInt(v.length(), true);
            for (int i = 0; i < v.length(); i++) {
                out.writeInt(v.get(i));
            }
        }, (k, in) -> new AtomicIntegerArray(in.readInts(in.readCount(4))));
    }

    static HeapSerializer<AtomicLongArray> atomicLongArray() {
        return HeapSerializer.of((k, out, v) -> {
            out.writeVarInt(v.length(), true);
            for (int i = 0; i < v.length(); i++) {
                out.writeLong(v.get(i));
            }
        }, (k, in) -> new AtomicLongArray(in.readLongs(in.readCount(8))));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    static HeapSerializer<AtomicReferenceArray> atomicReferenceArray() {
        return HeapSerializer.of((k, out, v) -> {
            out.writeVarInt(v.length(), true);
            for (int i = 0; i < v.length(); i++) {
                k.writeClassAndObject(out, v.get(i));
            }
        }, (k, in) -> {
            AtomicReferenceArray a = new AtomicReferenceArray(in.readSlots());
            k.reference(a);
            for (int i = 0; i < a.length(); i++) {
                a.set(i, k.readClassAndObject(in));
            }
            return a;
        });
    }

    static HeapSerializer<LongAdder> longAdder() {
        return HeapSerializer.of((k, out, v) -> out.writeLong(v.sum()), (k, in) -> {
            LongAdder a = new LongAdder();
            a.add(in.readLong());
            return a;
        });
    }

    static HeapSerializer<DoubleAdder> doubleAdder() {
        return HeapSerializer.of((k, out, v) -> out.writeDouble(v.sum()), (k, in) -> {
            DoubleAdder a = new DoubleAdder();
            a.add(in.readDouble());
            return a;
        });
    }

    /**
     * A StringReader, which holds only its string: the string, the position, the mark and
     * whether it is closed. Java 17 keeps them in the reader's own fields, later JDKs in a reader
     * over a CharSequence that it wraps (java.io open to Stasis either way); read back through
     * the public API: skip to the mark, mark, skip on to the position.
     */
    static HeapSerializer<java.io.StringReader> stringReader() {
        return HeapSerializer.of((k, out, r) -> {
            Object holder = JdkInternals.get(r, "r", r);
            Object text = holder == r ? JdkInternals.get(r, "str", ABSENT) : charSequenceOf(holder);
            Object next = JdkInternals.get(holder, "next", null);
            Object mark = JdkInternals.get(holder, "mark", null);
            boolean closed = holder == r ? text == null : Boolean.TRUE.equals(JdkInternals.get(holder, "isClosed", false));
            if (text == ABSENT || !(next instanceof Integer) || !(mark instanceof Integer)) {
                throw k.path.refuse(r, "Stasis reads a StringReader only when java.io is open to it (the agent opens it).");
            }
            out.writeBoolean(closed);
            if (!closed) {
                out.writeHeapString(text.toString());
                out.writeVarInt((Integer) next, true);
                out.writeVarInt((Integer) mark, true);
            }
        }, (k, in) -> {
            if (in.readBoolean()) {
                java.io.StringReader r = new java.io.StringReader("");
                r.close();
                k.reference(r);
                return r;
            }
            String text = in.readHeapString();
            int next = in.readVarInt(true);
            int mark = in.readVarInt(true);
            if (next < 0 || mark < 0 || mark > next || next > text.length()) {
                throw new CorruptData("a StringReader's position or mark is out of range");
            }
            java.io.StringReader r = new java.io.StringReader(text);
            try {
                r.skip(mark);
                r.mark(0);
                r.skip(next - mark);
            } catch (java.io.IOException e) {
                throw new CorruptData("cannot position a StringReader: " + e);
            }
            k.reference(r);
            return r;
        });
    }

    private static final Object ABSENT = new Object();

    private static Object charSequenceOf(Object reader) {
        for (Class<?> c = reader.getClass(); c != null; c = c.getSuperclass()) {
            for (java.lang.reflect.Field f : c.getDeclaredFields()) {
                if (f.getType() == CharSequence.class && !java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                    Object v = JdkInternals.get(reader, f.getName(), ABSENT);
                    return v == null ? ABSENT : v;
                }
            }
        }
        return ABSENT;
    }

    /**
     * A ByteArrayInputStream by its protected fields (part of its API): the array, shared with
     * whoever wrapped it, the end, the position and the mark.
     */
    static HeapSerializer<java.io.ByteArrayInputStream> byteArrayInput() {
        return HeapSerializer.of((k, out, b) -> {
            Object buf = JdkInternals.get(b, "buf", null);
            Object pos = JdkInternals.get(b, "pos", null);
            Object mark = JdkInternals.get(b, "mark", null);
            Object count = JdkInternals.get(b, "count", null);
            if (!(buf instanceof byte[]) || !(pos instanceof Integer) || !(mark instanceof Integer) || !(count instanceof Integer)) {
                throw k.path.refuse(b, "Stasis reads a ByteArrayInputStream only when java.io is open to it (the agent"
                        + " opens it).");
            }
            k.writeClassAndObject(out, buf);
            out.writeVarInt((Integer) count, true);
            out.writeVarInt((Integer) pos, true);
            out.writeVarInt((Integer) mark, true);
        }, (k, in) -> {
            Object buf = k.readClassAndObject(in);
            int count = in.readVarInt(true);
            int pos = in.readVarInt(true);
            int mark = in.readVarInt(true);
            if (!(buf instanceof byte[]) || count < 0 || count > ((byte[]) buf).length || pos < 0 || pos > count || mark < 0
                    || mark > pos) {
                throw new CorruptData("a ByteArrayInputStream's window is out of range");
            }
            java.io.ByteArrayInputStream b = new java.io.ByteArrayInputStream((byte[]) buf, 0, count);
            b.skip(mark);
            b.mark(0);
            b.skip(pos - mark);
            k.reference(b);
            return b;
        });
    }

    /** A ByteArrayOutputStream by what was written to it. */
    static HeapSerializer<java.io.ByteArrayOutputStream> byteArrayOutput() {
        return HeapSerializer.of((k, out, b) -> {
            byte[] written = b.toByteArray();
            out.writeVarInt(written.length, true);
            out.writeBytes(written);
        }, (k, in) -> {
            int n = in.readCount(1);
            java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream(Math.max(32, n));
            b.write(in.readBytes(n), 0, n);
            k.reference(b);
            return b;
        });
    }

    /** A StringWriter by what was written to it. */
    static HeapSerializer<java.io.StringWriter> stringWriter() {
        return HeapSerializer.of((k, out, w) -> out.writeHeapString(w.toString()), (k, in) -> {
            java.io.StringWriter w = new java.io.StringWriter();
            w.write(in.readHeapString());
            k.reference(w);
            return w;
        });
    }

    /**
     * A running checksum of java.util.zip (CRC32, CRC32C, Adler32) by its value so far, which
     * {@code getValue()} gives on any JDK; read back, a new one gets the state that gives that value
     * ({@code toState}) in its one private field, which no API sets (the agent opens java.util.zip).
     * Jobs keep one updated across a whole file or stream.
     */
    static <T extends java.util.zip.Checksum> HeapSerializer<T> checksum(Class<T> type, String field,
            java.util.function.IntUnaryOperator toState) {
        java.lang.reflect.Field state = JdkInternals.field(type, field);
        return HeapSerializer.of((k, out, c) -> {
            if (state == null) {
                throw k.path.refuse(c, "Stasis restores a " + type.getSimpleName() + " only when java.util.zip is open to"
                        + " it (the agent opens it).");
            }
            out.writeInt((int) c.getValue());
        }, (k, in) -> {
            int value = in.readInt();
            if (state == null) {
                throw new CorruptData("a " + type.getSimpleName() + " can be restored only when java.util.zip is open to"
                        + " Stasis (the agent opens it)");
            }
            try {
                T c = type.getConstructor().newInstance();
                state.setInt(c, toState.applyAsInt(value));
                return c;
            } catch (ReflectiveOperationException e) {
                throw new CorruptData("cannot restore a " + type.getSimpleName() + ": " + e, e);
            }
        });
    }

    /**
     * A decoder or encoder of UTF-8, US-ASCII or ISO-8859-1 (libraries keep one to reuse: SnakeYAML
     * in a static field), whose classes keep no state of their own between calls: its charset, its
     * actions on malformed and unmappable input, its replacement, and where it is in the
     * reset-decode-flush sequence (from the JDK class's private field, when java.nio.charset is open
     * to Stasis, as the agent does; otherwise it comes back reset).
     */
    static HeapSerializer<Object> charsetCoder(boolean decoder) {
        java.lang.reflect.Field state = JdkInternals.field(decoder ? java.nio.charset.CharsetDecoder.class
                : java.nio.charset.CharsetEncoder.class, "state");
        return HeapSerializer.of((k, out, o) -> {
            if (decoder) {
                java.nio.charset.CharsetDecoder d = (java.nio.charset.CharsetDecoder) o;
                out.writeHeapString(d.charset().name());
                out.writeHeapString(d.malformedInputAction().toString());
                out.writeHeapString(d.unmappableCharacterAction().toString());
                out.writeHeapString(d.replacement());
            } else {
                java.nio.charset.CharsetEncoder e = (java.nio.charset.CharsetEncoder) o;
                out.writeHeapString(e.charset().name());
                out.writeHeapString(e.malformedInputAction().toString());
                out.writeHeapString(e.unmappableCharacterAction().toString());
                byte[] replacement = e.replacement();
                out.writeVarInt(replacement.length, true);
                out.writeBytes(replacement);
            }
            out.writeVarInt(readState(state, o), false);
        }, (k, in) -> {
            java.nio.charset.Charset charset;
            try {
                charset = java.nio.charset.Charset.forName(in.readHeapString());
            } catch (IllegalArgumentException e) {
                throw new CorruptData("unknown charset of a decoder or encoder: " + e.getMessage(), e);
            }
            java.nio.charset.CodingErrorAction malformed = codingErrorAction(in.readHeapString());
            java.nio.charset.CodingErrorAction unmappable = codingErrorAction(in.readHeapString());
            Object coder;
            try {
                if (decoder) {
                    coder = charset.newDecoder().onMalformedInput(malformed).onUnmappableCharacter(unmappable)
                            .replaceWith(in.readHeapString());
                } else {
                    byte[] replacement = in.readBytes(in.readCount(1));
                    coder = charset.newEncoder().onMalformedInput(malformed).onUnmappableCharacter(unmappable)
                            .replaceWith(replacement);
                }
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                throw new CorruptData("cannot re-create a decoder or encoder of " + charset + ": " + e, e);
            }
            int st = in.readVarInt(false);
            if (state != null && st >= 0) {
                try {
                    state.setInt(coder, st);
                } catch (IllegalAccessException e) {
                    throw new CorruptData("cannot set a decoder's state: " + e, e);
                }
            }
            return coder;
        });
    }

    private static int readState(java.lang.reflect.Field state, Object coder) {
        try {
            return state == null ? -1 : state.getInt(coder);
        } catch (IllegalAccessException e) {
            return -1;
        }
    }

    private static java.nio.charset.CodingErrorAction codingErrorAction(String name) {
        switch (name) {
            case "IGNORE": return java.nio.charset.CodingErrorAction.IGNORE;
            case "REPLACE": return java.nio.charset.CodingErrorAction.REPLACE;
            case "REPORT": return java.nio.charset.CodingErrorAction.REPORT;
            default: throw new CorruptData("unknown coding error action " + name);
        }
    }

    /** A System.Logger by its name, looked up again in the new JVM (through its LoggerFinder). */
    static HeapSerializer<System.Logger> systemLogger() {
        return HeapSerializer.of((k, out, l) -> out.writeHeapString(l.getName()),
                (k, in) -> System.getLogger(in.readHeapString()));
    }

    private static final int BUFFER_READ_ONLY = 1;
    private static final int BUFFER_LITTLE_ENDIAN = 2;

    /**
     * A heap ByteBuffer ({@code allocate}, {@code wrap}, their slices and read-only views): its
     * backing array, written as a shared array so that a buffer and the code that wrapped it keep
     * sharing it, the window of that array it covers, its limit, position and mark, its byte order
     * and whether it is read-only. Direct and mapped buffers are memory of the process and stay
     * refused.
     */
    static HeapSerializer<ByteBuffer> heapByteBuffer() {
        return HeapSerializer.of((k, out, b) -> {
            Object hb = JdkInternals.get(b, "hb", null);
            Object offset = JdkInternals.get(b, "offset", null);
            Object mark = JdkInternals.get(b, "mark", null);
            if (!(hb instanceof byte[]) || !(offset instanceof Integer) || !(mark instanceof Integer)) {
                throw k.path.refuse(b, "Stasis reads a heap ByteBuffer only when java.nio is open to it (the agent"
                        + " opens it).");
            }
            k.writeClassAndObject(out, hb);
            out.writeVarInt((Integer) offset, true);
            out.writeVarInt(b.capacity(), true);
            out.writeVarInt(b.limit(), true);
            out.writeVarInt(b.position(), true);
            out.writeVarInt((Integer) mark + 1, true);
            out.writeByte((b.isReadOnly() ? BUFFER_READ_ONLY : 0) | (b.order() == ByteOrder.LITTLE_ENDIAN ? BUFFER_LITTLE_ENDIAN : 0));
        }, (k, in) -> {
            Object array = k.readClassAndObject(in);
            int offset = in.readVarInt(true);
            int capacity = in.readVarInt(true);
            int limit = in.readVarInt(true);
            int position = in.readVarInt(true);
            int mark = in.readVarInt(true) - 1;
            int flags = in.readByte();
            if (!(array instanceof byte[]) || offset < 0 || capacity < 0 || offset > ((byte[]) array).length - capacity
                    || limit < 0 || limit > capacity || position < 0 || position > limit || mark < -1 || mark > position
                    || (flags & ~(BUFFER_READ_ONLY | BUFFER_LITTLE_ENDIAN)) != 0) {
                throw new CorruptData("a ByteBuffer's array, window or position is out of range");
            }
            ByteBuffer b = ByteBuffer.wrap((byte[]) array, offset, capacity).slice();
            b.limit(limit);
            if (mark >= 0) {
                b.position(mark);
                b.mark();
            }
            b.position(position);
            if ((flags & BUFFER_READ_ONLY) != 0) {
                b = b.asReadOnlyBuffer();
            }
            b.order((flags & BUFFER_LITTLE_ENDIAN) != 0 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
            k.reference(b);
            return b;
        });
    }

    /**
     * A ReentrantLock is written as its synchronizer, an object of its own in the graph that
     * conditions created by the lock (lock.newCondition()) refer to as well; on read the
     * synchronizer is a fresh lock, which the lock and its conditions resolve to. Locks come
     * back unlocked: a lock is owned by a thread, which the restore driver re-creates.
     */
    static HeapSerializer<ReentrantLock> reentrantLock() {
        return HeapSerializer.of((k, out, v) -> {
            Object sync = JdkInternals.get(v, "sync", null);
            out.writeBoolean(sync != null);
            if (sync != null) {
                k.writeClassAndObject(out, sync);
            } else {
                out.writeBoolean(v.isFair());
            }
        }, (k, in) -> {
            if (!in.readBoolean()) {
                return new ReentrantLock(in.readBoolean());
            }
            Object lock = k.readClassAndObject(in);
            if (!(lock instanceof ReentrantLock)) {
                throw new CorruptData("lock synchronizer expected");
            }
            return (ReentrantLock) lock;
        });
    }

    /**
     * The checkpoint-aware CyclicBarrier (the one instrumented code creates) by its state: parties,
     * parties still to arrive, generation, broken flag, then its action.
     */
    static HeapSerializer<CheckpointableBarrier> barrier() {
        return HeapSerializer.of((k, out, b) -> {
            out.writeVarInt(b.getParties(), true);
            out.writeVarInt(b.waitingFor(), true);
            out.writeVarLong(b.generation(), true);
            out.writeBoolean(b.isBroken());
            k.writeClassAndObject(out, b.action());
        }, (k, in) -> {
            int parties = in.readVarInt(true);
            int waitingFor = in.readVarInt(true);
            long generation = in.readVarLong(true);
            boolean broken = in.readBoolean();
            if (parties <= 0 || waitingFor <= 0 || waitingFor > parties || generation < 0) {
                throw new CorruptData("bad barrier state");
            }
            CheckpointableBarrier b = CheckpointableBarrier.restored(parties, waitingFor, generation, broken);
            k.reference(b);
            Object action = k.readClassAndObject(in);
            if (action != null && !(action instanceof Runnable)) {
                throw new CorruptData("a barrier's action is not a Runnable");
            }
            if (action != null) {
                b.restoreAction((Runnable) action);
            }
            return b;
        });
    }

    /** Flag of a lock synchronizer's first byte: an owner thread and its hold count follow. */
    private static final int LOCK_OWNED = 2;

    /**
     * A ReentrantLock's synchronizer: its fairness and, when the lock is held, its owner and hold
     * count (the synchronizer's state, which counts the owner's holds on every JDK); read back as a
     * new lock (see {@link #reentrantLock()}) that the restored owner thread acquires again as many
     * times before it re-enters its frames. A lock held by a thread that is not restored (ended, or
     * outside the checkpoint) comes back unlocked.
     */
    static HeapSerializer<Object> lockSync() {
        return HeapSerializer.of((k, out, sync) -> {
            if (k.lockSubclassSyncs().contains(sync)) {
                throw k.path.refuse(sync, JdkSuperclassState.CONDITION_OF_LOCK_SUBCLASS);
            }
            writeLockState(k, out, sync.getClass().getSimpleName().equals("FairSync"), sync);
        }, (k, in) -> readLockState(k, in, ReentrantLock::new));
    }

    /**
     * A lock's state as {@link #lockSync()} writes it, for a plain lock and an application
     * subclass alike: a byte of flags (fair, owned), then, when held, the owner thread and the
     * synchronizer's state, which counts the owner's holds on every JDK.
     */
    static void writeLockState(HeapKryo k, HeapOutput out, boolean fair, Object sync) {
        Object owner = JdkInternals.get(sync, "exclusiveOwnerThread", null);
        Object state = JdkInternals.get(sync, "state", null);
        boolean owned = owner != null && state instanceof Integer && (Integer) state > 0;
        out.writeByte((fair ? 1 : 0) | (owned ? LOCK_OWNED : 0));
        if (owned) {
            k.writeClassAndObject(out, owner);
            out.writeVarInt((Integer) state, true);
        }
    }

    /**
     * Reads what {@link #writeLockState} wrote: {@code create} makes the lock with the fairness
     * read, which gets its reference id; a held lock is acquired again by its restored owner.
     */
    static ReentrantLock readLockState(HeapKryo k, HeapInput in, Function<Boolean, ReentrantLock> create) {
        int form = in.readByte();
        if ((form & ~(1 | LOCK_OWNED)) != 0) {
            throw new CorruptData("bad lock form " + form);
        }
        ReentrantLock lock = create.apply((form & 1) != 0);
        k.reference(lock);
        if ((form & LOCK_OWNED) != 0) {
            Object owner = k.readClassAndObject(in);
            int holds = in.readVarInt(true);
            if (!(owner instanceof Thread) || holds <= 0) {
                throw new CorruptData("a lock's owner is not a thread, or its hold count is not positive");
            }
            k.deferred.lockHeld((Thread) owner, lock, holds);
        }
        return lock;
    }

    /** A condition of a ReentrantLock, as the lock's synchronizer; re-created with newCondition(). */
    static HeapSerializer<Object> condition() {
        return HeapSerializer.of((k, out, c) -> {
            Object sync = JdkInternals.get(c, "this$0", null);
            if (sync == null || !sync.getClass().getName().startsWith("java.util.concurrent.locks.ReentrantLock$")) {
                throw k.path.refuse(c, "only conditions of a ReentrantLock can be restored, and only when"
                        + " java.util.concurrent.locks is open to Stasis (the agent opens it).");
            }
            k.writeClassAndObject(out, sync);
        }, (k, in) -> {
            Object lock = k.readClassAndObject(in);
            if (!(lock instanceof ReentrantLock)) {
                throw new CorruptData("condition of a non-lock");
            }
            return ((ReentrantLock) lock).newCondition();
        });
    }

    /** First byte of a read-write lock written as its synchronizer (bytes 0 and 1: fairness alone). */
    private static final int RW_BY_SYNC = 2;

    /**
     * A ReentrantReadWriteLock is written as its synchronizer, which its read and write locks refer
     * to as well (see {@link #readWriteSync()}); files of earlier versions hold its fairness alone.
     */
    static HeapSerializer<ReentrantReadWriteLock> readWriteLock() {
        return HeapSerializer.of((k, out, v) -> {
            Object sync = JdkInternals.get(v, "sync", null);
            if (sync == null) {
                out.writeBoolean(v.isFair());
                return;
            }
            out.writeByte(RW_BY_SYNC);
            k.writeClassAndObject(out, sync);
        }, (k, in) -> {
            int form = in.readByte();
            if (form == 0 || form == 1) {
                return new ReentrantReadWriteLock(form == 1);
            }
            if (form != RW_BY_SYNC) {
                throw new CorruptData("bad read-write lock form " + form);
            }
            Object lock = k.readClassAndObject(in);
            if (!(lock instanceof ReentrantReadWriteLock)) {
                throw new CorruptData("read-write lock synchronizer expected");
            }
            return (ReentrantReadWriteLock) lock;
        });
    }

    /** The read or write lock of a ReentrantReadWriteLock, as the lock's synchronizer. */
    static HeapSerializer<Object> readWriteView(boolean write) {
        return HeapSerializer.of((k, out, view) -> {
            Object sync = JdkInternals.get(view, "sync", null);
            if (sync == null) {
                throw k.path.refuse(view, "the lock behind it is not readable (java.util.concurrent.locks is not"
                        + " open to Stasis; the agent opens it).");
            }
            k.writeClassAndObject(out, sync);
        }, (k, in) -> {
            Object lock = k.readClassAndObject(in);
            if (!(lock instanceof ReentrantReadWriteLock)) {
                throw new CorruptData("read-write lock synchronizer expected");
            }
            ReentrantReadWriteLock rw = (ReentrantReadWriteLock) lock;
            return write ? rw.writeLock() : rw.readLock();
        });
    }

    /**
     * A ReentrantReadWriteLock's synchronizer: fairness, the write lock's owner and hold count, then
     * the read holds of each of the
     * checkpoint's threads (kept by the synchronizer per thread). Read back as a new lock that each
     * restored holder locks again as many times, write lock first, before it re-enters its frames.
     */
    static HeapSerializer<Object> readWriteSync() {
        return HeapSerializer.of((k, out, sync) -> {
            out.writeBoolean(sync.getClass().getSimpleName().equals("FairSync"));
            Object owner = JdkInternals.get(sync, "exclusiveOwnerThread", null);
            int writeHolds = writeHolds(sync);
            k.writeClassAndObject(out, writeHolds > 0 ? owner : null);
            out.writeVarInt(writeHolds > 0 && owner != null ? writeHolds : 0, true);
            List<Object[]> readers = new ArrayList<>();
            for (Thread t : k.capturedThreads) {
                int holds = readHolds(sync, t);
                if (holds > 0) {
                    readers.add(new Object[] {t, holds});
                }
            }
            out.writeVarInt(readers.size(), true);
            for (Object[] r : readers) {
                k.writeClassAndObject(out, r[0]);
                out.writeVarInt((Integer) r[1], true);
            }
        }, (k, in) -> {
            ReentrantReadWriteLock rw = new ReentrantReadWriteLock(in.readBoolean());
            k.reference(rw);
            Object owner = k.readClassAndObject(in);
            int writeHolds = in.readVarInt(true);
            if (owner != null) {
                if (!(owner instanceof Thread) || writeHolds <= 0) {
                    throw new CorruptData("a write lock's owner is not a thread, or its hold count is not positive");
                }
                k.deferred.lockHeld((Thread) owner, rw.writeLock(), writeHolds);
            }
            int n = in.readCount(2);
            for (int i = 0; i < n; i++) {
                Object reader = k.readClassAndObject(in);
                int holds = in.readVarInt(true);
                if (!(reader instanceof Thread) || holds <= 0) {
                    throw new CorruptData("a read lock's holder is not a thread, or its hold count is not positive");
                }
                k.deferred.lockHeld((Thread) reader, rw.readLock(), holds);
            }
            return rw;
        });
    }

    /**
     * The write lock's hold count: the synchronizer's state is an int up to JDK 21 and a long after
     * (with another split between read and write counts), so the JDK's own exclusiveCount decodes it.
     */
    private static int writeHolds(Object sync) {
        Object state = JdkInternals.get(sync, "state", null);
        if (state == null) {
            return 0;
        }
        for (Class<?> c = sync.getClass(); c != null; c = c.getSuperclass()) {
            for (java.lang.reflect.Method m : c.getDeclaredMethods()) {
                if (m.getName().equals("exclusiveCount") && m.getParameterCount() == 1) {
                    try {
                        m.setAccessible(true);
                        return ((Number) m.invoke(null, state)).intValue();
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        return 0;
                    }
                }
            }
        }
        return 0;
    }

    /**
     * How many read holds {@code t} has on a read-write lock's synchronizer: its first reader's count
     * is kept in a field, every other reader's in a ThreadLocal of the synchronizer.
     */
    private static int readHolds(Object sync, Thread t) {
        if (JdkInternals.get(sync, "firstReader", null) == t) {
            Object count = JdkInternals.get(sync, "firstReaderHoldCount", null);
            return count instanceof Integer ? (Integer) count : 0;
        }
        Object holds = JdkInternals.get(sync, "readHolds", null);
        if (!(holds instanceof ThreadLocal)) {
            return 0;
        }
        Object[] counter = ThreadLocalValues.of(t, (ThreadLocal<?>) holds);
        if (counter == null || counter[0] == null) {
            return 0;
        }
        Object count = JdkInternals.get(counter[0], "count", null);
        return count instanceof Integer ? (Integer) count : 0;
    }

    static HeapSerializer<Semaphore> semaphore() {
        return HeapSerializer.of((k, out, v) -> {
            out.writeBoolean(v.isFair());
            out.writeInt(v.availablePermits());
        }, (k, in) -> {
            boolean fair = in.readBoolean();
            return new Semaphore(in.readInt(), fair);
        });
    }

    static HeapSerializer<CountDownLatch> countDownLatch() {
        return HeapSerializer.of((k, out, v) -> out.writeVarLong(v.getCount(), true), (k, in) -> {
            long n = in.readVarLong(true);
            if (n < 0 || n > Integer.MAX_VALUE) {
                throw new CorruptData("bad latch count");
            }
            return new CountDownLatch((int) n);
        });
    }

    /**
     * A ThreadLocal with its value in each captured thread that has one ({@link ThreadLocalValues});
     * the reader hands them to the restore driver, which sets them in each restored thread. A
     * withInitial() supplier is kept, so values re-initialize in other threads.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static HeapSerializer<ThreadLocal> threadLocal(int flavor) {
        return HeapSerializer.of((k, out, v) -> {
            if (flavor == 2) {
                Object supplier = JdkInternals.get(v, "supplier", null);
                if (supplier == null) {
                    throw k.path.refuse(v, "the initial-value supplier of a ThreadLocal.withInitial() is not readable"
                            + " (java.lang is not open to Stasis).");
                }
                k.writeClassAndObject(out, supplier);
            }
            ThreadLocalValues.write(k, out, v);
        }, (k, in) -> {
            ThreadLocal tl;
            if (flavor == 0) {
                tl = new ThreadLocal();
            } else if (flavor == 1) {
                tl = new InheritableThreadLocal();
            } else {
                Object s = k.readClassAndObject(in);
                if (!(s instanceof Supplier)) {
                    throw new CorruptData("ThreadLocal supplier is not a Supplier");
                }
                tl = ThreadLocal.withInitial((Supplier) s);
            }
            k.reference(tl);
            ThreadLocalValues.read(k, in, tl);
            return tl;
        });
    }

    /**
     * Weak and soft references as heaps written before {@link ReferenceSerializer} hold them:
     * their referent only, written strongly as part of the graph.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static HeapSerializer<java.lang.ref.Reference> reference(boolean soft) {
        return HeapSerializer.fromContent((k, out, v) -> k.writeClassAndObject(out, v.get()), (k, in) -> {
            Object referent = k.readClassAndObject(in);
            return soft ? new SoftReference(referent) : new WeakReference(referent);
        });
    }

    static HeapSerializer<StackTraceElement> stackTraceElement() {
        return HeapSerializer.of((k, out, e) -> {
            writeNullableString(out, e.getClassLoaderName());
            writeNullableString(out, e.getModuleName());
            writeNullableString(out, e.getModuleVersion());
            out.writeHeapString(e.getClassName());
            out.writeHeapString(e.getMethodName());
            writeNullableString(out, e.getFileName());
            out.writeVarInt(e.getLineNumber(), false);
        }, (k, in) -> new StackTraceElement(readNullableString(in), readNullableString(in), readNullableString(in),
                in.readHeapString(), in.readHeapString(), readNullableString(in), in.readVarInt(false)));
    }

    /** A class by name (which carries its identity hash code, its hashCode: see {@link HeapClassResolver#writeTypeName}). */
    @SuppressWarnings("rawtypes")
    static HeapSerializer<Class> classValue() {
        return HeapSerializer.of((k, out, c) -> {
            if (c.isHidden()) {
                throw k.path.refuse(c, "a hidden class (" + c.getName() + ") has no name another JVM could resolve.");
            }
            k.classes.writeClassValue(out, c);
        }, (k, in) -> k.classes.readTypeName(in));
    }

    /**
     * A {@code CodeSource} by its location (a URL, or null): what a script engine gives the
     * classes it compiles (Groovy's {@code GroovyCodeSource}). One with certificates or code
     * signers is refused: they are verified in this JVM against its keystores.
     */
    static HeapSerializer<java.security.CodeSource> codeSource() {
        return HeapSerializer.of((k, out, c) -> {
            if (c.getCertificates() != null || c.getCodeSigners() != null) {
                throw k.path.refuse(c, "it is a CodeSource with certificates or code signers, which Stasis does not"
                        + " carry; only unsigned code sources (a location) come back.");
            }
            k.writeClassAndObject(out, c.getLocation());
        }, (k, in) -> {
            Object location = k.readClassAndObject(in);
            if (location != null && !(location instanceof java.net.URL)) {
                throw new CorruptData("a CodeSource's location is not a URL");
            }
            return new java.security.CodeSource((java.net.URL) location, (java.security.CodeSigner[]) null);
        });
    }

    /** A JDK enum constant by name, and its identity hash code, which is its hashCode (see {@link IdentityHashes}). */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static HeapSerializer<Enum> jdkEnum() {
        return HeapSerializer.of((k, out, e) -> {
            k.classes.writeTypeName(out, e.getDeclaringClass());
            out.writeHeapString(e.name());
            out.writeInt(k.identityHashes.applyAsInt(e));
        }, (k, in) -> {
            Class c = k.classes.readTypeName(in);
            String name = in.readHeapString();
            if (!c.isEnum() || !Classifier.isJdk(c)) {
                throw new CorruptData(c.getName() + " is not a JDK enum");
            }
            Enum constant;
            try {
                constant = Enum.valueOf(c, name);
            } catch (IllegalArgumentException e) {
                throw new CorruptData("no constant " + name + " in " + c.getName(), e);
            }
            if (k.refs.carriesHashes) {
                k.refs.giveHashNow(constant, in.readInt());
            }
            return constant;
        });
    }

    /** Tokens are written by {@link HeapKryo}; reading resolves one to the reading JVM's object. */
    static HeapSerializer<Object> token() {
        return HeapSerializer.of((k, out, o) -> {
            throw new IllegalStateException("tokens are written by HeapKryo");
        }, (k, in) -> k.tokens.read(in));
    }
}
