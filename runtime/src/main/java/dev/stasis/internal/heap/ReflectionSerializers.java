package dev.stasis.internal.heap;

import java.lang.invoke.MethodType;
import java.lang.ref.ReferenceQueue;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.GenericDeclaration;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;

/**
 * Reflective members written by meaning: the declaring class, the name and the descriptor (and
 * whether it had been made accessible), resolved to the same member in the reading JVM.
 * Interpreters and frameworks keep such handles in their data structures. Generic types
 * likewise (Jackson keeps them while it resolves a class's types): a type variable by its
 * declaration and name, resolved to the reading JVM's; a parameterized or generic array type by
 * its parts, re-created by the JDK's own factories (in sun.reflect.generics.reflectiveObjects,
 * which the agent opens); a wildcard type by its bounds, read back as a {@link
 * RestoredWildcardType}, since the JDK has no such factory for its own.
 */
final class ReflectionSerializers {

    private static final Method PARAMETERIZED = factory("ParameterizedTypeImpl", Class.class, Type[].class, Type.class);
    private static final Method GENERIC_ARRAY = factory("GenericArrayTypeImpl", Type.class);

    private ReflectionSerializers() {
    }

    static HeapSerializer<Method> method() {
        return HeapSerializer.of((k, out, m) -> writeMember(k, out, m, m.getName(), descriptor(m)),
                (k, in) -> {
                    Class<?> owner = k.classes.readTypeName(in);
                    String name = in.readHeapString();
                    String desc = in.readHeapString();
                    boolean accessible = in.readBoolean();
                    for (Method m : owner.getDeclaredMethods()) {
                        if (m.getName().equals(name) && descriptor(m).equals(desc)) {
                            return accessible(m, accessible);
                        }
                    }
                    throw missing(owner, "method " + owner.getName() + "." + name + desc);
                });
    }

    @SuppressWarnings("rawtypes")
    static HeapSerializer<Constructor> constructor() {
        return HeapSerializer.of((k, out, c) -> writeMember(k, out, c, "<init>", descriptor(c)), (k, in) -> {
            Class<?> owner = k.classes.readTypeName(in);
            in.readHeapString();
            String desc = in.readHeapString();
            boolean accessible = in.readBoolean();
            for (Constructor<?> c : owner.getDeclaredConstructors()) {
                if (descriptor(c).equals(desc)) {
                    return accessible(c, accessible);
                }
            }
            throw missing(owner, "constructor " + owner.getName() + desc);
        });
    }

    static HeapSerializer<Field> field() {
        return HeapSerializer.of((k, out, f) -> writeMember(k, out, f, f.getName(), f.getType().descriptorString()),
                (k, in) -> {
                    Class<?> owner = k.classes.readTypeName(in);
                    String name = in.readHeapString();
                    String desc = in.readHeapString();
                    boolean accessible = in.readBoolean();
                    for (Field f : owner.getDeclaredFields()) {
                        if (f.getName().equals(name) && f.getType().descriptorString().equals(desc)) {
                            return accessible(f, accessible);
                        }
                    }
                    throw missing(owner, "field " + owner.getName() + "." + name);
                });
    }

    /**
     * A member the heap names that {@code owner} does not have here: a JDK's member that this JDK
     * lacks (the file is intact), or else a changed application class.
     */
    private static CorruptData missing(Class<?> owner, String member) {
        return Classifier.isJdk(owner) ? NotInThisJdk.ofMember(member) : new CorruptData("no " + member);
    }

    /** The JDK's factory method {@code make} of one of its generic type classes, or null when it is closed to Stasis. */
    private static Method factory(String simpleName, Class<?>... params) {
        try {
            Method make = Class.forName("sun.reflect.generics.reflectiveObjects." + simpleName).getMethod("make", params);
            make.setAccessible(true);
            return make;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static Object make(Method factory, Object... args) {
        if (factory == null) {
            throw new CorruptData("generic types can be re-created only when java.base's"
                    + " sun.reflect.generics.reflectiveObjects is open to Stasis (the agent opens it)");
        }
        try {
            return factory.invoke(null, args);
        } catch (InvocationTargetException e) {
            throw new CorruptData("re-creating a generic type failed: " + e.getCause(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new CorruptData("cannot re-create a generic type: " + e, e);
        }
    }

    private static void refuseWithoutFactory(HeapKryo k, Object type, Method factory) {
        if (factory == null) {
            throw k.path.refuse(type, "Stasis re-creates generic types only when java.base's"
                    + " sun.reflect.generics.reflectiveObjects is open to it (the agent opens it).");
        }
    }

    @SuppressWarnings("rawtypes")
    static HeapSerializer<TypeVariable> typeVariable() {
        return HeapSerializer.fromContent((k, out, v) -> {
            k.writeClassAndObject(out, v.getGenericDeclaration());
            out.writeHeapString(v.getName());
        }, (k, in) -> {
            Object declaration = k.readClassAndObject(in);
            String name = in.readHeapString();
            if (declaration instanceof GenericDeclaration) {
                for (TypeVariable<?> v : ((GenericDeclaration) declaration).getTypeParameters()) {
                    if (v.getName().equals(name)) {
                        return v;
                    }
                }
            }
            throw new CorruptData("no type variable " + name + " in " + declaration);
        });
    }

    static HeapSerializer<ParameterizedType> parameterizedType() {
        return HeapSerializer.fromContent((k, out, t) -> {
            refuseWithoutFactory(k, t, PARAMETERIZED);
            k.writeClassAndObject(out, t.getRawType());
            k.writeClassAndObject(out, t.getOwnerType());
            k.writeClassAndObject(out, t.getActualTypeArguments());
        }, (k, in) -> {
            Object raw = k.readClassAndObject(in);
            Object owner = k.readClassAndObject(in);
            Type[] args = types(k.readClassAndObject(in));
            if (!(raw instanceof Class) || owner != null && !(owner instanceof Type)) {
                throw new CorruptData("a parameterized type's parts are not types");
            }
            return (ParameterizedType) make(PARAMETERIZED, raw, args, owner);
        });
    }

    static HeapSerializer<GenericArrayType> genericArrayType() {
        return HeapSerializer.fromContent((k, out, t) -> {
            refuseWithoutFactory(k, t, GENERIC_ARRAY);
            k.writeClassAndObject(out, t.getGenericComponentType());
        }, (k, in) -> {
            Object component = k.readClassAndObject(in);
            if (!(component instanceof Type)) {
                throw new CorruptData("a generic array type's component is not a type");
            }
            return (GenericArrayType) make(GENERIC_ARRAY, component);
        });
    }

    static HeapSerializer<WildcardType> wildcardType() {
        return HeapSerializer.fromContent((k, out, t) -> {
            k.writeClassAndObject(out, t.getUpperBounds());
            k.writeClassAndObject(out, t.getLowerBounds());
        }, (k, in) -> new RestoredWildcardType(types(k.readClassAndObject(in)), types(k.readClassAndObject(in))));
    }

    private static Type[] types(Object array) {
        if (!(array instanceof Object[])) {
            throw new CorruptData("a generic type's parts are not types");
        }
        Object[] a = (Object[]) array;
        Type[] types = new Type[a.length];
        for (int i = 0; i < a.length; i++) {
            if (!(a[i] instanceof Type)) {
                throw new CorruptData("a generic type's part is not a type");
            }
            types[i] = (Type) a[i];
        }
        return types;
    }

    /** A reference queue as heaps written before {@link ReferenceSerializer#queue()} hold it: empty. */
    @SuppressWarnings("rawtypes")
    static HeapSerializer<ReferenceQueue> referenceQueue() {
        return HeapSerializer.of((k, out, q) -> { }, (k, in) -> new ReferenceQueue<>());
    }

    @SuppressWarnings("deprecation")
    private static void writeMember(HeapKryo k, HeapOutput out, AccessibleObject member, String name, String desc) {
        Class<?> owner = ((java.lang.reflect.Member) member).getDeclaringClass();
        k.classes.writeTypeName(out, owner);
        out.writeHeapString(name);
        out.writeHeapString(desc);
        out.writeBoolean(member.isAccessible());
    }

    private static <T extends AccessibleObject> T accessible(T member, boolean accessible) {
        if (accessible) {
            member.trySetAccessible();
        }
        return member;
    }

    private static String descriptor(Executable e) {
        Class<?> ret = e instanceof Method ? ((Method) e).getReturnType() : void.class;
        return MethodType.methodType(ret, e.getParameterTypes()).toMethodDescriptorString();
    }
}
