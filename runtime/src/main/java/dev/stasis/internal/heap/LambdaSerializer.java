package dev.stasis.internal.heap;

import java.lang.invoke.CallSite;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;

/**
 * A lambda or method reference. The agent makes every lambda in instrumented code serializable
 * (javac does the same for Serializable intersection casts), so its class has a private
 * writeReplace() returning a {@link SerializedLambda}: capturing class, functional interface,
 * implementation method and captured arguments (which are part of the graph). The reader
 * re-creates the lambda through {@link LambdaMetafactory#altMetafactory} with FLAG_SERIALIZABLE
 * (so it can be checkpointed again) in the capturing class's private lookup, or through the
 * capturing class's own $deserializeLambda$ where that is not possible. One call site per lambda
 * shape, so restoring a million lambdas spins one class, not a million.
 */
final class LambdaSerializer extends HeapSerializer<Object> {

    /**
     * JDK classes whose serializable lambdas (comparators, mostly) may be restored. A restored
     * lambda runs code with its capturing class's access, so the reader accepts application
     * classes (the caller's predicate) and only these JDK ones.
     */
    private static final java.util.Set<String> JDK_CAPTURING = java.util.Set.of("java.util.Comparator",
            "java.util.Map$Entry", "java.util.Comparators", "java.util.Collections");

    private final Method writeReplace;
    private final Map<String, MethodHandle> factories = new HashMap<>();

    /** @param writeReplace the lambda class's writeReplace, or null for the reading side */
    LambdaSerializer(Method writeReplace) {
        this.writeReplace = writeReplace;
    }

    /** The accessible writeReplace of a serializable lambda class, or null. */
    static Method writeReplaceOf(Class<?> type) {
        try {
            Method m = type.getDeclaredMethod("writeReplace");
            if (m.getReturnType() != Object.class) {
                return null;
            }
            m.setAccessible(true);
            return m;
        } catch (NoSuchMethodException | RuntimeException e) {
            return null;
        }
    }

    @Override
    boolean builtFromContent() {
        return true;
    }

    @Override
    void write(HeapKryo kryo, HeapOutput out, Object lambda) {
        SerializedLambda s;
        try {
            s = (SerializedLambda) writeReplace.invoke(lambda);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw kryo.path.refuse(lambda, "its serialized form is not available (" + e + ").");
        }
        out.writeHeapString(s.getCapturingClass());
        out.writeHeapString(s.getFunctionalInterfaceClass());
        out.writeHeapString(s.getFunctionalInterfaceMethodName());
        out.writeHeapString(s.getFunctionalInterfaceMethodSignature());
        out.writeVarInt(s.getImplMethodKind(), true);
        out.writeHeapString(s.getImplClass());
        out.writeHeapString(s.getImplMethodName());
        out.writeHeapString(s.getImplMethodSignature());
        out.writeHeapString(s.getInstantiatedMethodType());
        out.writeVarInt(s.getCapturedArgCount(), true);
        for (int i = 0; i < s.getCapturedArgCount(); i++) {
            kryo.writeClassAndObject(out, s.getCapturedArg(i));
        }
    }

    @Override
    Object read(HeapKryo kryo, HeapInput in) {
        String capturing = in.readHeapString();
        String fi = in.readHeapString();
        String fiMethod = in.readHeapString();
        String fiSignature = in.readHeapString();
        int kind = in.readVarInt(true);
        String implClass = in.readHeapString();
        String implMethod = in.readHeapString();
        String implSignature = in.readHeapString();
        String instantiated = in.readHeapString();
        int n = in.readSlots();
        Object[] args = new Object[n];
        for (int i = 0; i < n; i++) {
            args[i] = kryo.readClassAndObject(in);
        }
        Class<?> capturingClass = kryo.classes.resolveName(capturing.replace('/', '.'));
        if (Classifier.isJdk(capturingClass) && !JDK_CAPTURING.contains(capturingClass.getName())) {
            throw new CorruptData("a lambda captured in JDK class " + capturingClass.getName()
                    + ", which has no serializable lambdas Stasis restores");
        }
        String key = String.join("\u0000", capturing, fi, fiMethod, fiSignature, String.valueOf(kind), implClass,
                implMethod, implSignature, instantiated, String.valueOf(n));
        MethodHandle factory = factories.get(key);
        if (factory == null) {
            try {
                factory = metafactory(kryo, capturingClass, fi, fiMethod, fiSignature, kind, implClass, implMethod,
                        implSignature, instantiated, n);
                factories.put(key, factory);
            } catch (Throwable e) {
                return deserializeLambda(capturingClass, new SerializedLambda(capturingClass, fi, fiMethod, fiSignature,
                        kind, implClass, implMethod, implSignature, instantiated, args), e);
            }
        }
        try {
            return factory.invokeWithArguments(args);
        } catch (Throwable e) {
            throw new CorruptData("cannot re-create a lambda of " + capturing + " (" + implMethod + "): " + e, e);
        }
    }

    static MethodHandle metafactory(HeapKryo kryo, Class<?> capturing, String fi, String fiMethod,
            String fiSignature, int kind, String implClassName, String implMethod, String implSignature,
            String instantiated, int captured) throws Throwable {
        ClassLoader cl = capturing.getClassLoader();
        MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(capturing, MethodHandles.lookup());
        Class<?> fiClass = kryo.classes.resolveName(fi.replace('/', '.'));
        if (!fiClass.isInterface()) {
            throw new CorruptData(fi + " is not an interface");
        }
        Class<?> impl = kryo.classes.resolveName(implClassName.replace('/', '.'));
        MethodType implType = MethodType.fromMethodDescriptorString(implSignature, cl);
        MethodHandle implHandle;
        switch (kind) {
            case MethodHandleInfo.REF_invokeStatic:
                implHandle = lookup.findStatic(impl, implMethod, implType);
                break;
            case MethodHandleInfo.REF_invokeVirtual:
            case MethodHandleInfo.REF_invokeInterface:
                implHandle = lookup.findVirtual(impl, implMethod, implType);
                break;
            case MethodHandleInfo.REF_invokeSpecial:
                implHandle = impl == capturing ? lookup.findSpecial(impl, implMethod, implType, capturing)
                        : lookup.findVirtual(impl, implMethod, implType);
                break;
            case MethodHandleInfo.REF_newInvokeSpecial:
                implHandle = lookup.findConstructor(impl, implType);
                break;
            default:
                throw new CorruptData("bad method handle kind " + kind);
        }
        MethodType handleType = implHandle.type();
        if (captured > handleType.parameterCount()) {
            throw new CorruptData("more captured arguments than the implementation method takes");
        }
        MethodType factoryType = MethodType.methodType(fiClass, handleType.parameterList().subList(0, captured));
        CallSite site = LambdaMetafactory.altMetafactory(lookup, fiMethod, factoryType,
                MethodType.fromMethodDescriptorString(fiSignature, cl), implHandle,
                MethodType.fromMethodDescriptorString(instantiated, cl), LambdaMetafactory.FLAG_SERIALIZABLE);
        return site.getTarget();
    }

    private static Object deserializeLambda(Class<?> capturing, SerializedLambda s, Throwable first) {
        try {
            Method m = capturing.getDeclaredMethod("$deserializeLambda$", SerializedLambda.class);
            m.setAccessible(true);
            return m.invoke(null, s);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new CorruptData("cannot re-create a lambda of " + capturing.getName() + " (" + s.getImplMethodName()
                    + "): " + first, first);
        }
    }
}
