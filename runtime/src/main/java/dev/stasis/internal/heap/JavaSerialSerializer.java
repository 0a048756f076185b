package dev.stasis.internal.heap;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Set;

/**
 * The few JDK classes whose logical state is reachable only through their java.io.Serializable
 * form (Random's seed, a SimpleDateFormat's settings...), which is portable across JDK versions
 * by contract. Only the classes listed here are written this way, and the reader's
 * ObjectInputStream accepts only these and the plain value classes their forms contain. Each
 * object is a self-contained blob: sharing with the rest of the graph is not kept, which for
 * these value-like objects does not matter.
 */
final class JavaSerialSerializer extends HeapSerializer<Object> {

    static final Set<String> ALLOWED = Set.of(
            "java.util.Random", "java.util.GregorianCalendar", "java.util.SimpleTimeZone",
            "java.text.SimpleDateFormat", "java.text.DecimalFormat", "java.text.DecimalFormatSymbols",
            "java.text.DateFormatSymbols", "java.text.ChoiceFormat", "java.text.MessageFormat",
            "java.sql.Date", "java.sql.Time", "java.sql.Timestamp");

    /** Classes that may appear inside the allowed classes' serialized forms. */
    private static final Set<String> INNER = Set.of(
            "java.lang.Number", "java.lang.Integer", "java.lang.Long", "java.lang.Short", "java.lang.Byte",
            "java.lang.Character", "java.lang.Boolean", "java.lang.Float", "java.lang.Double", "java.lang.String",
            "java.lang.Enum", "java.lang.Object", "java.util.Locale", "java.util.Date", "java.util.TimeZone",
            "java.util.Calendar", "sun.util.calendar.ZoneInfo", "java.text.Format", "java.text.NumberFormat",
            "java.text.DateFormat", "java.math.RoundingMode", "java.util.Currency", "java.util.concurrent.atomic.AtomicLong");

    @Override
    void write(HeapKryo kryo, HeapOutput out, Object object) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream oos = new ObjectOutputStream(bytes)) {
            oos.writeObject(object);
        } catch (IOException e) {
            throw kryo.path.refuse(object, "its serialized form could not be written (" + e + ").");
        }
        byte[] b = bytes.toByteArray();
        out.writeVarInt(b.length, true);
        out.writeBytes(b);
    }

    @Override
    Object read(HeapKryo kryo, HeapInput in) {
        int n = in.readCount(1);
        byte[] b = in.readBytes(n);
        try (ObjectInputStream ois = new ObjectInputStream(new ByteArrayInputStream(b))) {
            ois.setObjectInputFilter(info -> {
                if (info.depth() > 20 || info.references() > n || info.arrayLength() > n) {
                    return ObjectInputFilter.Status.REJECTED;
                }
                Class<?> c = info.serialClass();
                if (c == null) {
                    return ObjectInputFilter.Status.UNDECIDED;
                }
                while (c.isArray()) {
                    c = c.getComponentType();
                }
                boolean ok = c.isPrimitive() || ALLOWED.contains(c.getName()) || INNER.contains(c.getName())
                        || (c.isEnum() && Classifier.isJdk(c));
                return ok ? ObjectInputFilter.Status.ALLOWED : ObjectInputFilter.Status.REJECTED;
            });
            Object o = ois.readObject();
            if (o == null || !ALLOWED.contains(o.getClass().getName())) {
                throw new CorruptData("unexpected serialized object");
            }
            return o;
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            if (e instanceof CorruptData) {
                throw (CorruptData) e;
            }
            throw new CorruptData("bad serialized JDK object: " + e, e);
        }
    }
}
