package dev.stasis.internal.heap;

import com.esotericsoftware.kryo.ClassResolver;
import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.stasis.internal.classes.ClassPathClasses;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * How classes appear in the heap. JDK types are written as the small fixed id of the serializer
 * that handles them (several JDK classes share one, e.g. every java.util iterator), so the reader
 * can only ever produce the JDK objects those serializers build. Application classes are written
 * by name, once per graph and by number after that; the reader resolves a name only if it is a
 * JDK class (found by the platform loader, which never sees application code) or if the caller's
 * predicate allows it, before the class is even loaded.
 *
 * <p>Wire form of a class: varint 0 = null, 1 = by name (then a type name), n+2 = fixed id n.
 */
final class HeapClassResolver implements ClassResolver {

    static final int NAME = -1;

    private final Classifier classifier;
    private final ClassLoader loader;
    private final Predicate<String> classAllowed;

    private Registration[] byId = new Registration[256];
    private final IdentityHashMap<Class<?>, HeapRegistration> byClass = new IdentityHashMap<>();
    private static final int CACHE = 256;
    private final Class<?>[] cacheKeys = new Class<?>[CACHE];
    private final HeapRegistration[] cacheValues = new HeapRegistration[CACHE];
    private boolean ready;
    private int graph = 1;

    private final IdentityHashMap<Class<?>, Integer> namesWritten = new IdentityHashMap<>();
    /** Classes written as values in this graph, by name, with their identity hash codes (see {@link #writeClassValue}). */
    private final Map<String, Integer> classValuesWritten = new LinkedHashMap<>();
    private final List<Class<?>> namesRead = new ArrayList<>();
    /**
     * While reading: by name number, the registration of a class already read as an object's
     * class and found restorable, so that each further object of it costs one array load.
     */
    private HeapRegistration[] objectClassesRead = new HeapRegistration[64];
    private HeapKryo kryo;
    /** The heap's reference table, told for each class read whether its object is built from its content. */
    IdentityReferences references;

    HeapClassResolver(Classifier classifier, ClassLoader loader, Predicate<String> classAllowed) {
        this.classifier = classifier;
        this.loader = loader;
        this.classAllowed = classAllowed;
    }

    @Override
    public void setKryo(Kryo kryo) {
        this.kryo = (HeapKryo) kryo;
    }

    @Override
    public Registration register(Registration registration) {
        HeapRegistration r = registration instanceof HeapRegistration
                ? (HeapRegistration) registration
                : new HeapRegistration(registration.getType(), registration.getSerializer(), registration.getId());
        if (r.getId() >= byId.length) {
            byId = java.util.Arrays.copyOf(byId, r.getId() * 2);
        }
        byId[r.getId()] = r;
        byClass.put(r.getType(), r);
        if (r.getType().isPrimitive()) {
            byClass.put(wrapper(r.getType()), r);
        }
        java.util.Arrays.fill(cacheKeys, null);
        return r;
    }

    /** Maps {@code type} to an existing registration (several JDK classes share one fixed id). */
    void alias(Class<?> type, HeapRegistration r) {
        byClass.put(type, r);
    }

    @Override
    public Registration unregister(int classID) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Registration registerImplicit(Class type) {
        return registrationFor(type);
    }

    /** Kryo's lookup; during Kryo's own construction (before {@link #ready}) only explicit registrations exist. */
    @Override
    public Registration getRegistration(Class type) {
        return ready ? registrationFor(type) : byClass.get(type);
    }

    void ready() {
        ready = true;
    }

    @Override
    public Registration getRegistration(int classID) {
        return classID >= 0 && classID < byId.length ? byId[classID] : null;
    }

    /**
     * The registration of {@code type}; a small direct-mapped cache in front of the map, since a
     * graph alternates between a few classes (a node, its strings, its list...) millions of times.
     */
    HeapRegistration registrationFor(Class<?> type) {
        int slot = System.identityHashCode(type) & (CACHE - 1);
        if (cacheKeys[slot] == type) {
            return cacheValues[slot];
        }
        HeapRegistration r = byClass.get(type);
        if (r == null) {
            r = classifier.classify(type);
            byClass.put(type, r);
        }
        cacheKeys[slot] = type;
        cacheValues[slot] = r;
        return r;
    }

    @Override
    public Registration writeClass(Output output, Class type) {
        if (type == null) {
            output.writeByte(0);
            return null;
        }
        HeapRegistration r = registrationFor(type);
        writeRegistration((HeapOutput) output, r);
        return r;
    }

    void writeRegistration(HeapOutput output, HeapRegistration r) {
        if (r.getId() == NAME) {
            output.writeByte(1);
            if (r.nameGraph == graph) {
                output.writeVarInt(r.nameId + 1, true);
            } else {
                r.nameGraph = graph;
                r.nameId = writeTypeName((HeapOutput) output, r.getType());
            }
        } else {
            output.writeVarInt(r.getId() + 2, true);
        }
    }

    @Override
    public Registration readClass(Input input) {
        Registration r = readRegistration(input);
        boolean built = r instanceof HeapRegistration && ((HeapRegistration) r).builtFromContent;
        references.nextBuiltFromContent = built;
        references.nextHashFrom = r instanceof HeapRegistration && ((HeapRegistration) r).identityHashed
                && references.carriesHashes ? (HeapInput) input : null;
        return r;
    }

    private Registration readRegistration(Input input) {
        int v = input.readVarInt(true);
        if (v == 0) {
            return null;
        }
        if (v == 1) {
            int name = input.readVarInt(true);
            if (name > 0 && name <= objectClassesRead.length && objectClassesRead[name - 1] != null) {
                return objectClassesRead[name - 1];
            }
            Class<?> c = readTypeName((HeapInput) input, name);
            if (Classifier.isJdk(c)) {
                throw new CorruptData("JDK class " + c.getName() + " named where an application class was expected");
            }
            HeapRegistration r = registrationFor(c);
            if (r.getId() != NAME || r.refusal != null || r.tokenMode != HeapRegistration.PLAIN) {
                throw new CorruptData("class " + c.getName() + " cannot be restored from a heap"
                        + (r.refusal != null ? ": " + r.refusal : ""));
            }
            int index = name > 0 ? name - 1 : namesRead.size() - 1;
            if (index >= objectClassesRead.length) {
                objectClassesRead = Arrays.copyOf(objectClassesRead, Math.max(index + 1,
                        2 * objectClassesRead.length));
            }
            objectClassesRead[index] = r;
            return r;
        }
        Registration r = getRegistration(v - 2);
        if (r == null) {
            throw new CorruptData("unknown class id " + (v - 2));
        }
        return r;
    }

    /**
     * Writes a class by name: varint 0 then the name and the class's identity hash code (its
     * hashCode, see {@link IdentityHashes}; read before anything reflects on the class, since the
     * JDK's reflection hashes the classes it filters) the first time in a graph, its number + 1
     * after. Returns the name's number.
     */
    int writeTypeName(HeapOutput out, Class<?> type) {
        Integer id = namesWritten.get(type);
        if (id != null) {
            out.writeVarInt(id + 1, true);
            return id;
        }
        if (!ClassPathClasses.found(type)) {
            throw kryo.path.refuse(type, ClassPathClasses.notFound(type));
        }
        int n = namesWritten.size();
        namesWritten.put(type, n);
        out.writeVarInt(0, true);
        out.writeHeapString(type.getName());
        out.writeInt(kryo.identityHashes.applyAsInt(type));
        if (!type.isArray() && !type.isPrimitive() && !Classifier.isJdk(type)) {
            out.writeInt(FieldLayout.of(type, true));
        }
        return n;
    }

    /**
     * Writes a {@code Class} object the program holds, by name, and notes its identity hash code
     * for the file's table of class hash codes: a class held as a value can be the key of a hash
     * table Stasis copies as it is (Clojure's multimethod tables, Guava's immutable maps), and the
     * restore gives it that code before anything in the new JVM can hash it (see
     * {@link ClassIdentityHashes}).
     */
    void writeClassValue(HeapOutput out, Class<?> type) {
        writeTypeName(out, type);
        if (!type.isPrimitive()) {
            classValuesWritten.putIfAbsent(type.getName(), kryo.identityHashes.applyAsInt(type));
        }
    }

    /**
     * The classes written as values in the current graph, with their identity hash codes, in the
     * order first written; cleared by {@link #reset}, so callers copy it first ({@link HeapStats} does).
     */
    Map<String, Integer> classValuesWritten() {
        return classValuesWritten;
    }

    /**
     * Reads a class written by {@link #writeTypeName}. Resolves JDK classes (platform loader) and
     * classes the caller allows; anything else is refused before it is loaded.
     */
    Class<?> readTypeName(HeapInput in) {
        return readTypeName(in, in.readVarInt(true));
    }

    /** {@link #readTypeName(HeapInput)} once its first varint, {@code v}, is read. */
    private Class<?> readTypeName(HeapInput in, int v) {
        if (v > 0) {
            if (v - 1 >= namesRead.size()) {
                throw new CorruptData("class name #" + (v - 1) + " was never defined");
            }
            return namesRead.get(v - 1);
        }
        if (v < 0) {
            throw new CorruptData("bad class name reference");
        }
        String name = in.readHeapString();
        Class<?> c = resolve(name);
        if (references.carriesHashes) {
            // before anything reflects on the class: the JDK's reflection filters hash it
            references.giveHashNow(c, in.readInt());
        }
        if (!c.isArray() && !c.isPrimitive() && !Classifier.isJdk(c)) {
            int written = in.readInt();
            if (written != FieldLayout.of(c, references.carriesHashes)) {
                throw new CorruptData("class " + c.getName() + " changed since the checkpoint: its instance fields (or"
                        + " those of its application superclasses) are not the ones the checkpoint holds values for;"
                        + " restore with the application's classes as they were");
            }
        }
        namesRead.add(c);
        return c;
    }

    /** Resolves a binary class name under the same rules as {@link #readTypeName}. */
    Class<?> resolveName(String name) {
        return resolve(name);
    }

    private Class<?> resolve(String name) {
        return resolve(name, loader, classAllowed);
    }

    /**
     * Resolves a binary class name: a JDK class (platform loader), or else, if {@code classAllowed}
     * admits it, a class of {@code loader}; throws CorruptData (NotInThisJdk for a java.* class
     * this JDK lacks) otherwise.
     */
    static Class<?> resolve(String name, ClassLoader loader, Predicate<String> classAllowed) {
        if (name.isEmpty() || name.length() > 4096) {
            throw new CorruptData("malformed class name");
        }
        Class<?> primitive = primitive(name);
        if (primitive != null) {
            return primitive;
        }
        String element = name;
        int dims = 0;
        while (element.startsWith("[")) {
            element = element.substring(1);
            dims++;
        }
        if (dims > 255) {
            throw new CorruptData("array class with too many dimensions");
        }
        if (dims > 0) {
            if (element.length() == 1 && "ZBCSIJFD".indexOf(element.charAt(0)) >= 0) {
                return load(name, ClassLoader.getPlatformClassLoader());
            }
            if (!element.startsWith("L") || !element.endsWith(";")) {
                throw new CorruptData("malformed array class name " + name);
            }
            element = element.substring(1, element.length() - 1);
        }
        try {
            Class.forName(element, false, ClassLoader.getPlatformClassLoader());
            return load(name, ClassLoader.getPlatformClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            if (element.startsWith("java.")) {
                // only the JDK defines classes in java.* packages (ClassLoader.defineClass refuses any other loader)
                throw NotInThisJdk.ofClass(element);
            }
            // not a JDK class: only the caller's predicate can admit it
        }
        boolean publicApi = element.startsWith("dev.stasis.") && element.indexOf('.', "dev.stasis.".length()) < 0;
        if (!publicApi && !classAllowed.test(element)) {
            throw new CorruptData("the heap names class " + element + ", which is not allowed in this checkpoint");
        }
        return load(name, loader);
    }

    private static Class<?> load(String name, ClassLoader l) {
        try {
            return Class.forName(name, false, l);
        } catch (UnsupportedClassVersionError e) {
            // a class the program compiled at run time, carried in the file, for a newer Java
            throw NotInThisJdk.ofClassFile(name);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new CorruptData("class " + name + " named in the heap cannot be loaded: " + e + " (if the program"
                    + " defined that class at run time in the application class loader, with Lookup.defineClass or"
                    + " Byte Buddy's injection, no checkpoint can carry it: define such classes with a class loader"
                    + " of the program's own)", e);
        }
    }

    private static Class<?> primitive(String name) {
        switch (name) {
            case "int": return int.class;
            case "long": return long.class;
            case "boolean": return boolean.class;
            case "byte": return byte.class;
            case "short": return short.class;
            case "char": return char.class;
            case "float": return float.class;
            case "double": return double.class;
            case "void": return void.class;
            default: return null;
        }
    }

    static Class<?> wrapper(Class<?> p) {
        if (p == int.class) return Integer.class;
        if (p == long.class) return Long.class;
        if (p == boolean.class) return Boolean.class;
        if (p == byte.class) return Byte.class;
        if (p == short.class) return Short.class;
        if (p == char.class) return Character.class;
        if (p == float.class) return Float.class;
        if (p == double.class) return Double.class;
        return Void.class;
    }

    @Override
    public void reset() {
        graph++;
        namesWritten.clear();
        classValuesWritten.clear();
        namesRead.clear();
        Arrays.fill(objectClassesRead, null);
    }
}
