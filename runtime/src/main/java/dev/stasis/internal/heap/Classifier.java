package dev.stasis.internal.heap;

import com.esotericsoftware.kryo.Serializer;
import dev.stasis.internal.capture.FrameRecord;
import dev.stasis.internal.crac.CracResources;
import dev.stasis.internal.resources.OpenFile;
import dev.stasis.internal.concurrent.CheckpointableBarrier;
import java.io.BufferedInputStream;
import java.io.File;
import java.io.FileDescriptor;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.SerializedLambda;
import java.lang.invoke.VarHandle;
import java.lang.ref.PhantomReference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.SoftReference;
import java.lang.ref.WeakReference;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.nio.Buffer;
import java.nio.channels.Channel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
import java.util.AbstractCollection;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractQueue;
import java.util.AbstractSequentialList;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Currency;
import java.util.Date;
import java.util.Dictionary;
import java.util.EnumSet;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.Spliterator;
import java.util.Timer;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
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
import java.util.regex.Pattern;
import java.util.stream.BaseStream;

/**
 * Decides how each class is written; the one place that knows the heap's catalogue of types.
 * JDK classes get the fixed-id serializer of their logical content, or are refused with a reason
 * (bound to this JVM or the OS, or simply without a portable form); application classes are
 * written field by field, with their own shapes for enums, records, throwables, lambdas and
 * subclasses of JDK collections. The fixed ids are registered in the order below: that order is
 * part of the file format (append only).
 */
final class Classifier {

    private static final ClassLoader PLATFORM = ClassLoader.getPlatformClassLoader();
    private static final int FIRST_ID = 10;

    /** JDK superclasses an application class may extend: their state is initialized by their constructor. */
    private static final Set<Class<?>> SKELETONS = Set.of(AbstractCollection.class, AbstractList.class,
            AbstractSequentialList.class, AbstractSet.class, AbstractQueue.class, AbstractMap.class, Number.class,
            Dictionary.class, Reader.class, Writer.class, InputStream.class, OutputStream.class, ThreadLocal.class,
            InheritableThreadLocal.class);

    private HeapRegistration objectArray;
    private HeapRegistration jdkEnum;
    private HeapRegistration throwable;
    private HeapRegistration iterator;
    HeapRegistration mapView;
    private HeapRegistration entry;
    private HeapRegistration enumSet;
    private HeapRegistration charset;
    private HeapRegistration path;
    private HeapRegistration javaSerial;
    private HeapRegistration logger;
    private HeapRegistration lockSync;
    private HeapRegistration readWriteSync;
    HeapRegistration sharedString;
    private HeapRegistration secureRandom;
    private HeapRegistration randomAlgorithm;
    private HeapRegistration annotation;
    private HeapRegistration systemLogger;
    private int lambdaId;
    private HeapClassResolver resolver;

    static boolean isJdk(Class<?> c) {
        while (c.isArray()) {
            c = c.getComponentType();
        }
        if (c.isPrimitive()) {
            return true;
        }
        ClassLoader l = c.getClassLoader();
        return l == null || l == PLATFORM;
    }

    /**
     * A JDK class by name, or null. The classes of {@code TimeZone.getTimeZone("UTC")} and of a
     * region {@code ZoneId} are named here rather than taken from such a value: making one reads
     * the time-zone database, 45 to 90 ms of every restore's set-up in a cold JVM.
     */
    private static Class<?> bootClass(String name) {
        try {
            return Class.forName(name, false, null);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    /** Registers every fixed-id serializer. The order is the file format. */
    void registerFixed(HeapClassResolver r) {
        this.resolver = r;
        r.register(new HeapRegistration(String.class, ValueSerializers.string(), 1));
        Ids ids = new Ids(r);
        ids.add(JvmTokens.Token.class, ValueSerializers.token());
        objectArray = ids.add(Object[].class, ArraySerializers.objects()).registration;
        ids.add(boolean[].class, ArraySerializers.booleans());
        ids.add(byte[].class, ArraySerializers.bytes());
        ids.add(char[].class, ArraySerializers.chars());
        ids.add(short[].class, ArraySerializers.shorts());
        ids.add(int[].class, ArraySerializers.ints());
        ids.add(long[].class, ArraySerializers.longs());
        ids.add(float[].class, ArraySerializers.floats());
        ids.add(double[].class, ArraySerializers.doubles());
        ids.add(Object.class, ValueSerializers.plainObject());
        ids.add(Class.class, ValueSerializers.classValue());
        jdkEnum = ids.add(Enum.class, ValueSerializers.jdkEnum()).registration;
        ids.add(BigInteger.class, ValueSerializers.bigInteger());
        ids.add(BigDecimal.class, ValueSerializers.bigDecimal());
        ids.add(UUID.class, ValueSerializers.uuid());
        ids.add(Date.class, ValueSerializers.date());
        ids.add(Locale.class, ValueSerializers.locale());
        ids.add(Pattern.class, ValueSerializers.pattern());
        ids.add(URI.class, ValueSerializers.uri());
        ids.add(URL.class, ValueSerializers.url());
        ids.add(File.class, ValueSerializers.file());
        path = ids.add(Path.class, ValueSerializers.path()).registration;
        ids.add(BitSet.class, ValueSerializers.bitSet());
        charset = ids.add(Charset.class, ValueSerializers.text(Charset::name, Charset::forName)).registration;
        ids.add(Currency.class, ValueSerializers.text(Currency::getCurrencyCode, Currency::getInstance));
        Class<?> zoneInfo = bootClass("sun.util.calendar.ZoneInfo");
        ids.add(zoneInfo != null ? zoneInfo : TimeZone.getTimeZone("UTC").getClass(),
                ValueSerializers.<TimeZone>text(TimeZone::getID, TimeZone::getTimeZone));
        ids.add(Duration.class, ValueSerializers.text(Duration::parse));
        ids.add(Instant.class, ValueSerializers.text(Instant::parse));
        ids.add(LocalDate.class, ValueSerializers.text(LocalDate::parse));
        ids.add(LocalTime.class, ValueSerializers.text(LocalTime::parse));
        ids.add(LocalDateTime.class, ValueSerializers.text(LocalDateTime::parse));
        ids.add(ZonedDateTime.class, ValueSerializers.text(ZonedDateTime::parse));
        ids.add(OffsetDateTime.class, ValueSerializers.text(OffsetDateTime::parse));
        ids.add(OffsetTime.class, ValueSerializers.text(OffsetTime::parse));
        ids.add(Period.class, ValueSerializers.text(Period::parse));
        ids.add(Year.class, ValueSerializers.<Year>text(y -> Integer.toString(y.getValue()), s -> Year.of(Integer.parseInt(s))));
        ids.add(YearMonth.class, ValueSerializers.text(YearMonth::parse));
        ids.add(MonthDay.class, ValueSerializers.text(MonthDay::parse));
        ids.add(ZoneOffset.class, ValueSerializers.<ZoneOffset>text(ZoneOffset::getId, ZoneOffset::of));
        Class<?> zoneRegion = bootClass("java.time.ZoneRegion");
        ids.add(zoneRegion != null ? zoneRegion : ZoneId.of("Europe/Paris").getClass(),
                ValueSerializers.<ZoneId>text(ZoneId::getId, ZoneId::of));
        ids.add(StringBuilder.class, ValueSerializers.stringBuilder());
        ids.add(StringBuffer.class, ValueSerializers.stringBuffer());
        ids.add(Optional.class, ValueSerializers.optional());
        ids.add(OptionalInt.class, ValueSerializers.optionalInt());
        ids.add(OptionalLong.class, ValueSerializers.optionalLong());
        ids.add(OptionalDouble.class, ValueSerializers.optionalDouble());
        ids.add(AtomicInteger.class, ValueSerializers.atomicInteger());
        ids.add(AtomicLong.class, ValueSerializers.atomicLong());
        ids.add(AtomicBoolean.class, ValueSerializers.atomicBoolean());
        ids.add(AtomicReference.class, ValueSerializers.atomicReference());
        ids.add(AtomicIntegerArray.class, ValueSerializers.atomicIntegerArray());
        ids.add(AtomicLongArray.class, ValueSerializers.atomicLongArray());
        ids.add(AtomicReferenceArray.class, ValueSerializers.atomicReferenceArray());
        ids.add(LongAdder.class, ValueSerializers.longAdder());
        ids.add(DoubleAdder.class, ValueSerializers.doubleAdder());
        ids.add(ReentrantLock.class, ValueSerializers.reentrantLock());
        ids.add(ReentrantReadWriteLock.class, ValueSerializers.readWriteLock());
        ids.add(Semaphore.class, ValueSerializers.semaphore());
        ids.add(CountDownLatch.class, ValueSerializers.countDownLatch());
        ids.add(ThreadLocal.class, ValueSerializers.threadLocal(0));
        ids.add(InheritableThreadLocal.class, ValueSerializers.threadLocal(1));
        ids.add(ThreadLocal.withInitial(() -> null).getClass(), ValueSerializers.threadLocal(2));
        // References without their queue, as heaps written before ReferenceSerializer hold them.
        ids.add(WeakReference.class, ValueSerializers.reference(false));
        ids.add(SoftReference.class, ValueSerializers.reference(true));
        ids.add(StackTraceElement.class, ValueSerializers.stackTraceElement());
        for (CollectionSerializer.Flavor f : CollectionSerializer.Flavor.values()) {
            ids.add(f.type, new CollectionSerializer(f, f.type));
        }
        for (MapSerializer.Flavor f : MapSerializer.Flavor.values()) {
            ids.add(f.type, new MapSerializer(f, f.type));
        }
        ids.add(List.of(1, 2, 3).getClass(), ViewSerializers.immutableList()).alias(List.of(1).getClass());
        ids.add(Set.of(1, 2, 3).getClass(), ViewSerializers.immutableSet()).alias(Set.of(1).getClass());
        ids.add(Map.of(1, 1, 2, 2).getClass(), ViewSerializers.immutableMap()).alias(Map.of(1, 1).getClass());
        for (boolean sync : new boolean[] {false, true}) {
            for (ViewSerializers.Wrap w : ViewSerializers.Wrap.values()) {
                Ids.Added a = ids.add(wrapperClass(w, sync, false), ViewSerializers.wrapper(w, sync));
                if (w == ViewSerializers.Wrap.LIST) {
                    a.alias(wrapperClass(w, sync, true));
                }
            }
        }
        ids.add(Collections.singleton(1).getClass(), ViewSerializers.singletonSet());
        ids.add(Collections.singletonList(1).getClass(), ViewSerializers.singletonList());
        ids.add(Collections.singletonMap(1, 1).getClass(), ViewSerializers.singletonMap());
        ids.add(Collections.nCopies(2, 1).getClass(), ViewSerializers.nCopies());
        ids.add(Arrays.asList(1, 2).getClass(), ViewSerializers.arraysAsList());
        ids.add(new ArrayList<>().subList(0, 0).getClass(), ViewSerializers.subList())
                .alias(new LinkedList<>().subList(0, 0).getClass())
                .alias(Arrays.asList(1, 2).subList(0, 1).getClass())
                .alias(List.of(1, 2, 3).subList(0, 1).getClass())
                .alias(new CopyOnWriteArrayList<>().subList(0, 0).getClass());
        mapView = ids.add(new HashMap<>().keySet().getClass(), ViewSerializers.mapView()).registration;
        ids.add(ConcurrentHashMap.KeySetView.class, ViewSerializers.concurrentKeySet());
        ids.add(Collections.newSetFromMap(new HashMap<>()).getClass(), ViewSerializers.setFromMap());
        entry = ids.add(AbstractMap.SimpleEntry.class, ViewSerializers.entry(0)).registration;
        ids.add(AbstractMap.SimpleImmutableEntry.class, ViewSerializers.entry(1));
        ids.add(Map.entry(1, 1).getClass(), ViewSerializers.entry(2));
        enumSet = ids.add(EnumSet.class, ViewSerializers.enumSet()).registration;
        iterator = ids.add(Iterator.class, new IteratorSerializer()).registration;
        ids.add(ResumedIterator.class, new AppObjectSerializer(ResumedIterator.class, null));
        ids.add(ResumedListIterator.class, new AppObjectSerializer(ResumedListIterator.class, null));
        throwable = ids.add(Throwable.class, new ThrowableSerializer(null)).registration;
        Ids.Added lambda = ids.add(SerializedLambda.class, new LambdaSerializer(null));
        lambdaId = lambda.registration.getId();
        ids.add(FrameRecord.class, new FrameRecordSerializer());
        javaSerial = ids.add(java.io.Serializable.class, new JavaSerialSerializer()).registration;
        logger = ids.add(java.util.logging.Logger.class, ValueSerializers.logger()).registration;
        ids.add(java.util.StringJoiner.class, ValueSerializers.stringJoiner());
        lockSync = ids.add(new ReentrantLock().newCondition().getClass().getEnclosingClass(), ValueSerializers.lockSync())
                .registration;
        ids.add(new ReentrantLock().newCondition().getClass(), ValueSerializers.condition());
        sharedString = ids.add(ValueSerializers.SharedString.class, ValueSerializers.sharedString()).registration;
        ids.add(Collections.reverseOrder(String.CASE_INSENSITIVE_ORDER).getClass(), ComparatorSerializers.reversed());
        ids.add(Comparator.nullsFirst(Comparator.<String>naturalOrder()).getClass(), ComparatorSerializers.nulls());
        secureRandom = ids.add(java.security.SecureRandom.class, ValueSerializers.secureRandom()).registration;
        // Registered last: ids above are fixed by heap format version 1 (see GoldenHeapTest).
        ids.add(java.lang.reflect.Method.class, ReflectionSerializers.method());
        ids.add(java.lang.reflect.Constructor.class, ReflectionSerializers.constructor());
        ids.add(java.lang.reflect.Field.class, ReflectionSerializers.field());
        // An empty queue, as heaps written before ReferenceSerializer hold queues.
        ids.add(ReferenceQueue.class, ReflectionSerializers.referenceQueue());
        // The listener that carries the application's CRaC resources through checkpoints.
        ids.add(CracResources.class, new AppObjectSerializer(CracResources.class, null));
        // Open regular files, reopened on restore at their path and position.
        for (OpenFile.Kind kind : OpenFile.Kind.values()) {
            ids.add(kind.type, new OpenFileSerializer(kind));
        }
        ids.add(Thread.class, new ThreadSerializer(Thread.class));
        ids.add(CheckpointableBarrier.class, ValueSerializers.barrier());
        ids.add(ReentrantReadWriteLock.ReadLock.class, ValueSerializers.readWriteView(false));
        ids.add(ReentrantReadWriteLock.WriteLock.class, ValueSerializers.readWriteView(true));
        readWriteSync = ids.add(jdkClassNamed("java.util.concurrent.locks.ReentrantReadWriteLock$NonfairSync"),
                ValueSerializers.readWriteSync()).registration;
        ids.add(java.nio.ByteBuffer.allocate(0).getClass(), ValueSerializers.heapByteBuffer());
        ids.add(java.nio.ByteBuffer.allocate(0).asReadOnlyBuffer().getClass(), ValueSerializers.heapByteBuffer());
        // Annotation instances, whose proxy classes are registered under this id as they are met.
        annotation = ids.add(java.lang.annotation.Annotation.class, new AnnotationSerializer()).registration;
        // Streams over memory, which hold no file or socket.
        ids.add(java.io.StringReader.class, ValueSerializers.stringReader());
        ids.add(java.io.ByteArrayInputStream.class, ValueSerializers.byteArrayInput());
        ids.add(java.io.ByteArrayOutputStream.class, ValueSerializers.byteArrayOutput());
        ids.add(java.io.StringWriter.class, ValueSerializers.stringWriter());
        systemLogger = ids.add(System.Logger.class, ValueSerializers.systemLogger()).registration;
        // References with their queue, and queues with what is enqueued on them: these ids now
        // take the classes over from the ones above, which still read older heaps.
        ids.add(WeakReference.class, new ReferenceSerializer(WeakReference.class, WeakReference.class));
        ids.add(SoftReference.class, new ReferenceSerializer(SoftReference.class, SoftReference.class));
        ids.add(PhantomReference.class, new ReferenceSerializer(PhantomReference.class, PhantomReference.class));
        ids.add(ReferenceQueue.class, ReferenceSerializer.queue());
        // Generic types, which frameworks keep while they resolve a class's types.
        ids.add(List.class.getTypeParameters()[0].getClass(), ReflectionSerializers.typeVariable());
        ids.add(AbstractList.class.getGenericSuperclass().getClass(), ReflectionSerializers.parameterizedType());
        ids.add(genericArrayTypeClass(), ReflectionSerializers.genericArrayType());
        ids.add(wildcardTypeClass(), ReflectionSerializers.wildcardType()).alias(RestoredWildcardType.class);
        // Running checksums: the state that getValue() gives (CRC32C keeps it inverted).
        ids.add(java.util.zip.CRC32.class, ValueSerializers.checksum(java.util.zip.CRC32.class, "crc", v -> v));
        ids.add(java.util.zip.CRC32C.class, ValueSerializers.checksum(java.util.zip.CRC32C.class, "crc", v -> ~v));
        ids.add(java.util.zip.Adler32.class, ValueSerializers.checksum(java.util.zip.Adler32.class, "adler", v -> v));
        // Decoders and encoders of the charsets whose coders keep no state of their own between calls.
        ids.add(StandardCharsets.UTF_8.newDecoder().getClass(), ValueSerializers.charsetCoder(true))
                .alias(StandardCharsets.US_ASCII.newDecoder().getClass())
                .alias(StandardCharsets.ISO_8859_1.newDecoder().getClass());
        ids.add(StandardCharsets.UTF_8.newEncoder().getClass(), ValueSerializers.charsetCoder(false))
                .alias(StandardCharsets.US_ASCII.newEncoder().getClass())
                .alias(StandardCharsets.ISO_8859_1.newEncoder().getClass());
        // Timers by their scheduled tasks: a new Timer schedules them again.
        ids.add(Timer.class, TimerSerializer.timer());
        // Writers and streams layered over System.out, System.err or a file, readers over System.in
        // or a file. A PrintStream that is System.out or System.err itself stays their token.
        for (StreamWrapperSerializer.Kind kind : StreamWrapperSerializer.Kind.values()) {
            if (!StreamWrapperSerializer.Kind.LATER.contains(kind)) {
                ids.add(kind.type, new StreamWrapperSerializer(kind),
                        kind.type == PrintStream.class ? HeapRegistration.TOKEN_FIRST : HeapRegistration.PLAIN);
            }
        }
        ids.add(java.util.regex.Matcher.class, new MatcherSerializer());
        // Atomic field updaters, by their class and field (statics of concurrent libraries).
        for (FieldUpdaterSerializer.Kind kind : FieldUpdaterSerializer.Kind.values()) {
            Class<?> implementation = jdkClassNamed(kind.className);
            ids.add(implementation, new FieldUpdaterSerializer(kind, implementation));
        }
        // Added after the others, so that the ids above keep their meaning in older files.
        for (StreamWrapperSerializer.Kind kind : StreamWrapperSerializer.Kind.LATER) {
            // System.in is a BufferedInputStream, and stays its token
            ids.add(kind.type, new StreamWrapperSerializer(kind),
                    kind.type == BufferedInputStream.class ? HeapRegistration.TOKEN_FIRST : HeapRegistration.PLAIN);
        }
        // Streams over channels (Files.newInputStream, Files.newOutputStream), by their channel.
        ids.add(ChannelStreamSerializer.INPUT, new ChannelStreamSerializer(true));
        ids.add(ChannelStreamSerializer.OUTPUT, new ChannelStreamSerializer(false));
        // Channels over streams (Channels.newChannel), by their stream.
        ids.add(StreamChannelSerializer.READABLE, new StreamChannelSerializer(true));
        ids.add(StreamChannelSerializer.WRITABLE, new StreamChannelSerializer(false));
        ids.add(java.nio.ByteOrder.class, ValueSerializers.text(java.nio.ByteOrder::toString, ValueSerializers::byteOrder));
        // A plain URLClassLoader the program made (a plugin directory's), as its subclasses are.
        ids.add(java.net.URLClassLoader.class,
                new AppObjectSerializer(JdkSuperclassState.of(java.net.URLClassLoader.class, java.net.URLClassLoader.class)));
        // Open zip and jar files, reopened by path (read-only).
        ids.add(java.util.zip.ZipFile.class, new ZipFileSerializer());
        ids.add(java.util.jar.JarFile.class, new ZipFileSerializer());
        // The random generators of java.util.random, by algorithm and state, and their factories by name.
        ids.add(java.util.SplittableRandom.class, new RandomGeneratorSerializer());
        randomAlgorithm = ids.add(RandomGeneratorSerializer.representative(), new RandomGeneratorSerializer()).registration;
        // A code source by its location (a script engine's compiled scripts hold one); signed ones are refused.
        ids.add(java.security.CodeSource.class, ValueSerializers.codeSource());
        // Futures by their outcome, when nothing waits on them yet.
        ids.add(java.util.concurrent.CompletableFuture.class, new FutureSerializer(false));
        ids.add(java.util.concurrent.FutureTask.class, new FutureSerializer(true));
        ids.add(java.util.random.RandomGeneratorFactory.class, HeapSerializer.of(
                (k, out, f) -> out.writeHeapString(((java.util.random.RandomGeneratorFactory<?>) f).name()),
                (k, in) -> RandomGeneratorSerializer.factory(in.readHeapString())));
        r.ready();
    }

    /** The JDK's class of generic array types, from {@code <T> T[] Collection.toArray(T[])}. */
    private static Class<?> genericArrayTypeClass() {
        try {
            return Collection.class.getMethod("toArray", Object[].class).getGenericParameterTypes()[0].getClass();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JDK's class of wildcard types, from {@code Collection.addAll(Collection<? extends E>)}. */
    private static Class<?> wildcardTypeClass() {
        try {
            Type arg = Collection.class.getMethod("addAll", Collection.class).getGenericParameterTypes()[0];
            return ((java.lang.reflect.ParameterizedType) arg).getActualTypeArguments()[0].getClass();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Class<?> jdkClassNamed(String name) {
        try {
            return Class.forName(name, false, null);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("this JDK has no " + name, e);
        }
    }

    private static Class<?> wrapperClass(ViewSerializers.Wrap w, boolean sync, boolean randomAccess) {
        Object inner;
        switch (w) {
            case SET: inner = new HashSet<>(); break;
            case SORTED_SET:
            case NAVIGABLE_SET: inner = new TreeSet<>(); break;
            case LIST: inner = randomAccess ? new ArrayList<>() : new LinkedList<>(); break;
            case MAP: inner = new HashMap<>(); break;
            case SORTED_MAP:
            case NAVIGABLE_MAP: inner = new TreeMap<>(); break;
            default: inner = new ArrayList<>(); break;
        }
        return w.wrap(inner, sync).getClass();
    }

    /** Sequential fixed-id registration. */
    private static final class Ids {
        private final HeapClassResolver r;
        private int next = FIRST_ID;

        Ids(HeapClassResolver r) {
            this.r = r;
        }

        Added add(Class<?> type, Serializer<?> s) {
            return add(type, s, HeapRegistration.PLAIN);
        }

        Added add(Class<?> type, Serializer<?> s, int tokenMode) {
            HeapRegistration reg = new HeapRegistration(type, s, next++, tokenMode, null);
            r.register(reg);
            return new Added(reg);
        }

        final class Added {
            final HeapRegistration registration;

            Added(HeapRegistration registration) {
                this.registration = registration;
            }

            Added alias(Class<?> other) {
                r.alias(other, registration);
                return this;
            }
        }
    }

    /** The registration of a class not registered by id. Never throws: refusals carry their reason. */
    HeapRegistration classify(Class<?> c) {
        try {
            if (c.isArray()) {
                return objectArray;
            }
            if (AnnotationSerializer.isAnnotationProxy(c)) {
                return new HeapRegistration(c, annotation.getSerializer(), annotation.getId());
            }
            if (Proxy.isProxyClass(c)) {
                return HeapRegistration.refused(c, "dynamic proxies other than annotations cannot be re-created in another"
                        + " JVM.");
            }
            if (RandomGeneratorSerializer.isAlgorithm(c)) {
                // the JDK's own, though Java 17 to 21 define their module to the application class loader
                return randomAlgorithm;
            }
            return isJdk(c) ? jdkClass(c) : appClass(c);
        } catch (IllegalStateException | SecurityException e) {
            return HeapRegistration.refused(c, e.getMessage());
        }
    }

    private HeapRegistration lambda(Class<?> c) {
        java.lang.reflect.Method wr = LambdaSerializer.writeReplaceOf(c);
        if (wr != null) {
            return new HeapRegistration(c, new LambdaSerializer(wr), lambdaId);
        }
        if (isJdk(c) && JvmTokens.mayBeBuiltin(c)) {
            return HeapRegistration.tokenOnly(c, "a lambda created inside the JDK is not serializable.");
        }
        return HeapRegistration.refused(c, c.isSynthetic() || c.getName().contains("$$Lambda")
                ? "this lambda is not serializable: it was created in code Stasis did not instrument."
                : "hidden classes other than lambdas cannot be re-created in another JVM.");
    }

    private HeapRegistration jdkClass(Class<?> c) {
        if (c.isHidden()) {
            return lambda(c);
        }
        if (c.isEnum() || (c.getSuperclass() != null && c.getSuperclass().isEnum())) {
            return jdkEnum;
        }
        if (Throwable.class.isAssignableFrom(c)) {
            return throwable;
        }
        if (c == java.time.format.DateTimeFormatter.class) {
            return HeapRegistration.tokenOnly(c, "only the JDK's predefined formatters (ISO_LOCAL_DATE...) can be restored:"
                    + " a formatter made by ofPattern() or a builder keeps no pattern Stasis could write.");
        }
        if (JvmTokens.mayBeBuiltin(c) || c == PrintStream.class || ClassLoader.class.isAssignableFrom(c)
                || c == Runtime.class || c == System.in.getClass()) {
            return HeapRegistration.tokenOnly(c, tokenReason(c));
        }
        if (Charset.class.isAssignableFrom(c)) {
            return charset;
        }
        if (java.util.logging.Logger.class.isAssignableFrom(c)) {
            return logger;
        }
        if (System.Logger.class.isAssignableFrom(c)) {
            return systemLogger;
        }
        if (java.security.SecureRandom.class.isAssignableFrom(c)) {
            return secureRandom;
        }
        if (c.getName().startsWith("java.util.concurrent.locks.ReentrantLock$")
                && java.util.concurrent.locks.AbstractQueuedSynchronizer.class.isAssignableFrom(c)) {
            return lockSync;
        }
        if (c.getName().startsWith("java.util.concurrent.locks.ReentrantReadWriteLock$")
                && java.util.concurrent.locks.AbstractOwnableSynchronizer.class.isAssignableFrom(c)) {
            // its synchronizer is an AbstractQueuedSynchronizer up to JDK 21, a Long one after
            return readWriteSync;
        }
        if (Path.class.isAssignableFrom(c)) {
            return path;
        }
        if (EnumSet.class.isAssignableFrom(c)) {
            return enumSet;
        }
        String pkg = c.getPackageName();
        boolean utilNested = (pkg.equals("java.util") || pkg.equals("java.util.concurrent")) && c.getName().indexOf('$') > 0;
        if (utilNested && (Iterator.class.isAssignableFrom(c) || Enumeration.class.isAssignableFrom(c))) {
            return iterator;
        }
        if (Spliterator.class.isAssignableFrom(c) || BaseStream.class.isAssignableFrom(c)) {
            return HeapRegistration.refused(c, "streams and spliterators cannot be checkpointed; finish the stream"
                    + " before the checkpoint, or iterate with a plain loop or an Iterator.");
        }
        if (Map.Entry.class.isAssignableFrom(c) && !Collection.class.isAssignableFrom(c) && !Map.class.isAssignableFrom(c)) {
            return entry;
        }
        Class<?> outer = c.getEnclosingClass();
        if (utilNested && Collection.class.isAssignableFrom(c) && outer != null && Map.class.isAssignableFrom(outer)) {
            return mapView;
        }
        String bound = boundReason(c);
        if (bound != null) {
            return HeapRegistration.refused(c, bound);
        }
        if (java.io.Serializable.class.isAssignableFrom(c) && JavaSerialSerializer.ALLOWED.contains(c.getName())) {
            return new HeapRegistration(c, javaSerial.getSerializer(), javaSerial.getId());
        }
        return HeapRegistration.refused(c, "Stasis has no portable form for this JDK class (it writes JDK objects"
                + " by their logical content, never by their private fields, and this class is not in its catalogue).");
    }

    private static String tokenReason(Class<?> c) {
        if (ClassLoader.class.isAssignableFrom(c)) {
            return "class loaders other than the system, platform and application loaders are bound to this JVM.";
        }
        if (c == PrintStream.class || InputStream.class.isAssignableFrom(c)) {
            return "an open stream other than System.out, System.err and System.in is bound to this process.";
        }
        if (c == java.util.concurrent.ForkJoinPool.class) {
            return "only the JDK's common pool (ForkJoinPool.commonPool()) can be restored: a pool the program made"
                    + " owns threads of this JVM. Make it again after the restore (CheckpointListener.afterRestore()).";
        }
                return "only the JDK's own singleton of this class can be restored.";
    }

    /** Why instances of a JDK class are bound to this JVM or the OS, or null. */
    private static String boundReason(Class<?> c) {
        if (Thread.class.isAssignableFrom(c) || c == ThreadGroup.class) {
            return "threads of the JDK's own kinds (pool workers, system threads) and thread groups are bound to this"
                    + " JVM (application threads, plain or subclasses of Thread, are written as threads).";
        }
        if (Socket.class.isAssignableFrom(c) || ServerSocket.class.isAssignableFrom(c)
                || DatagramSocket.class.isAssignableFrom(c) || Channel.class.isAssignableFrom(c)
                || c == FileDescriptor.class || Process.class.isAssignableFrom(c)
                || ProcessHandle.class.isAssignableFrom(c)) {
            return "open sockets, channels, files and processes belong to this operating-system process.";
        }
        if (InputStream.class.isAssignableFrom(c) || OutputStream.class.isAssignableFrom(c)
                || Reader.class.isAssignableFrom(c) || Writer.class.isAssignableFrom(c)) {
            return "streams, readers and writers other than those over memory (StringReader, StringWriter,"
                    + " ByteArrayInputStream, ByteArrayOutputStream) may hold open files or sockets of this process.";
        }
        if (MethodHandle.class.isAssignableFrom(c) || VarHandle.class.isAssignableFrom(c)
                || c == MethodHandles.Lookup.class || c == Module.class || c == ModuleLayer.class
                || c.getName().equals("sun.misc.Unsafe") || c.getName().startsWith("java.lang.reflect.")) {
            return "reflective handles are bound to this JVM.";
        }
        if (Buffer.class.isAssignableFrom(c)) {
            return "NIO buffers other than heap ByteBuffers may be native memory of this process.";
        }
        if (Executor.class.isAssignableFrom(c) || Future.class.isAssignableFrom(c)) {
            return "executors and futures own threads of this JVM.";
        }
        return null;
    }

    private HeapRegistration appClass(Class<?> c) {
        if (c.isHidden()) {
            return lambda(c);
        }
        if (c.isEnum() || (c.getSuperclass() != null && c.getSuperclass().isEnum())) {
            Class<?> enumClass = c.isEnum() ? c : c.getSuperclass();
            if (enumClass != c) {
                return resolver.registrationFor(enumClass);
            }
            return app(c, new AppEnumSerializer(c));
        }
        if (c.isRecord()) {
            return app(c, new AppRecordSerializer(c));
        }
        if (Throwable.class.isAssignableFrom(c)) {
            return app(c, new ThrowableSerializer(c));
        }
        if (c.isInterface() || Modifier.isAbstract(c.getModifiers())) {
            return HeapRegistration.refused(c, "abstract class or interface.");
        }
        Class<?> jdkSuper = c.getSuperclass();
        while (!isJdk(jdkSuper)) {
            jdkSuper = jdkSuper.getSuperclass();
        }
        if (jdkSuper == Object.class) {
            return app(c, new AppObjectSerializer(c, null));
        }
        CollectionSerializer.Flavor cf = CollectionSerializer.Flavor.of(jdkSuper);
        if (cf != null) {
            return app(c, new CollectionSerializer(cf, c));
        }
        MapSerializer.Flavor mf = MapSerializer.Flavor.of(jdkSuper);
        if (mf != null) {
            return app(c, new MapSerializer(mf, c));
        }
        if (SKELETONS.contains(jdkSuper)) {
            return app(c, new AppObjectSerializer(c, skeletonConstructor(c, jdkSuper)));
        }
        if (jdkSuper == Thread.class) {
            return app(c, new ThreadSerializer(c));
        }
        if (jdkSuper == WeakReference.class || jdkSuper == SoftReference.class || jdkSuper == PhantomReference.class) {
            return app(c, new ReferenceSerializer(c, jdkSuper));
        }
        if (EntrySubclassSerializer.extendsEntry(jdkSuper)) {
            return app(c, new EntrySubclassSerializer(c, jdkSuper));
        }
        JdkSuperclassState inherited = JdkSuperclassState.of(c, jdkSuper);
        if (inherited != null) {
            return app(c, new AppObjectSerializer(inherited));
        }
        if (stateless(jdkSuper)) {
            return app(c, new AppObjectSerializer(c, skeletonConstructor(c, jdkSuper)));
        }
        String bound = boundReason(jdkSuper);
        return HeapRegistration.refused(c, "it extends the JDK class " + jdkSuper.getName() + ", whose own state Stasis"
                + " cannot capture portably" + (bound != null ? " (" + bound + ")" : "."));
    }

    /**
     * Whether {@code jdkSuper} and its superclasses declare no instance field: an abstract JDK
     * class that only defines methods ({@code java.time.Clock}, which Jenetics extends), whose
     * application subclasses are written like {@link #SKELETONS}' by their own fields.
     */
    private static boolean stateless(Class<?> jdkSuper) {
        for (Class<?> k = jdkSuper; k != null && k != Object.class; k = k.getSuperclass()) {
            for (java.lang.reflect.Field f : k.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    return false;
                }
            }
        }
        return true;
    }

    private static Constructor<?> skeletonConstructor(Class<?> c, Class<?> jdkSuper) {
        try {
            Constructor<?> ctor = jdkSuper.getDeclaredConstructor();
            if (Modifier.isPrivate(ctor.getModifiers())) {
                return null;
            }
            return Instantiators.viaSuper(c, jdkSuper);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static HeapRegistration app(Class<?> c, Serializer<?> s) {
        return new HeapRegistration(c, s, HeapClassResolver.NAME);
    }
}
