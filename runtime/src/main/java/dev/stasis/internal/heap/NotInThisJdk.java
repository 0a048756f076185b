package dev.stasis.internal.heap;

/**
 * The heap names a JDK class that the JDK reading it does not have: the checkpoint was written on
 * a newer JDK, and the program's state held that class (a {@code Class} object in a library's
 * type cache, say: Jackson keeps {@code java.util.SequencedCollection}, new in Java 21, among the
 * supertypes of every list type it has seen). Nothing is damaged; the file can be restored on a
 * JDK that has the class. {@link HeapReader} says so instead of calling the heap damaged.
 */
final class NotInThisJdk extends CorruptData {
    private static final long serialVersionUID = 1L;

    NotInThisJdk(String className) {
        super("it refers to the JDK class " + className + ", which this Java runtime (" + System.getProperty(
                "java.runtime.version") + ") does not have: the checkpoint was written on a newer JDK, and the"
                + " program's state held that class (a Class object in a library's cache, say). Restore it on a JDK"
                + " that has the class, such as the one it was written on (stasis inspect names it)");
    }
}
