package dev.stasis.internal.format;

import java.nio.charset.StandardCharsets;

/**
 * The sections of a checkpoint file, in the order they appear. Each is identified in the file by a
 * four-letter ASCII tag; see docs/FORMAT.md.
 */
enum Section {
    HEADER("HEAD"),
    METHODS("METH"),
    CLASSES("CLAS"),
    THREADS("THRD"),
    STATICS("STAT"),
    HEAP("HEAP"),
    HISTOGRAM("HIST");

    private final String tag;

    Section(String tag) {
        this.tag = tag;
    }

    String tag() {
        return tag;
    }

    int tagValue() {
        return FileLayout.tagValue(tag);
    }

    /**
     * Whether a section tag may be skipped by a reader that does not know it: its first letter is
     * lower case (as PNG's ancillary chunks). Later format versions may add such sections without
     * changing the version number; sections a reader must understand are upper case.
     */
    static boolean isSkippable(int tagValue) {
        int first = (tagValue >>> 24) & 0xFF;
        return first >= 'a' && first <= 'z';
    }

    /** A tag value as text for messages, with anything that is not printable ASCII escaped. */
    static String describe(int tagValue) {
        byte[] b = {(byte) (tagValue >>> 24), (byte) (tagValue >>> 16), (byte) (tagValue >>> 8), (byte) tagValue};
        StringBuilder s = new StringBuilder("'");
        for (byte x : b) {
            if (x >= 0x20 && x < 0x7F) {
                s.append(new String(new byte[] {x}, StandardCharsets.US_ASCII));
            } else {
                s.append(String.format("\\x%02X", x & 0xFF));
            }
        }
        return s.append("'").toString();
    }
}
