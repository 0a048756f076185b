package dev.stasis.internal.heap;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import org.objenesis.Objenesis;
import org.objenesis.ObjenesisStd;
import org.objenesis.instantiator.ObjectInstantiator;
import sun.reflect.ReflectionFactory;

/**
 * Creates objects without running application constructors, which may have side effects. Plain
 * application classes are allocated by Objenesis. A class whose nearest JDK superclass holds
 * state of its own (ArrayList, Throwable, LinkedHashMap...) gets that superclass's constructor
 * run on the new object, as Java serialization does for non-serializable superclasses, through
 * {@link ReflectionFactory#newConstructorForSerialization(Class, Constructor)}.
 */
final class Instantiators {

    private static final Objenesis OBJENESIS = new ObjenesisStd(true);

    private Instantiators() {
    }

    /** Allocates instances of {@code type} without running any of its constructors. */
    static ObjectInstantiator<?> bare(Class<?> type) {
        return OBJENESIS.getInstantiatorOf(type);
    }

    /**
     * A constructor that creates a {@code type} (a subclass of {@code jdkSuper}) running only
     * {@code jdkSuper}'s constructor with the given parameter types.
     */
    static Constructor<?> viaSuper(Class<?> type, Class<?> jdkSuper, Class<?>... params) {
        try {
            Constructor<?> superCtor = jdkSuper.getDeclaredConstructor(params);
            if (type == jdkSuper) {
                return superCtor;
            }
            Constructor<?> c = ReflectionFactory.getReflectionFactory().newConstructorForSerialization(type, superCtor);
            if (c == null) {
                throw new IllegalStateException("no serialization constructor for " + type.getName());
            }
            c.setAccessible(true);
            return c;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(jdkSuper.getName() + " has no constructor " + java.util.Arrays.toString(params), e);
        }
    }

    static Object create(Constructor<?> c, Object... args) {
        try {
            return c.newInstance(args);
        } catch (InvocationTargetException e) {
            throw new CorruptData("constructing " + c.getDeclaringClass().getName() + " failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
            throw new CorruptData("cannot construct " + c.getDeclaringClass().getName() + ": " + e, e);
        }
    }
}
