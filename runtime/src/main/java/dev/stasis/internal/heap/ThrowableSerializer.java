package dev.stasis.internal.heap;

import java.lang.reflect.Constructor;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A Throwable (one pending in a finally block, or kept in a field): message, cause, stack trace,
 * suppressed exceptions, then the fields of application subclasses. The JDK part is written by
 * that meaning, not by Throwable's private layout. It is rebuilt with only Throwable(String)'s
 * constructor run on it (no constructor of the actual class, which might have side effects),
 * then initCause, setStackTrace and addSuppressed. Fields of intermediate JDK classes (an
 * InvocationTargetException's target, say) are not kept.
 */
final class ThrowableSerializer extends HeapSerializer<Throwable> {

    private static final Object UNREADABLE = new Object();

    /** The application class this serializer is for, or null for the shared JDK-throwable kind. */
    private final Class<?> appType;
    private final AppFields appFields;
    private final Map<Class<?>, Constructor<?>> ctors = new IdentityHashMap<>();

    ThrowableSerializer(Class<?> appType) {
        this.appType = appType;
        this.appFields = appType == null ? null : AppFields.of(appType);
        if (appType != null) {
            ctor(appType);
        }
    }

    private Constructor<?> ctor(Class<?> type) {
        return ctors.computeIfAbsent(type, t -> Instantiators.viaSuper(t, Throwable.class, String.class));
    }

    @Override
    void write(HeapKryo kryo, HeapOutput out, Throwable t) {
        if (appType == null) {
            kryo.classes.writeTypeName(out, t.getClass());
        }
        Object message = JdkInternals.get(t, "detailMessage", UNREADABLE);
        ValueSerializers.writeNullableString(out, message == UNREADABLE ? t.getMessage() : (String) message);
        Object cause = JdkInternals.get(t, "cause", UNREADABLE);
        boolean initialized;
        if (cause == UNREADABLE) {
            cause = t.getCause();
            initialized = cause != null;
        } else {
            initialized = cause != t;
        }
        out.writeBoolean(initialized);
        if (initialized) {
            kryo.writeClassAndObject(out, cause);
        }
        kryo.writeClassAndObject(out, t.getStackTrace());
        Throwable[] suppressed = t.getSuppressed();
        out.writeVarInt(suppressed.length, true);
        for (Throwable s : suppressed) {
            kryo.writeClassAndObject(out, s);
        }
        if (appFields != null) {
            appFields.write(kryo, out, t);
        }
    }

    @Override
    Throwable read(HeapKryo kryo, HeapInput in) {
        Class<?> type = appType;
        if (type == null) {
            type = kryo.classes.readTypeName(in);
            if (!Throwable.class.isAssignableFrom(type) || !Classifier.isJdk(type)) {
                throw new CorruptData(type.getName() + " is not a JDK Throwable");
            }
        }
        String message = ValueSerializers.readNullableString(in);
        Throwable t = (Throwable) Instantiators.create(ctor(type), message);
        kryo.reference(t);
        try {
            if (in.readBoolean()) {
                Object cause = MapSerializer.expect(kryo.readClassAndObject(in), Throwable.class, "cause");
                t.initCause((Throwable) cause);
            }
            Object trace = kryo.readClassAndObject(in);
            if (!(trace instanceof StackTraceElement[])) {
                throw new CorruptData("stack trace is not a StackTraceElement[]");
            }
            t.setStackTrace((StackTraceElement[]) trace);
            int n = in.readCount(1);
            for (int i = 0; i < n; i++) {
                Object s = MapSerializer.expect(kryo.readClassAndObject(in), Throwable.class, "suppressed exception");
                t.addSuppressed((Throwable) s);
            }
        } catch (IllegalArgumentException | IllegalStateException | NullPointerException e) {
            throw new CorruptData("inconsistent exception " + type.getName() + ": " + e, e);
        }
        if (appFields != null) {
            appFields.read(kryo, in, t);
        }
        return t;
    }
}
