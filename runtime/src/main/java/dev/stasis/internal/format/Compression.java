package dev.stasis.internal.format;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * How the heap section is stored (the agent's {@code compress=} option). The reader learns it from
 * the heap section's tag, so a file says by itself how to read it. Every codec is pure Java and
 * independent of the CPU's byte order: a compressed checkpoint restores on any CPU and JVM, as an
 * uncompressed one does.
 */
public enum Compression {
    NONE("none", "HEAP", null),
    LZ4("lz4", "HLZ4", Lz4BlockCodec::new),
    DEFLATE("deflate", "HDFL", DeflateBlockCodec::new);

    private final String optionName;
    private final String tag;
    private final Supplier<BlockCodec> codec;

    Compression(String optionName, String tag, Supplier<BlockCodec> codec) {
        this.optionName = optionName;
        this.tag = tag;
        this.codec = codec;
    }

    /** The value of the {@code compress=} option that selects this. */
    public String optionName() {
        return optionName;
    }

    /** The compression {@code compress=NAME} selects, or null for an unknown name. */
    public static Compression named(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (Compression c : values()) {
            if (c.optionName.equals(n)) {
                return c;
            }
        }
        return null;
    }

    /** The four-letter tag of a heap section stored this way. */
    String tag() {
        return tag;
    }

    int tagValue() {
        return FileLayout.tagValue(tag);
    }

    /** The compression whose heap section has this tag, or null. */
    static Compression ofTag(int tagValue) {
        for (Compression c : values()) {
            if (c.tagValue() == tagValue) {
                return c;
            }
        }
        return null;
    }

    /** The block codec of a compressed heap section (not of {@link #NONE}). */
    BlockCodec newCodec() {
        return codec.get();
    }
}
