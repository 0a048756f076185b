package dev.stasis.internal.heap;

import java.lang.invoke.MethodType;
import java.lang.ref.ReferenceQueue;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;

/**
 * Reflective members written by meaning: the declaring class, the name and the descriptor (and
 * whether it had been made accessible), resolved to the same member in the reading JVM.
 * Interpreters and frameworks keep such handles in their data structures. A ReferenceQueue is
 * written as empty: which references the collector has enqueued is this JVM's business.
 */
final class ReflectionSerializers {

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
                    throw new CorruptData("no method " + owner.getName() + "." + name + desc);
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
            throw new CorruptData("no constructor " + owner.getName() + desc);
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
                    throw new CorruptData("no field " + owner.getName() + "." + name);
                });
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
