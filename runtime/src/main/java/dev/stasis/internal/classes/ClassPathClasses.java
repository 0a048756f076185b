package dev.stasis.internal.classes;

/**
 * Whether a class of the application class loader is one a restoring JVM finds by name on its
 * class path. A program (or a library: javassist's {@code toClass}, Byte Buddy's injection, CGLIB)
 * may also define classes in that loader at run time, with {@code MethodHandles.Lookup.defineClass};
 * the agent cannot tell those apart as they load (they come with their neighbour's protection
 * domain) without looking every class up on the class path, which would slow every start, and so
 * carries them in no checkpoint ({@link CarriedClasses} carries the classes of the program's own
 * loaders). A checkpoint that named one would fail its restore; so a checkpoint asks here, once
 * per class, about each class of that loader it would name, and refuses to name one that is not
 * found.
 */
public final class ClassPathClasses {

    private static final ClassValue<Boolean> FOUND = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> c) {
            ClassLoader loader = c.getClassLoader();
            // other loaders' classes are the JDK's or carried; a named module's load from the
            // module; a system class loader of the program's own (-Djava.system.class.loader) is
            // trusted to load by name what it defined, in the restoring JVM too
            if (loader == null || loader != ClassLoader.getSystemClassLoader() || c.getModule().isNamed()
                    || c.isHidden() || loader.getClass().getModule() != Object.class.getModule()) {
                return true;
            }
            return loader.getResource(c.getName().replace('.', '/') + ".class") != null;
        }
    };

    private ClassPathClasses() {
    }

    /** Whether a restoring JVM can load {@code c} by name (array classes: their element class). */
    public static boolean found(Class<?> c) {
        while (c.isArray()) {
            c = c.getComponentType();
        }
        return c.isPrimitive() || FOUND.get(c);
    }

    /** Why a checkpoint cannot name {@code c}, which {@link #found} did not find: cause and fix. */
    public static String notFound(Class<?> c) {
        return "the class " + c.getName() + " was defined at run time in the application class loader (by"
                + " MethodHandles.Lookup.defineClass: javassist's toClass, Byte Buddy's injection, CGLIB) and is not"
                + " on the class path, so a restoring JVM could not load it, and no checkpoint carries such classes."
                + " Define generated classes with a class loader of the program's own (javassist's"
                + " toClass(ClassLoader, ProtectionDomain) with a new loader, Byte Buddy's default WRAPPER strategy),"
                + " whose classes checkpoints carry.";
    }
}
