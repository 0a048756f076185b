package dev.stasis.internal.heap;

import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An annotation instance. The JDK makes each one a dynamic proxy, of a class generated in that
 * JVM, which cannot be named in another; libraries keep them in their introspection caches
 * (Jackson's {@code AnnotationMap} while it builds a serializer). So it is written as what
 * defines it, its annotation type and the value of each member, and read back as an annotation of
 * that type with those values, made by the JDK's own factory ({@code
 * sun.reflect.annotation.AnnotationParser.annotationForMap}, in a package of java.base the agent
 * opens to Stasis). The copy equals the original, since annotations compare by type and member
 * values ({@link Annotation#equals}), but it is not the instance reflection hands out in the new JVM.
 */
final class AnnotationSerializer extends HeapSerializer<Annotation> {

    private static final Method FOR_MAP = factory();

    private static Method factory() {
        try {
            Method m = Class.forName("sun.reflect.annotation.AnnotationParser").getMethod("annotationForMap", Class.class,
                    Map.class);
            m.setAccessible(true);
            return m;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Whether {@code c} is the proxy class of annotation instances: it implements one annotation type and nothing else. */
    static boolean isAnnotationProxy(Class<?> c) {
        if (!Proxy.isProxyClass(c)) {
            return false;
        }
        Class<?>[] interfaces = c.getInterfaces();
        return interfaces.length == 1 && interfaces[0].isAnnotation();
    }

    @Override
    boolean builtFromContent() {
        return true;
    }

    @Override
    void write(HeapKryo kryo, HeapOutput out, Annotation a) {
        if (FOR_MAP == null) {
            throw kryo.path.refuse(a, "Stasis re-creates annotations only when java.base's sun.reflect.annotation is"
                    + " open to it (the agent opens it).");
        }
        Class<? extends Annotation> type = a.annotationType();
        kryo.classes.writeTypeName(out, type);
        List<Method> members = members(type);
        out.writeVarInt(members.size(), true);
        for (Method m : members) {
            Object value;
            try {
                value = m.invoke(a);
            } catch (InvocationTargetException e) {
                throw kryo.path.refuse(a, "its member " + m.getName() + " cannot be read: " + e.getCause());
            } catch (IllegalAccessException e) {
                throw kryo.path.refuse(a, "its member " + m.getName() + " is not accessible to Stasis: " + e);
            }
            out.writeHeapString(m.getName());
            kryo.writeClassAndObject(out, value);
        }
    }

    @Override
    Annotation read(HeapKryo kryo, HeapInput in) {
        Class<?> type = kryo.classes.readTypeName(in);
        if (!type.isAnnotation()) {
            throw new CorruptData(type.getName() + " written as an annotation type");
        }
        Map<String, Method> byName = new LinkedHashMap<>();
        for (Method m : members(type)) {
            byName.put(m.getName(), m);
        }
        int n = in.readCount(2);
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String name = in.readHeapString();
            Object value = kryo.readClassAndObject(in);
            Method member = byName.get(name);
            if (member == null || value == null || !boxed(member.getReturnType()).isInstance(value)) {
                throw new CorruptData("annotation " + type.getName() + " has no member " + name + " of the value's type"
                        + " (it changed since the checkpoint, or the heap is damaged)");
            }
            values.put(name, value);
        }
        if (FOR_MAP == null) {
            throw new CorruptData("annotations can be re-created only when java.base's sun.reflect.annotation is open"
                    + " to Stasis (the agent opens it)");
        }
        try {
            return (Annotation) FOR_MAP.invoke(null, type, values);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new CorruptData("cannot re-create an annotation " + type.getName() + ": " + e, e);
        }
    }

    /** The members of each annotation type, looked up once per type. */
    private static final ClassValue<List<Method>> MEMBERS = new ClassValue<>() {
        @Override
        protected List<Method> computeValue(Class<?> type) {
            return lookUpMembers(type);
        }
    };

    private static List<Method> members(Class<?> type) {
        return MEMBERS.get(type);
    }

    /** The members of an annotation type, by name; made accessible when the type is not public. */
    private static List<Method> lookUpMembers(Class<?> type) {
        List<Method> out = new ArrayList<>();
        for (Method m : type.getDeclaredMethods()) {
            if (!Modifier.isStatic(m.getModifiers()) && m.getParameterCount() == 0 && !m.isSynthetic()) {
                out.add(m);
            }
        }
        out.sort(Comparator.comparing(Method::getName));
        if (!Modifier.isPublic(type.getModifiers())) {
            for (Method m : out) {
                m.setAccessible(true);
            }
        }
        return List.copyOf(out);
    }

    private static Class<?> boxed(Class<?> t) {
        return t.isPrimitive() ? HeapClassResolver.wrapper(t) : t;
    }
}
