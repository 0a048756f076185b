package dev.stasis.internal.heap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.ref.WeakReference;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.SimpleDateFormat;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.BitSet;
import java.util.Currency;
import java.util.Date;
import java.util.GregorianCalendar;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;
import java.util.TimeZone;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class JdkValuesTest {

    @Test
    void stringsAndBoxedValuesKeepTheirValue() {
        String utf16 = "naïve – ünïcödé 日本語 \uD83D\uDE00";
        String longLatin = "x".repeat(200_000);
        Object[] values = {"", "ascii", "latin1 é", utf16, longLatin, 42, -7L, (short) 3, (byte) -1, 'c', true, 1.5f, -2.25d,
            Integer.MIN_VALUE, Long.MAX_VALUE, Double.NaN};
        Object[] back = RoundTrip.copy(values);
        assertArrayEquals(values, back);
    }

    /** ByteBuffer users keep the byte orders in fields: they are the reading JVM's two constants. */
    @Test
    void byteOrdersAreTheConstants() {
        Object[] back = RoundTrip.copy(java.nio.ByteOrder.BIG_ENDIAN, java.nio.ByteOrder.LITTLE_ENDIAN,
                java.nio.ByteOrder.BIG_ENDIAN);
        assertSame(java.nio.ByteOrder.BIG_ENDIAN, back[0]);
        assertSame(java.nio.ByteOrder.LITTLE_ENDIAN, back[1]);
        assertSame(back[0], back[2]);
    }

    /** A channel over a stream (Jython writes its output through one over System.out) is made again over the restored stream. */
    @Test
    void channelsOverStreamsComeBackOverTheRestoredStream() throws Exception {
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream realOut = System.out;
        System.setOut(new java.io.PrintStream(captured, true));
        try {
            java.nio.channels.WritableByteChannel out = java.nio.channels.Channels.newChannel(System.out);
            Object[] back = RoundTrip.copy(out);
            ((java.nio.channels.WritableByteChannel) back[0]).write(java.nio.ByteBuffer.wrap("through".getBytes()));
            assertEquals("through", captured.toString());
            assertEquals(true, ((java.nio.channels.Channel) back[0]).isOpen());
            assertEquals(out.getClass(), back[0].getClass());
        } finally {
            System.setOut(realOut);
        }
    }

    @Test
    void stringsKeepTheirIdentityByDefault() {
        String a = new String("same");
        String b = new String("same");
        Object[] back = RoundTrip.copy(a, b, a);
        assertNotSame(back[0], back[1]);
        assertSame(back[0], back[2]);
    }

    @Test
    void inlinedShortStringsComeBackInternedAndLongOnesKeepTheirSharing() throws Exception {
        String literal = "status:ACTIVE";
        String built = new StringBuilder("status:").append("ACTIVE").toString();
        String big = "y".repeat(1000);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        new HeapWriter(getClass().getClassLoader()).inlineShortStrings(32).write(new Object[] {built, big, new Object[] {big}}, out);
        Object[] back = RoundTrip.read(out.toByteArray());
        assertSame(literal, back[0], "a short string equal to a literal is that literal after restore");
        assertSame(back[1], ((Object[]) back[2])[0]);
    }

    @Test
    void primitiveAndObjectArrays() {
        Object[] values = {new boolean[] {true, false}, new byte[] {1, -2}, new char[] {'a', 'é', '日'},
            new short[] {-3, 4}, new int[] {1, Integer.MAX_VALUE}, new long[] {Long.MIN_VALUE}, new float[] {1.5f},
            new double[] {Math.PI}, new String[] {"a", null, "b"}, new int[][] {{1}, {2, 3}}, new Object[0]};
        Object[] back = RoundTrip.copy(values);
        assertArrayEquals((boolean[]) values[0], (boolean[]) back[0]);
        assertArrayEquals((byte[]) values[1], (byte[]) back[1]);
        assertArrayEquals((char[]) values[2], (char[]) back[2]);
        assertArrayEquals((short[]) values[3], (short[]) back[3]);
        assertArrayEquals((int[]) values[4], (int[]) back[4]);
        assertArrayEquals((long[]) values[5], (long[]) back[5]);
        assertArrayEquals((float[]) values[6], (float[]) back[6]);
        assertArrayEquals((double[]) values[7], (double[]) back[7]);
        assertArrayEquals((String[]) values[8], (String[]) back[8]);
        assertEquals(String[].class, back[8].getClass());
        assertArrayEquals((int[][]) values[9], (int[][]) back[9]);
        assertEquals(int[][].class, back[9].getClass());
        assertEquals(0, ((Object[]) back[10]).length);
    }

    @Test
    void numbersEnumsAndClasses() throws Exception {
        Object[] values = {new BigInteger("-123456789012345678901234567890"), new BigDecimal("3.14159265358979323846"),
            BigInteger.ZERO, TimeUnit.SECONDS, RoundingMode.HALF_EVEN, DayOfWeek.FRIDAY, String.class, int.class,
            int[].class, Thread.State.class, JdkValuesTest.class};
        Object[] back = RoundTrip.copy(values);
        assertArrayEquals(values, back);
        assertSame(TimeUnit.SECONDS, back[3]);
    }

    @Test
    void timeTypes() {
        Object[] values = {Duration.ofSeconds(90061, 5), Instant.ofEpochSecond(1_700_000_000L, 123), LocalDate.of(2024, 2, 29),
            LocalTime.of(23, 59, 1, 7), LocalDateTime.of(2020, 1, 1, 0, 0), ZonedDateTime.of(2021, 3, 28, 2, 30, 0, 0,
            ZoneId.of("Europe/Paris")), OffsetDateTime.of(2022, 5, 5, 5, 5, 5, 5, ZoneOffset.ofHours(-7)),
            OffsetTime.of(1, 2, 3, 4, ZoneOffset.UTC), Period.of(1, -2, 3), Year.of(1999), YearMonth.of(2000, 12),
            MonthDay.of(2, 29), ZoneOffset.ofHoursMinutes(5, 30), ZoneId.of("America/New_York"), new Date(123456789L),
            TimeZone.getTimeZone("Asia/Tokyo")};
        assertArrayEquals(values, RoundTrip.copy(values));
    }

    @Test
    void miscellaneousValueTypes() throws Exception {
        Object[] values = {UUID.randomUUID(), Locale.CANADA_FRENCH, Locale.forLanguageTag("sr-Latn-RS"), StandardCharsets.UTF_8,
            Currency.getInstance("EUR"), URI.create("https://example.com/a?b=c#d"), new URL("https://example.com/x"),
            new File("some/dir/file.txt"), Path.of("/tmp", "x"), Optional.of("v"), Optional.empty(), OptionalInt.of(3),
            OptionalLong.empty(), OptionalDouble.of(2.5)};
        assertArrayEquals(values, RoundTrip.copy(values));
        BitSet bits = new BitSet();
        bits.set(3);
        bits.set(130);
        assertEquals(bits, RoundTrip.copyOf(bits));
        Pattern p = Pattern.compile("a+b", Pattern.CASE_INSENSITIVE);
        Pattern q = RoundTrip.copyOf(p);
        assertEquals(p.pattern(), q.pattern());
        assertEquals(p.flags(), q.flags());
        assertEquals("xyz", RoundTrip.copyOf(new StringBuilder("xyz")).toString());
        assertEquals("uvw", RoundTrip.copyOf(new StringBuffer("uvw")).toString());
        java.util.StringJoiner joiner = new java.util.StringJoiner(", ", "[", "]");
        joiner.setEmptyValue("none");
        java.util.StringJoiner joinerBack = RoundTrip.copyOf(joiner);
        assertEquals("none", joinerBack.toString());
        joiner.add("a").add("b");
        joinerBack = RoundTrip.copyOf(joiner);
        joinerBack.add("c");
        assertEquals("[a, b, c]", joinerBack.toString());
    }

    @Test
    void atomicsAddersLocksAndLatches() {
        AtomicInteger ai = new AtomicInteger(5);
        AtomicReference<Object> ar = new AtomicReference<>();
        ar.set(ar);
        LongAdder adder = new LongAdder();
        adder.add(41);
        adder.increment();
        AtomicReferenceArray<String> ara = new AtomicReferenceArray<>(new String[] {"a", "b"});
        Object[] back = RoundTrip.copy(ai, new AtomicLong(-9), new AtomicBoolean(true), ar, new AtomicIntegerArray(new int[] {1, 2}),
            ara, adder, new ReentrantLock(true), new Semaphore(3, true), new CountDownLatch(2));
        assertEquals(5, ((AtomicInteger) back[0]).get());
        assertEquals(-9, ((AtomicLong) back[1]).get());
        assertTrue(((AtomicBoolean) back[2]).get());
        AtomicReference<?> ar2 = (AtomicReference<?>) back[3];
        assertSame(ar2, ar2.get());
        assertEquals(2, ((AtomicIntegerArray) back[4]).get(1));
        assertEquals("b", ((AtomicReferenceArray<?>) back[5]).get(1));
        assertEquals(42, ((LongAdder) back[6]).sum());
        assertTrue(((ReentrantLock) back[7]).isFair());
        assertEquals(3, ((Semaphore) back[8]).availablePermits());
        assertEquals(2, ((CountDownLatch) back[9]).getCount());
    }

    static final class BoundedBuffer {
        final ReentrantLock lock = new ReentrantLock(true);
        final java.util.concurrent.locks.Condition notEmpty = lock.newCondition();
        final java.util.concurrent.locks.Condition notFull = lock.newCondition();
    }

    @Test
    void conditionsStayBoundToTheirRestoredLock() throws Exception {
        BoundedBuffer back = RoundTrip.copyOf(new BoundedBuffer());
        assertTrue(back.lock.isFair());
        back.lock.lock();
        try {
            back.notEmpty.signalAll();
            assertEquals(false, back.notFull.await(1, TimeUnit.MILLISECONDS));
            assertFalse(back.lock.hasWaiters(back.notEmpty), "hasWaiters() accepts only the lock's own conditions");
        } finally {
            back.lock.unlock();
        }
    }

    @Test
    void randomContinuesWithTheSameSequence() {
        Random r = new Random(1234);
        r.nextInt();
        Random back = RoundTrip.copyOf(r);
        assertNotSame(r, back);
        for (int i = 0; i < 10; i++) {
            assertEquals(r.nextLong(), back.nextLong());
        }
    }

    @Test
    void secureRandomComesBackFreshlySeeded() throws Exception {
        java.security.SecureRandom r = java.security.SecureRandom.getInstance("SHA1PRNG");
        java.security.SecureRandom back = RoundTrip.copyOf(r);
        assertEquals("SHA1PRNG", back.getAlgorithm());
        back.nextInt();
    }

    @Test
    void serializableJdkValueClasses() {
        SimpleDateFormat f = new SimpleDateFormat("yyyy-MM-dd HH:mm", Locale.GERMANY);
        f.setTimeZone(TimeZone.getTimeZone("UTC"));
        GregorianCalendar cal = new GregorianCalendar(TimeZone.getTimeZone("Europe/Berlin"), Locale.GERMANY);
        cal.setTimeInMillis(1_000_000_000_000L);
        java.text.DecimalFormat money = new java.text.DecimalFormat("#,##0.00 ¤", java.text.DecimalFormatSymbols.getInstance(Locale.FRANCE));
        java.sql.Timestamp stamp = new java.sql.Timestamp(1_700_000_000_123L);
        stamp.setNanos(123_456_789);
        Object[] back = RoundTrip.copy(f, cal, money, stamp, new java.util.SimpleTimeZone(3_600_000, "Custom"));
        assertEquals(f.format(new Date(0)), ((SimpleDateFormat) back[0]).format(new Date(0)));
        assertEquals(cal, back[1]);
        assertEquals(money.format(1234.5), ((java.text.DecimalFormat) back[2]).format(1234.5));
        assertEquals(stamp, back[3]);
        assertEquals(3_600_000, ((TimeZone) back[4]).getRawOffset());
    }

    @Test
    void threadLocalsReferencesAndStackTraceElements() {
        ThreadLocal<String> plain = new ThreadLocal<>();
        ThreadLocal<String> initial = ThreadLocal.withInitial((java.util.function.Supplier<String> & java.io.Serializable) () -> "init");
        String referent = "kept";
        StackTraceElement ste = new StackTraceElement("app", "mod", "1.0", "com.acme.X", "run", "X.java", 42);
        Object[] back = RoundTrip.copy(plain, initial, new WeakReference<>(referent), referent, ste);
        assertNull(((ThreadLocal<?>) back[0]).get());
        assertEquals("init", ((ThreadLocal<?>) back[1]).get());
        assertSame(back[3], ((WeakReference<?>) back[2]).get());
        assertEquals(ste, back[4]);
    }

    /**
     * Heap ByteBuffers (Guava's hashers keep one while they hash): the backing array is shared
     * with the code that wrapped it, and the window, limit, position, mark, byte order and
     * read-only view come back; a direct buffer is memory of the process and stays refused.
     */
    @Test
    void heapByteBuffersKeepTheirArrayWindowPositionMarkAndOrder() {
        byte[] array = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);
        java.nio.ByteBuffer whole = java.nio.ByteBuffer.wrap(array);
        java.nio.ByteBuffer window = java.nio.ByteBuffer.wrap(array, 2, 10).slice().order(java.nio.ByteOrder.LITTLE_ENDIAN);
        window.limit(8).position(1).mark();
        window.position(3);
        java.nio.ByteBuffer readOnly = java.nio.ByteBuffer.allocate(8).putLong(0x0102030405060708L).flip().asReadOnlyBuffer();

        Object[] back = RoundTrip.copy(array, whole, window, readOnly);
        byte[] array2 = (byte[]) back[0];
        java.nio.ByteBuffer whole2 = (java.nio.ByteBuffer) back[1];
        java.nio.ByteBuffer window2 = (java.nio.ByteBuffer) back[2];
        java.nio.ByteBuffer readOnly2 = (java.nio.ByteBuffer) back[3];
        assertSame(array2, whole2.array(), "the buffer wraps the same array as before");
        array2[0] = 'X';
        assertEquals('X', whole2.get(0), "writes through the array show in the buffer");
        assertEquals(2, window2.arrayOffset());
        assertEquals(10, window2.capacity());
        assertEquals(8, window2.limit());
        assertEquals(3, window2.position());
        assertEquals(java.nio.ByteOrder.LITTLE_ENDIAN, window2.order());
        assertEquals(window.getShort(4), window2.getShort(4));
        window2.reset();
        assertEquals(1, window2.position(), "the mark came back");
        assertTrue(readOnly2.isReadOnly());
        assertEquals(0x0102030405060708L, readOnly2.getLong());
        UncheckpointableObjectException direct = org.junit.jupiter.api.Assertions.assertThrows(
                UncheckpointableObjectException.class, () -> RoundTrip.write(java.nio.ByteBuffer.allocateDirect(4)));
        assertTrue(direct.getMessage().contains("native memory"), direct.getMessage());
    }

    /**
     * Streams over memory hold no file or socket (SnakeYAML keeps the StringReader of the last
     * document it loaded): they come back with their content, position and mark; a System.Logger
     * is looked up again by its name.
     */
    @Test
    void streamsOverMemoryAndSystemLoggers() throws Exception {
        java.io.StringReader reader = new java.io.StringReader("0123456789");
        reader.skip(2);
        reader.mark(100);
        reader.skip(3);
        java.io.StringReader closed = new java.io.StringReader("x");
        closed.close();
        byte[] bytes = {1, 2, 3, 4, 5, 6};
        java.io.ByteArrayInputStream input = new java.io.ByteArrayInputStream(bytes, 1, 4);
        input.read();
        input.mark(0);
        input.read();
        java.io.ByteArrayOutputStream output = new java.io.ByteArrayOutputStream();
        output.write(new byte[] {9, 8, 7});
        java.io.StringWriter writer = new java.io.StringWriter();
        writer.write("written");
        System.Logger logger = System.getLogger("dev.stasis.test");

        Object[] back = RoundTrip.copy(reader, closed, input, bytes, output, writer, logger);
        java.io.StringReader reader2 = (java.io.StringReader) back[0];
        assertEquals('5', reader2.read());
        reader2.reset();
        assertEquals('2', reader2.read(), "the mark came back");
        org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, ((java.io.StringReader) back[1])::read);
        java.io.ByteArrayInputStream input2 = (java.io.ByteArrayInputStream) back[2];
        assertEquals(4, input2.read());
        input2.reset();
        assertEquals(3, input2.read());
        assertEquals(4, input2.read());
        assertEquals(5, input2.read());
        assertEquals(-1, input2.read(), "the window ends where it ended");
        assertArrayEquals(new byte[] {9, 8, 7}, ((java.io.ByteArrayOutputStream) back[4]).toByteArray());
        assertEquals("written", back[5].toString());
        assertEquals("dev.stasis.test", ((System.Logger) back[6]).getName());
    }

    /** What a framework keeps while it resolves types (Jackson's type factory): generic types of the JDK's own kinds. */
    @Test
    void genericTypesComeBackAsTheJdksOwn() throws Exception {
        java.lang.reflect.Type superType = java.util.ArrayList.class.getGenericSuperclass();
        java.lang.reflect.Type variable = java.util.List.class.getTypeParameters()[0];
        java.lang.reflect.Type array = java.util.Collection.class.getMethod("toArray", Object[].class).getGenericParameterTypes()[0];
        java.lang.reflect.Type nested = java.util.Map.class.getMethod("entrySet").getGenericReturnType();
        java.lang.reflect.Type wildcard = ((java.lang.reflect.ParameterizedType) java.util.Collection.class
                .getMethod("addAll", java.util.Collection.class).getGenericParameterTypes()[0]).getActualTypeArguments()[0];
        java.lang.reflect.Type lowerBounded = ((java.lang.reflect.ParameterizedType) java.util.List.class
                .getMethod("sort", java.util.Comparator.class).getGenericParameterTypes()[0]).getActualTypeArguments()[0];
        Object[] back = RoundTrip.copy(superType, variable, array, nested, wildcard, lowerBounded);
        for (int i = 4; i < 6; i++) {
            java.lang.reflect.Type original = i == 4 ? wildcard : lowerBounded;
            assertEquals(original, back[i]);
            assertEquals(back[i], original);
            assertEquals(original.hashCode(), back[i].hashCode());
            assertEquals(original.getTypeName(), ((java.lang.reflect.Type) back[i]).getTypeName());
        }
        assertEquals("? super E", lowerBounded.getTypeName());
        Object again = RoundTrip.copyOf(back[4]);
        assertEquals(wildcard, again, "a restored wildcard is written again as a wildcard");
        assertEquals(superType, back[0]);
        assertEquals(superType.getClass(), back[0].getClass());
        assertSame(java.util.AbstractList.class, ((java.lang.reflect.ParameterizedType) back[0]).getRawType());
        assertEquals(variable, back[1]);
        assertEquals("E", ((java.lang.reflect.TypeVariable<?>) back[1]).getName());
        assertEquals(array, back[2]);
        assertEquals(nested, back[3]);
        assertEquals("java.util.Set<java.util.Map$Entry<K, V>>", ((java.lang.reflect.Type) back[3]).getTypeName());
    }

    /** A job's running checksums, kept across a checkpoint and updated on after it as if none was taken. */
    @Test
    void runningChecksumsGoOnFromTheirValue() {
        byte[] first = "checkpointed ".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] rest = "and restored".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.util.zip.Checksum[] sums = {new java.util.zip.CRC32(), new java.util.zip.CRC32C(), new java.util.zip.Adler32()};
        java.util.zip.Checksum[] whole = {new java.util.zip.CRC32(), new java.util.zip.CRC32C(), new java.util.zip.Adler32()};
        for (int i = 0; i < sums.length; i++) {
            sums[i].update(first, 0, first.length);
            whole[i].update(first, 0, first.length);
            whole[i].update(rest, 0, rest.length);
        }
        Object[] back = RoundTrip.copy((Object[]) sums);
        for (int i = 0; i < sums.length; i++) {
            java.util.zip.Checksum c = (java.util.zip.Checksum) back[i];
            assertEquals(sums[i].getClass(), c.getClass());
            assertEquals(sums[i].getValue(), c.getValue());
            c.update(rest, 0, rest.length);
            assertEquals(whole[i].getValue(), c.getValue(), c.getClass().getSimpleName());
        }
    }

    /** Decoders and encoders a library keeps to reuse: their charset, actions, replacement and place in the coding sequence. */
    @Test
    void charsetDecodersAndEncodersKeepTheirSettings() throws Exception {
        java.nio.charset.CharsetDecoder strict = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT);
        java.nio.charset.CharsetDecoder lenient = java.nio.charset.StandardCharsets.US_ASCII.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPLACE).replaceWith("?");
        java.nio.charset.CharsetEncoder latin = java.nio.charset.StandardCharsets.ISO_8859_1.newEncoder()
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPLACE).replaceWith(new byte[] {'#'});
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(8);
        strict.decode(java.nio.ByteBuffer.wrap(new byte[] {'o', 'k'}), out, true);
        Object[] back = RoundTrip.copy(strict, lenient, latin);
        java.nio.charset.CharsetDecoder s = (java.nio.charset.CharsetDecoder) back[0];
        assertEquals(java.nio.charset.CodingErrorAction.REPORT, s.malformedInputAction());
        java.nio.CharBuffer rest = java.nio.CharBuffer.allocate(8);
        assertEquals(java.nio.charset.CoderResult.UNDERFLOW, s.flush(rest), "flushed after the end, as before the checkpoint");
        assertThrows(java.nio.charset.CharacterCodingException.class,
                () -> s.decode(java.nio.ByteBuffer.wrap(new byte[] {(byte) 0xff})));
        java.nio.charset.CharsetDecoder l = (java.nio.charset.CharsetDecoder) back[1];
        assertEquals("a?", l.decode(java.nio.ByteBuffer.wrap(new byte[] {'a', (byte) 0xff})).toString());
        java.nio.charset.CharsetEncoder e = (java.nio.charset.CharsetEncoder) back[2];
        assertEquals(java.nio.charset.StandardCharsets.ISO_8859_1, e.charset());
        java.nio.ByteBuffer bytes = e.encode(java.nio.CharBuffer.wrap("a\u20ac"));
        assertArrayEquals(new byte[] {'a', '#'}, java.util.Arrays.copyOf(bytes.array(), bytes.limit()));
    }

    /**
     * A method, constructor or field of a JDK class that the reading JDK lacks (Groovy's caches
     * hold JDK 17's package-private Long.getChars, gone in later JDKs) is named as such, and the
     * file called intact, not damaged; here the member's name is changed in the written heap.
     */
    @Test
    void aJdkMemberThisJdkLacksIsNamedNotCalledDamage() throws Exception {
        java.lang.reflect.Method m = String.class.getMethod("isBlank");
        byte[] heap = RoundTrip.write(new Object[] {m});
        byte[] name = "isBlank".getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(heap, name);
        assertTrue(at >= 0, "the method's name is in the heap");
        heap[at + name.length - 1] = 'q';
        CorruptHeapException e = assertThrows(CorruptHeapException.class, () -> RoundTrip.read(heap));
        assertTrue(e.getMessage().contains("java.lang.String.isBlanq()Z, which this Java runtime"), e.getMessage());
        assertFalse(e.getMessage().contains("damaged"), e.getMessage());
    }

    private static int indexOf(byte[] in, byte[] part) {
        for (int i = 0; i + part.length <= in.length; i++) {
            if (java.util.Arrays.equals(in, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        return -1;
    }

    /** A matcher in the middle of a find() loop goes on where it was, with its current match and groups. */
    @Test
    void aMatcherMidwayThroughItsFindsGoesOnWhereItWas() {
        String text = "id=17, name=ann; id=42, name=bob; id=99, name=cy";
        java.util.regex.Matcher m = Pattern.compile("id=(\\d+), name=(?<name>\\w+)").matcher(text);
        assertTrue(m.find());
        assertTrue(m.find());
        StringBuilder replaced = new StringBuilder();
        m.appendReplacement(replaced, "[$2]");
        java.util.regex.Matcher back = RoundTrip.copyOf(m);
        assertEquals("id=42, name=bob", back.group());
        assertEquals("42", back.group(1));
        assertEquals("bob", back.group("name"));
        assertEquals(m.start(2), back.start(2));
        assertTrue(back.find());
        assertEquals("99", back.group(1));
        assertFalse(back.find());
        back.appendTail(replaced);
        assertEquals("id=17, name=ann; [bob]; id=99, name=cy", replaced.toString());
        java.util.regex.Matcher region = Pattern.compile("\\d+").matcher(text).region(20, 40);
        java.util.regex.Matcher regionBack = RoundTrip.copyOf(region);
        assertTrue(regionBack.find());
        assertEquals("42", regionBack.group());
        assertEquals(40, regionBack.regionEnd());
    }

    /** A class whose volatile fields are updated through field updaters kept in its statics. */
    static final class Counters {
        private volatile int hits;
        private volatile long bytes;
        private volatile String state = "idle";
        static final java.util.concurrent.atomic.AtomicIntegerFieldUpdater<Counters> HITS =
                java.util.concurrent.atomic.AtomicIntegerFieldUpdater.newUpdater(Counters.class, "hits");
        static final java.util.concurrent.atomic.AtomicLongFieldUpdater<Counters> BYTES =
                java.util.concurrent.atomic.AtomicLongFieldUpdater.newUpdater(Counters.class, "bytes");
        static final java.util.concurrent.atomic.AtomicReferenceFieldUpdater<Counters, String> STATE =
                java.util.concurrent.atomic.AtomicReferenceFieldUpdater.newUpdater(Counters.class, String.class, "state");
    }

    /** Field updaters come back working on the same fields, with the access of the class that made them. */
    @Test
    @SuppressWarnings("unchecked")
    void atomicFieldUpdatersUpdateTheSameFields() {
        Object[] back = RoundTrip.copy(Counters.HITS, Counters.BYTES, Counters.STATE);
        Counters c = new Counters();
        var hits = (java.util.concurrent.atomic.AtomicIntegerFieldUpdater<Counters>) back[0];
        var bytes = (java.util.concurrent.atomic.AtomicLongFieldUpdater<Counters>) back[1];
        var state = (java.util.concurrent.atomic.AtomicReferenceFieldUpdater<Counters, String>) back[2];
        assertEquals(1, hits.incrementAndGet(c));
        assertEquals(1, c.hits);
        assertEquals(4096, bytes.addAndGet(c, 4096));
        assertEquals(4096, c.bytes);
        assertTrue(state.compareAndSet(c, "idle", "busy"));
        assertEquals("busy", c.state);
    }

    @Test
    void unsignedCodeSourcesComeBackByLocation() throws Exception {
        java.security.CodeSource source = new java.security.CodeSource(new URL("file:/scripts/program.groovy"),
                (java.security.CodeSigner[]) null);
        java.security.CodeSource copy = RoundTrip.copyOf(source);
        assertEquals(source.getLocation(), copy.getLocation());
        assertNull(copy.getCertificates());
        assertNull(RoundTrip.copyOf(new java.security.CodeSource(null, (java.security.CodeSigner[]) null)).getLocation());
        java.security.CodeSource signed = new java.security.CodeSource(new URL("file:/signed.jar"),
                new java.security.cert.Certificate[0]);
        assertThrows(UncheckpointableObjectException.class, () -> RoundTrip.write(signed));
    }
}
