package dev.stasis.internal.heap;

import dev.stasis.internal.log.StasisLog;
import dev.stasis.internal.resources.OpenFile;
import dev.stasis.internal.resources.PathMap;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;

/**
 * Writes an open regular file ({@link OpenFile}: stream, RandomAccessFile or FileChannel) by its
 * path, mode and position, and reopens it on read. A channel obtained from a stream is written as
 * that stream and read back as the restored stream's own channel, so the two stay one file. A
 * stream over one of the standard file descriptors ({@code new FileInputStream(FileDescriptor.in)},
 * as Jython and System.in itself hold) is written as which one, and made again over the restored
 * JVM's: like System.in, System.out and System.err, it is the process's standard stream.
 */
final class OpenFileSerializer extends HeapSerializer<Object> {

    private static final int OWN = 0;
    private static final int OF_PARENT = 1;
    /** A flag: a stream over a standard descriptor, whose number stands where the position does. */
    private static final int STANDARD_DESCRIPTOR = 16;

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
        int standard = standardDescriptor(object);
        if (standard >= 0) {
            out.writeHeapString("");
            out.writeByte(STANDARD_DESCRIPTOR);
            out.writeVarLong(standard, true);
            return;
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
        if (flags == STANDARD_DESCRIPTOR) {
            return overStandardDescriptor(position);
        }
        if (position < 0 || (flags & ~15) != 0) {
            throw new CorruptData("bad open-file state");
        }
        return new OpenFile(kind, path, (flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0, (flags & 8) != 0, position)
                .reopen(PathMap.current());
    }

    /** 0, 1 or 2 when {@code o} is a file stream over standard input, output or error; else -1. */
    static int standardDescriptor(Object o) {
        try {
            if (o.getClass() == FileInputStream.class && ((FileInputStream) o).getFD() == FileDescriptor.in) {
                return 0;
            }
            if (o.getClass() == FileOutputStream.class) {
                FileDescriptor fd = ((FileOutputStream) o).getFD();
                return fd == FileDescriptor.out ? 1 : fd == FileDescriptor.err ? 2 : -1;
            }
        } catch (IOException e) {
            // closed: not a standard stream any more
        }
        return -1;
    }

    private Object overStandardDescriptor(long number) {
        if (kind == OpenFile.Kind.INPUT_STREAM && number == 0) {
            return new FileInputStream(FileDescriptor.in);
        }
        if (kind == OpenFile.Kind.OUTPUT_STREAM && (number == 1 || number == 2)) {
            return new FileOutputStream(number == 1 ? FileDescriptor.out : FileDescriptor.err);
        }
        throw new CorruptData("a " + kind.label() + " over standard descriptor " + number);
    }
}
