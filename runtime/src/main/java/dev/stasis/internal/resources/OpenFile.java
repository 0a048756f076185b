package dev.stasis.internal.resources;

import dev.stasis.internal.log.StasisLog;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.reflect.Field;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * An open regular file by meaning: which kind of JDK object had it open ({@link FileInputStream},
 * {@link FileOutputStream}, {@link RandomAccessFile}, {@link FileChannel}), its absolute path, how
 * it was open (read, write, append) and its position. A restored JVM opens the same path (through
 * {@link PathMap}) the same way at the same position, never truncating it: a file must still have at
 * least as many bytes as the position, since reading continues and writing goes on from there.
 *
 * <p>The JDK has no public accessor for a stream's path or append mode, so those are read from the
 * JDK's fields ({@code path}, {@code rw}, {@code readable}, {@code writable},
 * {@code FileDescriptor.append}), which have these names in JDK 17 to 25; the position comes from
 * public API. A channel obtained from a stream is written as its stream and comes back as the
 * restored stream's channel.
 */
public final class OpenFile {

    /** The JDK class that holds the file open. */
    public enum Kind {
        INPUT_STREAM(FileInputStream.class), OUTPUT_STREAM(FileOutputStream.class),
        RANDOM_ACCESS(RandomAccessFile.class), CHANNEL(channelClass());

        public final Class<?> type;

        Kind(Class<?> type) {
            this.type = type;
        }

        /** The name users know: the JDK's FileChannel implementation is a FileChannel to them. */
        public String label() {
            return this == CHANNEL ? FileChannel.class.getName() : type.getName();
        }

        static Kind of(Class<?> c) {
            for (Kind k : values()) {
                if (k.type == c) {
                    return k;
                }
            }
            return null;
        }
    }

    /** The JDK's FileChannel implementation, the class of every FileChannel a program can get. */
    private static Class<?> channelClass() {
        try {
            return Class.forName("sun.nio.ch.FileChannelImpl", false, null);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("this JDK has no sun.nio.ch.FileChannelImpl", e);
        }
    }

    public final Kind kind;
    /** Absolute path, as the checkpointing JVM saw it (before {@link PathMap}). */
    public final String path;
    public final boolean readable;
    public final boolean writable;
    public final boolean append;
    public final boolean closed;
    public final long position;

    public OpenFile(Kind kind, String path, boolean readable, boolean writable, boolean append, boolean closed,
            long position) {
        this.kind = kind;
        this.path = path;
        this.readable = readable;
        this.writable = writable;
        this.append = append;
        this.closed = closed;
        this.position = position;
    }

    /** The kind of open file a class is, or null when it is none of the four. */
    public static Kind kindOf(Class<?> c) {
        return Kind.of(c);
    }

    /**
     * For a channel: the stream or RandomAccessFile it was obtained from (written in its place), or
     * null for a channel opened by {@code FileChannel.open}.
     */
    public static Object parentOf(Object channel) {
        return field(channel, "parent");
    }

    /** Describes an open file object; throws {@link NotReopenable} with the reason it cannot be. */
    public static OpenFile of(Object o) throws NotReopenable {
        Kind kind = Kind.of(o.getClass());
        if (kind == null) {
            throw new NotReopenable("it is not one of the open-file classes Stasis reopens.");
        }
        String rawPath = (String) field(o, "path");
        if (rawPath == null) {
            throw new NotReopenable("it was not opened by a path (it wraps a file descriptor, such as standard"
                    + " input or output, or one shared with another stream), so there is nothing to reopen.");
        }
        String path = new File(rawPath).getAbsolutePath();
        boolean closed = kind == Kind.CHANNEL ? !((FileChannel) o).isOpen() : (Boolean) field(o, "closed");
        if (closed) {
            return new OpenFile(kind, path, false, false, false, true, 0);
        }
        if (!Files.isRegularFile(Path.of(path))) {
            throw new NotReopenable("its file " + path + " is not a regular file (a device, a pipe or a special"
                    + " file, whose content cannot be found again at a position) or was deleted while open.");
        }
        try {
            switch (kind) {
                case INPUT_STREAM:
                    return new OpenFile(kind, path, true, false, false, false,
                            ((FileInputStream) o).getChannel().position());
                case OUTPUT_STREAM: {
                    boolean append = appendOf(((FileOutputStream) o).getFD());
                    return new OpenFile(kind, path, false, true, append, false,
                            append ? 0 : ((FileOutputStream) o).getChannel().position());
                }
                case RANDOM_ACCESS: {
                    RandomAccessFile f = (RandomAccessFile) o;
                    return new OpenFile(kind, path, true, (Boolean) field(o, "rw"), false, false, f.getFilePointer());
                }
                default: {
                    FileChannel c = (FileChannel) o;
                    boolean append = appendOf((FileDescriptor) field(o, "fd"));
                    return new OpenFile(kind, path, (Boolean) field(o, "readable"), (Boolean) field(o, "writable"),
                            append, false, append ? 0 : c.position());
                }
            }
        } catch (IOException e) {
            throw new NotReopenable("its position could not be read (" + e.getMessage() + ").");
        }
    }

    /**
     * Opens the file again as described, at {@code map.apply(path)}. Throws
     * {@link FileReopenException} when the file is gone or shorter than the position.
     */
    public Object reopen(PathMap map) {
        String target = map.apply(path);
        StasisLog.debug(() -> "reopening " + target + (target.equals(path) ? "" : " (was " + path + ")") + " as a "
                + kind.label() + (closed ? ", closed" : append ? ", appending" : " at byte " + position));
        try {
            if (closed) {
                return closedInstance();
            }
            Path p = Path.of(target);
            if (!Files.isRegularFile(p)) {
                throw new FileReopenException(problem(target, "no longer exists (or is not a regular file)"));
            }
            long size = Files.size(p);
            if (!append && size < position) {
                throw new FileReopenException(problem(target, "has only " + size + " bytes now, fewer than the "
                        + position + " it had been " + (writable ? "written" : "read") + " up to"));
            }
            switch (kind) {
                case INPUT_STREAM: {
                    FileInputStream in = new FileInputStream(target);
                    in.getChannel().position(position);
                    return in;
                }
                case OUTPUT_STREAM:
                    return append ? new FileOutputStream(target, true) : outputAt(target, position);
                case RANDOM_ACCESS: {
                    RandomAccessFile f = new RandomAccessFile(target, writable ? "rw" : "r");
                    f.seek(position);
                    return f;
                }
                default: {
                    List<StandardOpenOption> options = new ArrayList<>();
                    if (readable) {
                        options.add(StandardOpenOption.READ);
                    }
                    if (append) {
                        options.add(StandardOpenOption.APPEND);
                    } else if (writable) {
                        options.add(StandardOpenOption.WRITE);
                    }
                    FileChannel c = FileChannel.open(p, options.toArray(new StandardOpenOption[0]));
                    if (!append) {
                        c.position(position);
                    }
                    return c;
                }
            }
        } catch (IOException | SecurityException e) {
            throw new FileReopenException(problem(target, "cannot be opened (" + e.getMessage() + ")"));
        }
    }

    /**
     * A FileOutputStream at a position of an existing file, which its constructors cannot give (they
     * truncate or append): one over the descriptor of a RandomAccessFile, with its path set so that
     * the next checkpoint knows it too.
     */
    private static FileOutputStream outputAt(String path, long position) throws IOException {
        RandomAccessFile f = new RandomAccessFile(path, "rw");
        f.seek(position);
        FileOutputStream out = new FileOutputStream(f.getFD());
        setField(out, "path", path);
        return out;
    }

    /** A closed stream stays closed: a closed instance over a scratch file that is deleted at once. */
    private Object closedInstance() throws IOException {
        File scratch = File.createTempFile("stasis-closed", ".tmp");
        try {
            java.io.Closeable c;
            switch (kind) {
                case INPUT_STREAM: c = new FileInputStream(scratch); break;
                case OUTPUT_STREAM: c = new FileOutputStream(scratch, true); break;
                case RANDOM_ACCESS: c = new RandomAccessFile(scratch, "r"); break;
                default: c = FileChannel.open(scratch.toPath()); break;
            }
            c.close();
            return c;
        } finally {
            Files.deleteIfExists(scratch.toPath());
        }
    }

    private String problem(String target, String what) {
        String moved = target.equals(path) ? "" : " (mapped from " + path + ")";
        return "the file " + target + moved + ", which the program had open (a " + kind.label() + " "
                + (append ? "appending" : (writable ? "writing" : "reading") + " at byte " + position)
                + " when the checkpoint was taken), " + what + ". Put the file back where it was, or restore with"
                + " --map FROM=TO (agent option map=FROM=TO;...) naming the directory it is in now.";
    }

    private static boolean appendOf(FileDescriptor fd) {
        return fd != null && (Boolean) field(fd, "append");
    }

    private static Object field(Object o, String name) {
        try {
            Field f = declared(o.getClass(), name);
            f.setAccessible(true);
            return f.get(o);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot read " + o.getClass().getName() + "." + name
                    + " (its package is not open to Stasis, or this JDK names it differently): " + e, e);
        }
    }

    private static void setField(Object o, String name, Object value) {
        try {
            Field f = declared(o.getClass(), name);
            f.setAccessible(true);
            f.set(o, value);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot set " + o.getClass().getName() + "." + name + ": " + e, e);
        }
    }

    private static Field declared(Class<?> c, String name) throws NoSuchFieldException {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            try {
                return k.getDeclaredField(name);
            } catch (NoSuchFieldException e) {
                // declared further up
            }
        }
        throw new NoSuchFieldException(name);
    }

    /** Why an open file object cannot be written (for the checkpoint's error message). */
    public static final class NotReopenable extends Exception {
        private static final long serialVersionUID = 1L;

        NotReopenable(String reason) {
            super(reason, null, false, false);
        }
    }
}
