package dev.stasis.internal.classes;

import java.util.Map;

/**
 * Defines, in a restored JVM, the classes a checkpoint carries ({@link CarriedClasses}): a child
 * of the system class loader, so the application's and the JDK's classes come from where they
 * always do and a carried class that names them links to them; a carried class is defined from
 * its class file the first time something asks for it, by its name in the heap, a frame or a
 * static field, or from another carried class. The agent rewrites it as it is defined, as it did
 * in the JVM that wrote the checkpoint.
 */
public final class CarriedClassLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final Map<String, byte[]> classFiles;

    private CarriedClassLoader(Map<String, byte[]> classFiles) {
        super("stasis-restored", ClassLoader.getSystemClassLoader());
        this.classFiles = Map.copyOf(classFiles);
    }

    /** The loader a restore looks classes up in: the system class loader when nothing is carried. */
    public static ClassLoader over(Map<String, byte[]> classFiles) {
        return classFiles.isEmpty() ? ClassLoader.getSystemClassLoader() : new CarriedClassLoader(classFiles);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] b = classFiles.get(name);
        if (b == null) {
            throw new ClassNotFoundException(name);
        }
        return defineClass(name, b, 0, b.length);
    }
}
