package dev.stasis.internal.format;

import java.nio.charset.StandardCharsets;

/** The fixed numbers of the checkpoint file layout (docs/FORMAT.md describes each). */
final class FileLayout {

    /**
     * First 8 bytes of every checkpoint. The CR LF pair makes text-mode damage (line-end
     * conversion by a transfer tool) recognizable at once, so the reader can name it.
     */
    static final byte[] MAGIC = {'S', 'T', 'A', 'S', 'I', 'S', '\r', '\n'};

    /**
     * The newest format version this code reads, and the one it writes. Version 2 added the
     * compressed heap sections, version 3 the heap encoding of objects built from their content
     * (heap format 2), version 4 identity hash codes in the heap (heap format 3), version 5 the
     * per-thread values of application subclasses of ThreadLocal (heap format 4), version 6 what
     * readers have read ahead (heap format 5), version 7 the heap root of the program's exit
     * actions (shutdown hooks, files to delete on exit), which an earlier reader would not read right,
     * version 8 the stack size each thread was created with (heap format 6).
     */
    static final int VERSION = 8;

    /** The first version whose heap holds the root of the program's exit actions. */
    static final int EXIT_ACTIONS_VERSION = 7;

    /** The first version whose heap sections may be compressed. */
    static final int COMPRESSED_HEAP_VERSION = 2;

    /** The oldest format version this code reads. */
    static final int OLDEST_READABLE_VERSION = 1;

    /** Longest writer-version string the preamble may carry. */
    static final int MAX_WRITER_LENGTH = 200;

    /** Bytes of data per chunk the writer emits (the last chunk of a section may be shorter). */
    static final int WRITE_CHUNK = 64 * 1024;

    /** Longest run of heap bytes compressed as one block (see {@link CompressedOutputStream}). */
    static final int COMPRESSED_BLOCK = 1024 * 1024;

    /** Longest chunk a reader accepts; bounds the reader's memory whatever the file says. */
    static final int MAX_CHUNK = 16 * 1024 * 1024;

    /** Trailer: tag, file length (u64), CRC32C of everything before the CRC (u32). */
    static final int TRAILER_TAG = tagValue("END!");

    /**
     * The optional section of the class files the program's own class loaders defined (see
     * docs/FORMAT.md, clsf); lower case, so a reader that does not know it skips it.
     */
    static final String CARRIED_CLASSES_TAG = "clsf";

    /**
     * The optional section of the identity hash codes of the classes the heap holds as values
     * (see docs/FORMAT.md, clhc), written after the heap; lower case, so older readers skip it.
     */
    static final String CLASS_HASHES_TAG = "clhc";
    static final int TRAILER_LENGTH = 4 + 8 + 4;

    /** String and array lengths with this value stand for null. */
    static final int NULL_LENGTH = -1;

    private FileLayout() {
    }

    static int tagValue(String tag) {
        byte[] b = tag.getBytes(StandardCharsets.US_ASCII);
        return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
    }
}
