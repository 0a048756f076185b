package dev.stasis.agent.rewrite;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Answers type-hierarchy questions about classes without loading them. A transformer must not
 * load classes (it runs inside class loading: ClassCircularityError, wrong loader), so the answers
 * come from the class files themselves, found as resources of the defining loader ({@code .class}
 * resources are never encapsulated by the module system, JDK classes included).
 */
final class ClassHierarchy {

    /** What the hierarchy needs to know about one class. */
    static final class Info {
        final String name;
        final String superName;
        final String[] interfaces;
        final int access;
        /** {@code name + desc} of the methods declared final or private or static. */
        final Set<String> nonOverridable;
        /** {@code name + desc} of the abstract methods declared here (for functional interfaces). */
        final Set<String> abstractMethods;
        /** Whether the class declares constructors and all of them are private. */
        final boolean privateConstructors;
        /** The members of the nest this class hosts (JVMS 4.7.29), empty unless it is a nest's host. */
        final Set<String> nestMembers;
        /** The host of the nest this class belongs to (JVMS 4.7.28), or null when it is its own host. */
        final String nestHost;
        private long digest;

        Info(String name, String superName, String[] interfaces, int access, Set<String> nonOverridable,
                Set<String> abstractMethods, boolean privateConstructors, Set<String> nestMembers, String nestHost) {
            this.name = name;
            this.superName = superName;
            this.interfaces = interfaces;
            this.access = access;
            this.nonOverridable = nonOverridable;
            this.abstractMethods = abstractMethods;
            this.privateConstructors = privateConstructors;
            this.nestMembers = nestMembers;
            this.nestHost = nestHost;
        }

        boolean isInterface() {
            return (access & Opcodes.ACC_INTERFACE) != 0;
        }

        boolean isFinal() {
            return (access & Opcodes.ACC_FINAL) != 0;
        }

        /**
         * A 64-bit FNV-1a hash of everything above, never 0 (0 stands for a class not found): a
         * cached rewrite is reused only while every class it consulted has the same digest.
         */
        long digest() {
            long h = digest;
            if (h == 0) {
                StringBuilder canonical = new StringBuilder(name).append('|').append(superName).append('|')
                        .append(access);
                for (String i : interfaces) {
                    canonical.append('|').append(i);
                }
                canonical.append("|final");
                appendSorted(canonical, nonOverridable);
                canonical.append("|abstract");
                appendSorted(canonical, abstractMethods);
                canonical.append("|private constructors ").append(privateConstructors).append("|nest ")
                        .append(nestHost);
                appendSorted(canonical, nestMembers);
                h = 0xcbf29ce484222325L;
                for (int k = 0; k < canonical.length(); k++) {
                    h = (h ^ canonical.charAt(k)) * 0x100000001b3L;
                }
                h = h == 0 ? 1 : h;
                digest = h;
            }
            return h;
        }

        private static void appendSorted(StringBuilder out, Set<String> members) {
            String[] sorted = members.toArray(new String[0]);
            Arrays.sort(sorted);
            for (String m : sorted) {
                out.append('|').append(m);
            }
        }
    }

    /**
     * The exported JDK classes (java.*, javax.*) whose methods' overridability differs between JDK
     * 17 and 25, while the hierarchy's answers read the running JDK's class files: a class made
     * final ({@code java.lang.Package}, {@code java.awt.ScrollPaneAdjustable}: no public
     * constructor, so no application subclass either way), made sealed ({@code MethodHandle}), or
     * opened for the JDK's own subclasses ({@code java.io.Console}, {@code VarHandle}). Their methods
     * count as overridable on every JDK, so a call to one is a call site on both and a frame
     * written on one JDK reads back on the other (a call site more only costs its handler). The
     * list is what comparing the answers for every public method of every public class of both
     * JDKs gives; classes whose constructors are all private are handled by
     * {@link #closedByItsConstructors} instead ({@code java.lang.Runtime}).
     */
    private static final Set<String> FINALITY_CHANGED = Set.of("java/awt/PointerInfo",
            "java/awt/ScrollPaneAdjustable", "java/awt/color/ICC_ProfileGray", "java/awt/color/ICC_ProfileRGB",
            "java/awt/dnd/DropTargetContext", "java/io/Console", "java/io/ObjectStreamClass", "java/lang/Package",
            "java/lang/invoke/MethodHandle", "java/lang/invoke/VarHandle", "java/lang/module/ModuleDescriptor",
            "java/net/InterfaceAddress", "java/util/concurrent/ConcurrentHashMap$KeySetView",
            "javax/sound/midi/Track", "javax/swing/GroupLayout$SequentialGroup", "javax/swing/ToolTipManager",
            "javax/swing/text/html/FormSubmitEvent", "javax/swing/text/html/StyleSheet$BoxPainter",
            "javax/swing/text/html/StyleSheet$ListPainter");

    private static final Info UNKNOWN = new Info("?", null, new String[0], 0, Set.of(), Set.of(), false, Set.of(),
            null);
    private static final Map<ClassLoader, Map<String, Info>> BY_LOADER = new WeakHashMap<>();
    private static final Map<String, Info> BOOT = new ConcurrentHashMap<>();

    private final ClassLoader loader;
    private final Map<String, Info> cache;
    /** Receives the digest of each class consulted (0: not found), or null. */
    private final Map<String, Long> consulted;
    private String leavesOwner;
    private Set<String> leaves = Set.of();

    /**
     * @param consulted receives, for each class whose facts an answer used, {@link Info#digest} of
     *     what was found (0 for a class not found); null when nobody needs to know
     */
    ClassHierarchy(ClassLoader loader, Map<String, Long> consulted) {
        this.loader = loader;
        this.consulted = consulted;
        if (loader == null) {
            cache = BOOT;
        } else {
            synchronized (BY_LOADER) {
                cache = BY_LOADER.computeIfAbsent(loader, l -> new ConcurrentHashMap<>());
            }
        }
    }

    /** Makes the class being transformed known before it can be found as a resource. */
    void define(byte[] classFile) {
        Info info = parse(classFile);
        cache.put(info.name, info);
    }

    /**
     * Tells which methods ({@code name + desc}) of {@code owner}, the class being rewritten, are
     * leaves called exactly: static, private or final (or of a final class), so that a call naming
     * {@code owner} runs that very code (JVMS 5.4.6), and without a call, a loop or a
     * {@code @Checkpoint}, so that they are never rewritten and never reach a safe point. A call
     * to one cannot enter instrumented code, and no frame can be captured while it runs; a class
     * initializer it triggers runs in a frame no checkpoint captures either (initializers are not
     * instrumented).
     */
    void exactLeaves(String owner, Set<String> methods) {
        leavesOwner = owner;
        leaves = methods;
    }

    /** Whether {@code owner.name desc} is one of the leaves {@link #exactLeaves} was told about. */
    boolean isExactLeaf(String owner, String name, String desc) {
        return owner.equals(leavesOwner) && leaves.contains(name + desc);
    }

    /**
     * The type code in class {@code from} can cast a value of {@code type} to: {@code type} itself
     * when {@code from} may name it (it is public, or in {@code from}'s package: JVMS 5.4.4), else
     * its nearest superclass that {@code from} may name. A type inferred by merging two branches
     * can be a class the code never names, such as the package-private superclass of two public
     * classes of another package (jsoup's {@code LeafNode} above {@code TextNode} and {@code
     * DataNode}): a {@code checkcast} to it fails with IllegalAccessError when it runs, while its
     * accessible superclass satisfies every use the code can make of the value.
     */
    Type accessibleType(Type type, String from) {
        if (type.getSort() == Type.ARRAY) {
            Type element = accessibleType(type.getElementType(), from);
            return element.equals(type.getElementType()) ? type
                    : Type.getType("[".repeat(type.getDimensions()) + element.getDescriptor());
        }
        if (type.getSort() != Type.OBJECT) {
            return type;
        }
        String name = type.getInternalName();
        while (name != null && !mayName(name, from)) {
            Info info = info(name);
            if (info == null) {
                return type;
            }
            name = info.superName;
        }
        return name == null ? type : Type.getObjectType(name);
    }

    /** Whether code in class {@code from} may name class {@code name} (JVMS 5.4.4), as far as its class file tells. */
    boolean mayName(String name, String from) {
        if (packageOf(name).equals(packageOf(from))) {
            return true;
        }
        Info info = info(name);
        return info == null || (info.access & Opcodes.ACC_PUBLIC) != 0;
    }

    private static String packageOf(String internalName) {
        int slash = internalName.lastIndexOf('/');
        return slash < 0 ? "" : internalName.substring(0, slash);
    }

    /** The class's info, or null when its class file cannot be found. */
    Info info(String internalName) {
        Info info = cache.get(internalName);
        if (info == null) {
            info = read(internalName);
            cache.put(internalName, info);
        }
        if (consulted != null && !consulted.containsKey(internalName)) {
            consulted.put(internalName, info == UNKNOWN ? 0L : info.digest());
        }
        return info == UNKNOWN ? null : info;
    }

    boolean isInterface(String internalName) {
        Info info = info(internalName);
        return info != null && info.isInterface();
    }

    String superName(String internalName) {
        Info info = info(internalName);
        return info == null ? null : info.superName;
    }

    /** Whether a value of type {@code sub} can be assigned to type {@code sup} (both classes). */
    boolean isAssignable(String sup, String sub) {
        if (sup.equals(sub) || sup.equals("java/lang/Object")) {
            return true;
        }
        Set<String> seen = new HashSet<>();
        return reaches(sub, sup, seen);
    }

    private boolean reaches(String from, String target, Set<String> seen) {
        if (from == null || !seen.add(from)) {
            return false;
        }
        if (from.equals(target)) {
            return true;
        }
        Info info = info(from);
        if (info == null) {
            return false;
        }
        if (reaches(info.superName, target, seen)) {
            return true;
        }
        for (String i : info.interfaces) {
            if (reaches(i, target, seen)) {
                return true;
            }
        }
        return false;
    }

    /** The nearest common superclass of two classes; interfaces merge to Object (JVMS 4.10.1.2). */
    String commonSuperClass(String a, String b) {
        if (isAssignable(a, b)) {
            return a;
        }
        if (isAssignable(b, a)) {
            return b;
        }
        if (isInterface(a) || isInterface(b)) {
            return "java/lang/Object";
        }
        String s = superName(a);
        while (s != null) {
            if (isAssignable(s, b)) {
                return s;
            }
            s = superName(s);
        }
        return "java/lang/Object";
    }

    /**
     * Whether a virtual call to {@code owner.name desc} may dispatch to a method that a subclass
     * (possibly application code) overrides.
     */
    boolean mayBeOverridden(String owner, String name, String desc) {
        Info info = info(owner);
        if (info == null) {
            return true;
        }
        if (FINALITY_CHANGED.contains(owner)) {
            return true;
        }
        if (!info.isInterface() && (info.isFinal() || closedByItsConstructors(info))) {
            return false;
        }
        String key = name + desc;
        String c = owner;
        Set<String> seen = new HashSet<>();
        while (c != null && seen.add(c)) {
            Info ci = info(c);
            if (ci == null || FINALITY_CHANGED.contains(c)) {
                return true;
            }
            if (ci.nonOverridable.contains(key)) {
                return false;
            }
            c = ci.superName;
        }
        return true;
    }

    /**
     * Whether no class outside {@code info}'s nest can extend it: all its constructors are private
     * (JVMS 5.4.4: only nestmates may call them) and none of its nestmates extends it. Such a
     * class is final in all but name, and the JDK makes such classes final over time
     * ({@code java.lang.Runtime} is final in JDK 25, not in 17). Answering from the declared
     * {@code final} alone made calls on them call sites on one JDK and not on the other, so a frame
     * written on one could not be read back on the other.
     */
    private boolean closedByItsConstructors(Info info) {
        if (!info.privateConstructors) {
            return false;
        }
        Set<String> nest = new HashSet<>();
        if (info.nestHost == null) {
            nest.addAll(info.nestMembers);
        } else {
            Info host = info(info.nestHost);
            if (host == null) {
                return false;
            }
            nest.add(info.nestHost);
            nest.addAll(host.nestMembers);
        }
        for (String member : nest) {
            Info m = member.equals(info.name) ? info : info(member);
            if (m == null || info.name.equals(m.superName)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the interface has exactly one abstract method, so lambdas can implement it. */
    boolean isFunctionalInterface(String internalName) {
        Info info = info(internalName);
        if (info == null || !info.isInterface()) {
            return info == null;
        }
        Set<String> abstracts = new HashSet<>();
        Set<String> seen = new HashSet<>();
        collectAbstract(internalName, abstracts, seen);
        abstracts.removeIf(m -> m.equals("equals(Ljava/lang/Object;)Z") || m.equals("hashCode()I")
                || m.equals("toString()Ljava/lang/String;"));
        return abstracts.size() == 1;
    }

    private void collectAbstract(String name, Set<String> out, Set<String> seen) {
        if (name == null || !seen.add(name)) {
            return;
        }
        Info info = info(name);
        if (info == null) {
            return;
        }
        out.addAll(info.abstractMethods);
        for (String i : info.interfaces) {
            collectAbstract(i, out, seen);
        }
    }

    private Info read(String internalName) {
        String resource = internalName + ".class";
        try (InputStream in = loader != null ? loader.getResourceAsStream(resource)
                : ClassLoader.getSystemResourceAsStream(resource)) {
            if (in == null) {
                return UNKNOWN;
            }
            return parse(in.readAllBytes());
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
    }

    private static Info parse(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        Set<String> nonOverridable = new HashSet<>();
        Set<String> abstractMethods = new HashSet<>();
        Set<String> nestMembers = new HashSet<>();
        String[] nestHost = new String[1];
        int[] constructors = new int[2];
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public void visitNestHost(String host) {
                nestHost[0] = host;
            }

            @Override
            public void visitNestMember(String nestMember) {
                nestMembers.add(nestMember);
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                if (name.equals("<init>")) {
                    constructors[0]++;
                    if ((access & Opcodes.ACC_PRIVATE) != 0) {
                        constructors[1]++;
                    }
                }
                if ((access & (Opcodes.ACC_FINAL | Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC)) != 0) {
                    nonOverridable.add(name + descriptor);
                }
                if ((access & Opcodes.ACC_ABSTRACT) != 0) {
                    abstractMethods.add(name + descriptor);
                }
                return null;
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return new Info(reader.getClassName(), reader.getSuperName(), reader.getInterfaces(), reader.getAccess(),
                nonOverridable, abstractMethods, constructors[0] > 0 && constructors[0] == constructors[1], nestMembers,
                nestHost[0]);
    }
}
