package dev.stasis.internal.heap;

/**
 * The heap names a JDK class, method, constructor or field that the JDK reading it does not have:
 * the checkpoint was written on another JDK, and the program's state held it (a {@code Class}
 * object in a library's type cache: Jackson keeps {@code java.util.SequencedCollection}, new in
 * Java 21, among the supertypes of every list type it has seen; a {@code Method} in a library's
 * reflection cache: Groovy's metaclasses keep JDK 17's package-private {@code Long.getChars}, gone
 * in later JDKs). Nothing is damaged; the file can be restored on a JDK that has it.
 * {@link HeapReader} says so instead of calling the heap damaged.
 */
final class NotInThisJdk extends CorruptData {
    private static final long serialVersionUID = 1L;

    private NotInThisJdk(String what) {
        super("it refers to " + what + ", which this Java runtime (" + System.getProperty("java.runtime.version")
                + ") does not have: the checkpoint was written on another JDK, and the program's state held it (in a"
                + " library's cache, say). Restore it on a JDK that has it, such as the one it was written on (stasis"
                + " inspect names it)");
    }

    static NotInThisJdk ofClass(String className) {
        return new NotInThisJdk("the JDK class " + className);
    }

    /** A class whose class file (compiled at run time, carried in the checkpoint) is for a newer Java. */
    static NotInThisJdk ofClassFile(String className) {
        return new NotInThisJdk("the class " + className + " in a class file version for a newer Java (the program"
                + " compiled or generated it at run time, on the JDK that wrote the checkpoint)");
    }

    /** {@code member}: as a message shows it, {@code java.lang.Long.getChars(JI[B)I}. */
    static NotInThisJdk ofMember(String member) {
        return new NotInThisJdk("the JDK's " + member);
    }
}
