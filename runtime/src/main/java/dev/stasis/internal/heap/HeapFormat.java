package dev.stasis.internal.heap;

/**
 * Framing of a heap section: magic and version, the number of roots, the roots as one Kryo
 * graph, the late-bound references, an end marker. All integers big-endian or Kryo varints.
 */
final class HeapFormat {

    static final int MAGIC = 0x53544850; // "STHP"
    /**
     * 2: an object built from its content (see {@link HeapSerializer#builtFromContent}) takes its
     * reference id after that content and is followed by a varint mark. Version 1 heaps, which
     * have neither, are still read.
     * 3: identity hash codes (see {@link IdentityHashes}): a new object of an application class
     * whose hashCode is the identity hash is followed, after its reference mark, by that code (4
     * bytes); so is a JDK enum constant, after its name, and every class name, the first time a
     * graph names the class, right after the name; an application class's field layout hash says
     * whether its instances carry it. Version 2 heaps are still read.
     * 4: an object of an application class that extends ThreadLocal (an anonymous subclass
     * overriding initialValue(), say) is followed, after its fields, by its value in each captured
     * thread, as a ThreadLocal's are ({@link ThreadLocalValues}). Version 3 heaps are still read.
     * 5: an InputStreamReader (or FileReader) is followed by the bytes it holds undecoded and the
     * character it holds over, and a BufferedReader by the characters it holds unread and its
     * skip-LF flag: what a reader over a file has read ahead ({@link StreamWrapperSerializer}).
     * Version 4 heaps are still read.
     * 6: a Thread is written, after its state, with the stack size it was created with (a varlong,
     * 0 for the JVM's default), and is made again with it ({@link ThreadSerializer}). Version 5
     * heaps are still read (their threads get the default stack size).
     */
    static final int VERSION = 6;
    static final int OLDEST_READABLE = 1;
    static final int END = 0x454E4448; // "ENDH"

    private HeapFormat() {
    }
}
