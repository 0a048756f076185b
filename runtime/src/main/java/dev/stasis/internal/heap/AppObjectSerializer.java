package dev.stasis.internal.heap;

import java.lang.reflect.Constructor;
import org.objenesis.instantiator.ObjectInstantiator;

/**
 * An application object, field by field. It is created without running its constructors; when
 * its nearest JDK superclass is a stateless skeleton (AbstractList, Number, Reader...) that
 * superclass's no-argument constructor is run so its bookkeeping is initialized.
 */
final class AppObjectSerializer extends HeapSerializer<Object> {

    private final AppFields fields;
    private final ObjectInstantiator<?> bare;
    private final Constructor<?> viaSuper;

    AppObjectSerializer(Class<?> type, Constructor<?> viaSuper) {
        this.fields = AppFields.of(type);
        this.bare = viaSuper == null ? Instantiators.bare(type) : null;
        this.viaSuper = viaSuper;
    }

    @Override
    void write(HeapKryo kryo, HeapOutput out, Object object) {
        fields.write(kryo, out, object);
    }

    @Override
    Object read(HeapKryo kryo, HeapInput in) {
        Object o = viaSuper != null ? Instantiators.create(viaSuper) : bare.newInstance();
        kryo.reference(o);
        fields.read(kryo, in, o);
        return o;
    }
}
