package dev.stasis.internal.heap;

import java.lang.reflect.Constructor;
import org.objenesis.instantiator.ObjectInstantiator;

/**
 * An application object, field by field. It is created without running its constructors; when
 * its nearest JDK superclass is a stateless skeleton (AbstractList, Number, Reader...) that
 * superclass's no-argument constructor is run so its bookkeeping is initialized, and when it is
 * one of the JDK classes of {@link JdkSuperclassState} the state inherited from it comes first.
 * A subclass of ThreadLocal (a skeleton: its hash comes from its constructor) is followed by its
 * value in each captured thread: libraries keep per-thread state in such subclasses (Clojure's
 * dynamic bindings, a SimpleDateFormat per thread), and a restored thread must find its own.
 */
final class AppObjectSerializer extends HeapSerializer<Object> {

    private final AppFields fields;
    private final ObjectInstantiator<?> bare;
    private final Constructor<?> viaSuper;
    private final JdkSuperclassState inherited;

    AppObjectSerializer(Class<?> type, Constructor<?> viaSuper) {
        this.fields = AppFields.of(type);
        this.bare = viaSuper == null ? Instantiators.bare(type) : null;
        this.viaSuper = viaSuper;
        this.inherited = null;
    }

    /** An object whose JDK superclass's own state is {@code inherited}. */
    AppObjectSerializer(JdkSuperclassState inherited) {
        this.fields = AppFields.of(inherited.type);
        this.bare = null;
        this.viaSuper = null;
        this.inherited = inherited;
    }

    @Override
    void write(HeapKryo kryo, HeapOutput out, Object object) {
        if (inherited != null) {
            inherited.write(kryo, out, object);
        }
        fields.write(kryo, out, object);
        if (object instanceof ThreadLocal) {
            ThreadLocalValues.write(kryo, out, (ThreadLocal<?>) object);
        }
    }

    @Override
    Object read(HeapKryo kryo, HeapInput in) {
        Object o;
        if (inherited != null) {
            o = inherited.read(kryo, in);
        } else {
            o = viaSuper != null ? Instantiators.create(viaSuper) : bare.newInstance();
            kryo.reference(o);
        }
        fields.read(kryo, in, o);
        if (o instanceof ThreadLocal && kryo.refs.threadLocalSubclassValues) {
            ThreadLocalValues.read(kryo, in, (ThreadLocal<?>) o);
        }
        return o;
    }
}
