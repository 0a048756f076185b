package dev.stasis.internal.format;

import dev.stasis.internal.capture.FrameRecord;
import dev.stasis.internal.heap.CorruptHeapException;
import dev.stasis.internal.heap.HeapReader;
import dev.stasis.internal.log.StasisLog;
import dev.stasis.internal.resources.FileReopenException;
import dev.stasis.internal.heap.HeapWriter;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Reads checkpoint files. Every read first checks the whole file (magic, version, the signature
 * when a key is given, every length and every checksum, see {@link FileStructure}) and only then
 * interprets it; the heap, the only part that creates application objects, comes last. Methods
 * without a {@link CheckpointKey} read unsigned files only; with one, signed files only.
 */
public final class CheckpointReader {

    private CheckpointReader() {
    }

    /**
     * Everything but the heap's contents: header, methods, classes, threads and frames, static
     * field names, heap histogram. Needs none of the application's classes.
     */
    public static CheckpointSummary readHeader(Path file) throws CheckpointFileException {
        return readHeader(file, null);
    }

    /** As {@link #readHeader(Path)}, for a file signed with {@code key} (null: an unsigned file). */
    public static CheckpointSummary readHeader(Path file, CheckpointKey key) throws CheckpointFileException {
        FileStructure structure = FileStructure.check(file, key);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return readSummary(structure, channel);
        } catch (CheckpointFileException e) {
            throw e;
        } catch (IOException e) {
            throw FileStructure.unreadable(file, e);
        }
    }

    /**
     * The whole checkpoint, its heap rebuilt with classes from {@code applicationLoader}; the heap
     * reader refuses classes {@code classAllowed} rejects. {@code beforeHeap} receives the names of
     * the classes that were initialized at the checkpoint, after every check and before the heap
     * creates any object. Call {@code heap.completeDeferred()} on the result once the static
     * fields are set.
     */
    public static LoadedCheckpoint read(Path file, ClassLoader applicationLoader, Predicate<String> classAllowed,
            Consumer<List<String>> beforeHeap) throws CheckpointFileException {
        return read(file, null, applicationLoader, classAllowed, beforeHeap);
    }

    /**
     * As {@link #read(Path, ClassLoader, Predicate, Consumer)}, for a file signed with {@code key}
     * (null: an unsigned file).
     */
    public static LoadedCheckpoint read(Path file, CheckpointKey key, ClassLoader applicationLoader,
            Predicate<String> classAllowed, Consumer<List<String>> beforeHeap) throws CheckpointFileException {
        HeapReader reader = new HeapReader(applicationLoader, classAllowed).bind(HeapWriter.MAIN_THREAD,
                Thread.currentThread());
        return read(file, key, HeapDecoder.of(reader), beforeHeap);
    }

    /** As {@link #read(Path, ClassLoader, Predicate, Consumer)}, with a reader set up by the caller (bindings). */
    public static LoadedCheckpoint read(Path file, HeapReader heap, Consumer<List<String>> beforeHeap)
            throws CheckpointFileException {
        return read(file, null, HeapDecoder.of(heap), beforeHeap);
    }

    static LoadedCheckpoint read(Path file, HeapDecoder heap, Consumer<List<String>> beforeHeap)
            throws CheckpointFileException {
        return read(file, null, heap, beforeHeap);
    }

    static LoadedCheckpoint read(Path file, CheckpointKey key, HeapDecoder heap, Consumer<List<String>> beforeHeap)
            throws CheckpointFileException {
        FileStructure structure = FileStructure.check(file, key);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            CheckpointSummary summary = readSummary(structure, channel);
            beforeHeap.accept(summary.initializedClasses());
            Object[] roots = readHeap(structure, channel, heap);
            return new LoadedCheckpoint(summary, snapshot(structure, summary, roots), heap);
        } catch (CheckpointFileException e) {
            throw e;
        } catch (IOException e) {
            throw FileStructure.unreadable(file, e);
        }
    }

    /** {@link #resolve(Path, Consumer)} reporting skipped files on stderr. */
    public static Path resolve(Path fileOrDirectory) throws CheckpointFileException {
        return resolve(fileOrDirectory, null, message -> StasisLog.warn("stasis: " + message));
    }

    /** {@link #resolve(Path, CheckpointKey, Consumer)} for unsigned checkpoints. */
    public static Path resolve(Path fileOrDirectory, Consumer<String> skipped) throws CheckpointFileException {
        return resolve(fileOrDirectory, null, skipped);
    }

    /**
     * The checkpoint file {@code fileOrDirectory} designates: a file is itself (checked when read);
     * for a directory, its newest checkpoint that passes every check. Each newer file skipped
     * because it is damaged or not signed with {@code key} is reported to {@code skipped} with
     * the reason. Without a key, a signed checkpoint ends the search: it is a key missing from the
     * command, not damage, and an older unsigned file is not what the user asked for.
     */
    public static Path resolve(Path fileOrDirectory, CheckpointKey key, Consumer<String> skipped)
            throws CheckpointFileException {
        return Files.isDirectory(fileOrDirectory) ? checkedIn(fileOrDirectory, key, skipped).file : exists(fileOrDirectory);
    }

    /**
     * The checkpoint {@code fileOrDirectory} designates (see {@link #resolve(Path, CheckpointKey, Consumer)}),
     * checked, with its summary; {@link #read(CheckedCheckpoint, ClassLoader, Predicate, Consumer)}
     * then reads it without checking the whole file again.
     */
    public static CheckedCheckpoint open(Path fileOrDirectory, CheckpointKey key, Consumer<String> skipped)
            throws CheckpointFileException {
        FileStructure structure = Files.isDirectory(fileOrDirectory) ? checkedIn(fileOrDirectory, key, skipped)
                : FileStructure.check(exists(fileOrDirectory), key);
        try (FileChannel channel = FileChannel.open(structure.file, StandardOpenOption.READ)) {
            return new CheckedCheckpoint(structure, readSummary(structure, channel));
        } catch (CheckpointFileException e) {
            throw e;
        } catch (IOException e) {
            throw FileStructure.unreadable(structure.file, e);
        }
    }

    /**
     * As {@link #read(Path, CheckpointKey, ClassLoader, Predicate, Consumer)}, for a file {@link #open}
     * checked (with the key it was opened with), the heap's main thread being {@code mainThread}.
     */
    public static LoadedCheckpoint read(CheckedCheckpoint checked, Thread mainThread, ClassLoader applicationLoader,
            Predicate<String> classAllowed, Consumer<List<String>> beforeHeap) throws CheckpointFileException {
        return read(checked, HeapDecoder.of(new HeapReader(applicationLoader, classAllowed).bind(HeapWriter.MAIN_THREAD,
                mainThread)), beforeHeap);
    }

    static LoadedCheckpoint read(CheckedCheckpoint checked, HeapDecoder heap, Consumer<List<String>> beforeHeap)
            throws CheckpointFileException {
        FileStructure structure = checked.structure;
        try (FileChannel channel = FileChannel.open(structure.file, StandardOpenOption.READ)) {
            beforeHeap.accept(checked.summary().initializedClasses());
            heap.expectObjects(checked.summary().heapObjects());
            Object[] roots = readHeap(structure, channel, heap);
            return new LoadedCheckpoint(checked.summary(), snapshot(structure, checked.summary(), roots), heap);
        } catch (CheckpointFileException e) {
            throw e;
        } catch (IOException e) {
            throw FileStructure.unreadable(structure.file, e);
        }
    }

    private static Path exists(Path fileOrDirectory) throws CheckpointFileException {
        if (!Files.exists(fileOrDirectory)) {
            throw new CheckpointFileException(fileOrDirectory, "no such file or directory. Give the checkpoint file,"
                    + " or the directory it was written to (the agent's dir= option, by default stasis-checkpoints).");
        }
        return fileOrDirectory;
    }

    /** The structure of the newest checkpoint in {@code directory} that passes every check. */
    private static FileStructure checkedIn(Path fileOrDirectory, CheckpointKey key, Consumer<String> skipped)
            throws CheckpointFileException {
        List<Path> candidates;
        try {
            candidates = CheckpointNames.list(fileOrDirectory);
        } catch (IOException e) {
            throw FileStructure.unreadable(fileOrDirectory, e);
        }
        if (candidates.isEmpty()) {
            throw new CheckpointFileException(fileOrDirectory, "this directory holds no checkpoint (files named"
                    + " checkpoint-<time>-<n>.stasis). Check the path, or whether the application reached a"
                    + " checkpoint.");
        }
        for (Path candidate : candidates) {
            try {
                return FileStructure.check(candidate, key);
            } catch (CheckpointFileException e) {
                if (key == null && FileStructure.isSigned(candidate)) {
                    throw e;
                }
                skipped.accept("skipping " + e.getMessage());
            }
        }
        throw new CheckpointFileException(fileOrDirectory, "none of the " + candidates.size()
                + " checkpoint files in this directory can be used (each reason was reported above).");
    }

    private static FileInput at(FileStructure structure, FileChannel channel, Section section) throws IOException {
        return at(structure, channel, structure.offset(section));
    }

    private static FileInput at(FileStructure structure, FileChannel channel, long offset) throws IOException {
        channel.position(offset);
        return new FileInput(new BufferedInputStream(Channels.newInputStream(channel), 1 << 16), structure.file,
                structure.size, offset);
    }

    private static MetadataInput open(FileStructure structure, FileChannel channel, Section section)
            throws IOException {
        FileInput in = at(structure, channel, section);
        return new MetadataInput(new ChunkedInputStream(in, section.name()), in, section.name(),
                structure.length(section));
    }

    private static CheckpointSummary readSummary(FileStructure structure, FileChannel channel) throws IOException {
        MetadataInput h = open(structure, channel, Section.HEADER);
        CheckpointHeader header = new CheckpointHeader(h.string(), h.string(), h.string(), h.string(), h.i64(),
                h.string(), h.string(), h.string());
        h.expectEnd();

        MetadataInput m = open(structure, channel, Section.METHODS);
        List<MethodInfo> methods = new ArrayList<>();
        for (int k = m.count(4 * 5, false); k > 0; k--) {
            methods.add(new MethodInfo(m.required("a method key"), m.string(), m.string(), m.ints(), m.strings()));
        }
        m.expectEnd();

        MetadataInput c = open(structure, channel, Section.CLASSES);
        List<String> classes = new ArrayList<>();
        for (int k = c.count(4, false); k > 0; k--) {
            classes.add(c.required("a class name"));
        }
        c.expectEnd();

        MetadataInput t = open(structure, channel, Section.THREADS);
        List<ThreadSummary> threads = new ArrayList<>();
        for (int k = t.count(4 + 1 + 4 + 4, false); k > 0; k--) {
            String name = t.required("a thread name");
            boolean daemon = t.bool();
            int priority = t.i32();
            List<FrameSummary> frames = new ArrayList<>();
            for (int f = t.count(4 + 4 + 4 + 4, false); f > 0; f--) {
                String method = t.required("a frame's method key");
                int siteWord = t.i32();
                long[] prims = t.longs();
                int refCount = t.count(0, false);
                frames.add(new FrameSummary(method, siteWord, prims, refCount));
            }
            threads.add(new ThreadSummary(name, daemon, priority, frames));
        }
        t.expectEnd();

        MetadataInput s = open(structure, channel, Section.STATICS);
        List<StaticsSummary> statics = new ArrayList<>();
        for (int k = s.count(4 + 4, false); k > 0; k--) {
            String className = s.required("a class name");
            String[] names = s.strings();
            if (names != null && Arrays.asList(names).contains(null)) {
                throw s.malformed("a static field name of " + className + " is missing (null)");
            }
            statics.add(new StaticsSummary(className, names == null ? List.of() : Arrays.asList(names)));
        }
        s.expectEnd();

        MetadataInput g = open(structure, channel, Section.HISTOGRAM);
        List<HistogramEntry> histogram = new ArrayList<>();
        for (int k = g.count(4 + 8 + 8, false); k > 0; k--) {
            histogram.add(new HistogramEntry(g.string(), g.i64(), g.i64()));
        }
        long objects = g.i64();
        long bytes = g.i64();
        g.expectEnd();
        histogram.sort(Comparator.comparingLong(HistogramEntry::bytes).reversed()
                .thenComparing(HistogramEntry::className, Comparator.nullsFirst(Comparator.naturalOrder())));

        return new CheckpointSummary(structure.file, structure.size, structure.version, structure.writer, header,
                methods, classes, threads, statics, histogram, objects, bytes, carriedClasses(structure, channel),
                classHashes(structure, channel));
    }

    private static Map<String, byte[]> carriedClasses(FileStructure structure, FileChannel channel)
            throws IOException {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        MetadataInput c = optional(structure, channel, FileLayout.CARRIED_CLASSES_TAG);
        if (c == null) {
            return classes;
        }
        for (int k = c.count(4 + 4, false); k > 0; k--) {
            String name = c.required("a class name");
            if (classes.put(name, c.byteArray()) != null) {
                throw c.malformed("class " + name + " appears twice");
            }
        }
        c.expectEnd();
        return classes;
    }

    private static Map<String, Integer> classHashes(FileStructure structure, FileChannel channel)
            throws IOException {
        Map<String, Integer> hashes = new LinkedHashMap<>();
        MetadataInput h = optional(structure, channel, FileLayout.CLASS_HASHES_TAG);
        if (h == null) {
            return hashes;
        }
        for (int k = h.count(4 + 4, false); k > 0; k--) {
            String name = h.required("a class name");
            if (hashes.put(name, h.i32()) != null) {
                throw h.malformed("class " + name + " appears twice");
            }
        }
        h.expectEnd();
        return hashes;
    }

    /** The optional section {@code tag}, opened at its start, or null when the file has none. */
    private static MetadataInput optional(FileStructure structure, FileChannel channel, String tag) throws IOException {
        long[] where = structure.optional(tag);
        if (where == null) {
            return null;
        }
        FileInput in = at(structure, channel, where[0]);
        return new MetadataInput(new ChunkedInputStream(in, tag), in, tag, where[1]);
    }

    private static Object[] readHeap(FileStructure structure, FileChannel channel, HeapDecoder heap)
            throws IOException {
        try {
            InputStream body;
            long length;
            if (structure.compression != Compression.NONE) {
                length = compressedHeap(structure, channel).uncompressedLength();
                body = compressedHeap(structure, channel);
            } else {
                length = structure.length(Section.HEAP);
                body = new ChunkedInputStream(at(structure, channel, Section.HEAP), Section.HEAP.name());
            }
            // The file is read, checked and decompressed on another thread while the heap is rebuilt.
            try (InputStream ahead = new PipelinedInputStream(body, "stasis-restore-io")) {
                return heap.read(ahead, length);
            }
        } catch (CorruptHeapException e) {
            throw rethrown(structure.file, e, "its heap section cannot be read: "
                    + String.valueOf(e.getMessage()).replaceFirst("\\.+$", "")
                    + ". If the application changed since the checkpoint was taken, restore with the class path it"
                    + " was taken with.");
        } catch (FileReopenException | ExceptionInInitializerError e) {
            // the user's to fix, not the file's: the restore names the file or the initializer
            throw e;
        } catch (IOException | RuntimeException | LinkageError e) {
            throw rethrown(structure.file, e, "its heap cannot be rebuilt (" + e + ").");
        }
    }

    private static CompressedInputStream compressedHeap(FileStructure structure, FileChannel channel)
            throws IOException {
        FileInput in = at(structure, channel, Section.HEAP);
        return new CompressedInputStream(new ChunkedInputStream(in, Section.HEAP.name()), in, structure.compression);
    }

    /** The file problem behind {@code e} when there is one (a damaged chunk seen by the heap reader). */
    private static CheckpointFileException rethrown(Path file, Throwable e, String otherwise) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CheckpointFileException) {
                return (CheckpointFileException) t;
            }
        }
        return new CheckpointFileException(file, otherwise, e);
    }

    private static Snapshot snapshot(FileStructure structure, CheckpointSummary summary, Object[] roots)
            throws CheckpointFileException {
        int frameCount = 0;
        for (ThreadSummary t : summary.threads()) {
            frameCount += t.frames().size();
        }
        boolean exitActions = structure.version >= FileLayout.EXIT_ACTIONS_VERSION;
        int expected = frameCount + summary.statics().size() + (exitActions ? 2 : 1);
        boolean threadObjects = roots != null && roots.length == expected + 1;
        if (roots == null || (roots.length != expected && !threadObjects)) {
            throw FileInput.damaged(structure.file, "its heap holds " + (roots == null ? "no" : roots.length)
                    + " roots where its threads and statics need " + expected);
        }
        Object[] threadRoot = threadObjects
                ? root(structure, roots, expected, 2 * summary.threads().size(), "the threads")
                : new Object[2 * summary.threads().size()];
        int next = 0;
        List<CapturedThread> threads = new ArrayList<>();
        for (ThreadSummary t : summary.threads()) {
            List<FrameRecord> frames = new ArrayList<>();
            for (FrameSummary f : t.frames()) {
                Object[] refs = root(structure, roots, next++, f.refCount(), "frame of " + f.method());
                frames.add(new FrameRecord(f.method(), f.siteWord(), f.prims(), refs));
            }
            Object thread = threadRoot[threads.size()];
            Object interrupted = threadRoot[summary.threads().size() + threads.size()];
            if (thread != null && !(thread instanceof Thread)
                    || threadObjects && !(interrupted instanceof Boolean)) {
                throw FileInput.damaged(structure.file, "heap root " + expected + " does not hold thread " + t.name()
                        + " and its interrupt status");
            }
            threads.add(new CapturedThread(t.name(), t.daemon(), t.priority(), frames, (Thread) thread,
                    Boolean.TRUE.equals(interrupted)));
        }
        List<StaticFields> statics = new ArrayList<>();
        for (StaticsSummary s : summary.statics()) {
            Object[] values = root(structure, roots, next++, s.fieldNames().size(), "statics of " + s.className());
            statics.add(new StaticFields(s.className(), s.fieldNames().toArray(new String[0]), values));
        }
        if (!(roots[next] instanceof Object[])) {
            throw FileInput.damaged(structure.file, "heap root " + next + " (the listeners) is not an array");
        }
        List<Object> listeners = List.of((Object[]) roots[next++]);
        List<Thread> hooks = new ArrayList<>();
        List<String> files = new ArrayList<>();
        if (exitActions) {
            Object[] actions = root(structure, roots, next, 2, "the exit actions");
            if (!(actions[0] instanceof Object[]) || !(actions[1] instanceof Object[])) {
                throw FileInput.damaged(structure.file, "heap root " + next + " (the exit actions) does not hold"
                        + " the shutdown hooks and the files to delete on exit");
            }
            for (Object hook : (Object[]) actions[0]) {
                if (!(hook instanceof Thread)) {
                    throw FileInput.damaged(structure.file, "a shutdown hook in heap root " + next + " is not a thread");
                }
                hooks.add((Thread) hook);
            }
            for (Object path : (Object[]) actions[1]) {
                if (!(path instanceof String)) {
                    throw FileInput.damaged(structure.file, "a file to delete on exit in heap root " + next
                            + " is not a path");
                }
                files.add((String) path);
            }
        }
        return new Snapshot(summary.header(), summary.methods(), summary.initializedClasses(), threads, statics,
                listeners, summary.carriedClasses(), hooks, files);
    }

    private static Object[] root(FileStructure structure, Object[] roots, int index, int length, String what)
            throws CheckpointFileException {
        if (!(roots[index] instanceof Object[]) || ((Object[]) roots[index]).length != length) {
            throw FileInput.damaged(structure.file, "heap root " + index + " (" + what + ") is not an array of "
                    + length + " values");
        }
        return (Object[]) roots[index];
    }
}
