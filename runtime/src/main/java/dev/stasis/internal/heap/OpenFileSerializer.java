package dev.stasis.internal.heap;

import dev.stasis.internal.log.StasisLog;
import dev.stasis.internal.resources.OpenFile;
import dev.stasis.internal.resources.PathMap;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.RandomAccessFile;

/**
 * Writes an open regular file ({@link OpenFile}: stream, RandomAccessFile or FileChannel) by its
 * path, mode and position, and reopens it on read. A channel obtained from a stream is written as
 * that stream and read back as the restored stream's own channel, so the two stay one file.
 */
final class OpenFileSerializer extends HeapSerializer<Object> {

    private static final int OWN = 0;
    private static final int OF_PARENT = 1;

    private final OpenFile.Kind kind;

    OpenFileSerializer(OpenFile.Kind kind) {
        this.kind = kind;
    }

    @Override
    void write(HeapKryo kryo, HeapOutput out, Object object) {
        if (kind == OpenFile.Kind.CHANNEL) {
            Object parent = OpenFile.parentOf(object);
            if (parent != null) {
                out.writeByte(OF_PARENT);
                kryo.writeClassAndObject(out, parent);
                return;
            }
            out.writeByte(OWN);
        }
        OpenFile f;
        try {
            f = OpenFile.of(object);
        } catch (OpenFile.NotReopenable | IllegalStateException e) {
            throw kryo.path.refuse(object, e.getMessage());
        }
        StasisLog.debug(() -> "open file written by meaning: " + f.path + " (a " + kind.label()
                + (f.closed ? ", closed" : f.append ? ", appending" : " at byte " + f.position) + ")");
        out.writeHeapString(f.path);
        out.writeByte((f.readable ? 1 : 0) | (f.writable ? 2 : 0) | (f.append ? 4 : 0) | (f.closed ? 8 : 0));
        out.writeVarLong(f.position, true);
    }

    @Override
    Object read(HeapKryo kryo, HeapInput in) {
        if (kind == OpenFile.Kind.CHANNEL && in.readByte() == OF_PARENT) {
            Object parent = kryo.readClassAndObject(in);
            if (parent instanceof FileInputStream) {
                return ((FileInputStream) parent).getChannel();
            }
            if (parent instanceof FileOutputStream) {
                return ((FileOutputStream) parent).getChannel();
            }
            if (parent instanceof RandomAccessFile) {
                return ((RandomAccessFile) parent).getChannel();
            }
            throw new CorruptData("a file channel's owner is a " + (parent == null ? "null" : parent.getClass().getName()));
        }
        String path = in.readHeapString();
        int flags = in.readByte();
        long position = in.readVarLong(true);
        if (position < 0 || (flags & ~15) != 0) {
            throw new CorruptData("bad open-file state");
        }
        return new OpenFile(kind, path, (flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0, (flags & 8) != 0, position)
                .reopen(PathMap.current());
    }
}
