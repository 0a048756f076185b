package dev.stasis.internal.heap;

import dev.stasis.internal.resources.OpenZipFile;
import dev.stasis.internal.resources.PathMap;
import java.util.zip.ZipFile;

/**
 * An open {@code ZipFile} or {@code JarFile} by its path and settings ({@link OpenZipFile}),
 * opened again on read.
 */
final class ZipFileSerializer extends HeapSerializer<ZipFile> {

    @Override
    void write(HeapKryo kryo, HeapOutput out, ZipFile zip) {
        boolean verify = Boolean.TRUE.equals(JdkInternals.get(zip, "verify", false));
        OpenZipFile f = OpenZipFile.of(zip, verify);
        out.writeHeapString(f.path);
        out.writeByte((f.jar ? 1 : 0) | (f.verify ? 2 : 0) | (f.closed ? 4 : 0));
        out.writeVarInt(f.release, true);
    }

    @Override
    ZipFile read(HeapKryo kryo, HeapInput in) {
        String path = in.readHeapString();
        int flags = in.readByte();
        int release = in.readVarInt(true);
        if ((flags & ~7) != 0 || release > 1000) {
            throw new CorruptData("bad zip file state");
        }
        return new OpenZipFile(path, (flags & 1) != 0, (flags & 2) != 0, release, (flags & 4) != 0)
                .reopen(PathMap.current());
    }
}
