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
     */
    static final int VERSION = 2;
    static final int OLDEST_READABLE = 1;
    static final int END = 0x454E4448; // "ENDH"

    private HeapFormat() {
    }
}
