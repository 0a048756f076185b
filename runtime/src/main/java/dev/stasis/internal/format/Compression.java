package dev.stasis.internal.format;

import io.airlift.compress.Compressor;
import io.airlift.compress.Decompressor;
import io.airlift.compress.lz4.Lz4Compressor;
import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.zstd.ZstdCompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.io.IOException;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * How the heap section is stored (the agent's {@code compress=} option). The reader learns it from
 * the heap section's tag, so a file says by itself how to read it. The codecs are aircompressor's
 * pure-Java ones: the agent jar relocates its dependencies, which would break a JNI codec's
 * binding to its native library. They need a little-endian CPU (x86-64, AArch64, RISC-V,
 * ppc64le) and sun.misc.Unsafe; elsewhere (s390x) only uncompressed files can be written and read.
 */
public enum Compression {
    NONE("none", "HEAP", null, null),
    LZ4("lz4", "HLZ4", Lz4Compressor::new, Lz4Decompressor::new),
    ZSTD("zstd", "HZST", ZstdCompressor::new, ZstdDecompressor::new);

    private final String optionName;
    private final String tag;
    private final Supplier<Compressor> compressor;
    private final Supplier<Decompressor> decompressor;

    Compression(String optionName, String tag, Supplier<Compressor> compressor, Supplier<Decompressor> decompressor) {
        this.optionName = optionName;
        this.tag = tag;
        this.compressor = compressor;
        this.decompressor = decompressor;
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

    /** @throws IOException naming the cause and the way out when this JVM cannot run the codec */
    Compressor newCompressor() throws IOException {
        try {
            return compressor.get();
        } catch (RuntimeException | LinkageError e) {
            throw new IOException("compress=" + optionName + " cannot run on this JVM (" + e + "): its pure-Java codec"
                    + " needs a little-endian CPU and sun.misc.Unsafe. Use compress=none on this machine", e);
        }
    }

    /** @throws IOException naming the cause and the way out when this JVM cannot run the codec */
    Decompressor newDecompressor() throws IOException {
        try {
            return decompressor.get();
        } catch (RuntimeException | LinkageError e) {
            throw new IOException("its heap is compressed with " + optionName + ", which this JVM cannot decompress ("
                    + e + "): the pure-Java codec needs a little-endian CPU and sun.misc.Unsafe. Restore it on"
                    + " such a machine, or take the checkpoint with compress=none", e);
        }
    }
}
