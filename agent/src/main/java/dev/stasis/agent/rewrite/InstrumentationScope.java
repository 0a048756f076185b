package dev.stasis.agent.rewrite;

import dev.stasis.internal.classes.CarriedClasses;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.Opcodes;

/**
 * Which classes Stasis rewrites, and which calls can lead into rewritten code. JDK classes (every
 * package of the boot layer's modules), Stasis itself and its relocated dependencies are never
 * rewritten; {@code include} narrows the rewritten packages, {@code exclude} removes some.
 */
public final class InstrumentationScope {

    /** The public API's class: its checkpoint() call is a checkpoint point. */
    static final String API_CLASS = "dev/stasis/Stasis";

    /** Every package of the boot layer's modules: fixed for the JVM's life. */
    private static final Set<String> JDK_PACKAGES = jdkPackages();

    private final List<String> include;
    private final List<String> exclude;

    /**
     * @param include package prefixes in dotted form ({@code com.acme}); empty means everything
     * @param exclude package prefixes in dotted form
     */
    public InstrumentationScope(List<String> include, List<String> exclude) {
        this.include = internal(include);
        this.exclude = internal(exclude);
    }

    private static Set<String> jdkPackages() {
        Set<String> packages = new HashSet<>();
        for (Module m : ModuleLayer.boot().modules()) {
            for (String p : m.getPackages()) {
                packages.add(p.replace('.', '/'));
            }
        }
        return packages;
    }

    /** The options this scope was made from, for {@link RewriteCache#identity}. */
    String describe() {
        return "include=" + include + " exclude=" + exclude;
    }

    private static List<String> internal(List<String> prefixes) {
        List<String> internal = new ArrayList<>(prefixes.size());
        for (String p : prefixes) {
            internal.add(p.replace('.', '/'));
        }
        return internal;
    }

    /** Whether the class with this internal name, defined by {@code loader}, is rewritten. */
    public boolean isInstrumented(ClassLoader loader, String internalName) {
        if (internalName == null) {
            return false;
        }
        if (loader == null || loader == ClassLoader.getPlatformClassLoader()) {
            return false;
        }
        return isApplicationClass(internalName);
    }

    /**
     * Whether checkpoints carry the class file of the class with this internal name as {@code
     * loader} defines it ({@link CarriedClasses}): a loader of the program's own defines it, and it
     * is not the JDK's (the accessors its reflection generates in loaders of their own), Stasis's,
     * or a proxy or lambda class, which the JDK generates again from its interfaces. Packages the
     * {@code exclude} option names are carried: they are not rewritten, but still needed.
     */
    public boolean isCarried(ClassLoader loader, String internalName) {
        if (internalName == null || !CarriedClasses.carries(loader) || internalName.startsWith("dev/stasis/")
                || internalName.contains("$$Lambda") || internalName.startsWith("jdk/proxy")
                || internalName.startsWith("com/sun/proxy/")) {
            return false;
        }
        return !isJdkClass(internalName);
    }

    /** Whether a class name (internal form) is in a package of the JDK's modules. */
    static boolean isJdkClass(String internalName) {
        int slash = internalName.lastIndexOf('/');
        return JDK_PACKAGES.contains(slash < 0 ? "" : internalName.substring(0, slash));
    }

    /** Whether a class name (internal form) belongs to the application rather than the JDK or Stasis. */
    boolean isApplicationClass(String internalName) {
        if (internalName.startsWith("[") || internalName.startsWith("dev/stasis/")
                || internalName.contains("$$Lambda") || internalName.startsWith("jdk/proxy")
                || internalName.startsWith("com/sun/proxy/")) {
            return false;
        }
        if (isJdkClass(internalName)) {
            return false;
        }
        for (String e : exclude) {
            if (matches(internalName, e)) {
                return false;
            }
        }
        if (include.isEmpty()) {
            return true;
        }
        for (String i : include) {
            if (matches(internalName, i)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String internalName, String prefix) {
        return internalName.startsWith(prefix)
                && (internalName.length() == prefix.length() || internalName.charAt(prefix.length()) == '/'
                        || prefix.endsWith("/"));
    }

    /**
     * Whether a call may enter rewritten code directly (with no JDK frame in between), so that a
     * frame can be captured while it executes: a call to an application class, or a virtual call
     * on a JDK type whose target an application class may implement (a Runnable, a List...), but
     * not a call to a leaf of the class being rewritten ({@link ClassHierarchy#exactLeaves}).
     * Calls into code that cannot reach a checkpoint get no handler: they cost nothing.
     */
    boolean mayEnterInstrumentedCode(int opcode, String owner, String name, String desc, ClassHierarchy hierarchy) {
        if (owner.equals(API_CLASS)) {
            return name.equals("checkpoint") && desc.equals("()Ldev/stasis/Stasis$Outcome;");
        }
        if (owner.startsWith("[")) {
            return false;
        }
        if (isApplicationClass(owner)) {
            return !hierarchy.isExactLeaf(owner, name, desc);
        }
        if (opcode == Opcodes.INVOKESTATIC || opcode == Opcodes.INVOKESPECIAL || owner.startsWith("dev/stasis/")) {
            return false;
        }
        return hierarchy.mayBeOverridden(owner, name, desc);
    }
}
