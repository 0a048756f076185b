package dev.stasis.internal.format;

import dev.stasis.internal.capture.FrameRecord;
import dev.stasis.internal.config.AgentOptions;
import dev.stasis.internal.config.Option;
import dev.stasis.internal.config.OptionException;
import dev.stasis.internal.heap.HeapStats;
import dev.stasis.internal.heap.HeapWriter;
import dev.stasis.internal.log.StasisLog;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;

/**
 * Writes a {@link Snapshot} as a checkpoint file (layout in docs/FORMAT.md) so that a file with a
 * checkpoint name is always complete: it is written under a temporary name, forced to disk, and
 * only then renamed. Older checkpoints beyond the number to keep are deleted afterwards.
 */
public final class CheckpointWriter {

    private static final AtomicLong SEQUENCE = new AtomicLong();
    /** A checkpoint is written under a name like this first, never read by anything. */
    private static final String TEMPORARY_PREFIX = ".ckpt-";
    private static final String TEMPORARY_SUFFIX = ".tmp";

    private CheckpointWriter() {
    }

    /**
     * Writes {@code snapshot} into {@code dir} (created if missing), unsigned, and returns the new
     * file; its heap is written by a {@link HeapWriter} for the system class loader. Then deletes
     * the oldest complete checkpoints in {@code dir} so that {@code keep} remain, the new one
     * included; files that do not look complete are left alone. On failure nothing named like a
     * checkpoint is created and earlier checkpoints are untouched.
     *
     * @throws dev.stasis.internal.heap.UncheckpointableObjectException when the heap holds an
     *         object that cannot be checkpointed
     */
    public static Path write(Snapshot snapshot, Path dir, int keep) throws IOException {
        return write(snapshot, dir, keep, new HeapWriter(ClassLoader.getSystemClassLoader()), null);
    }

    /**
     * As {@link #write(Snapshot, Path, int)}, with a heap writer kept by the caller (it reuses its
     * Kryo set-up across checkpoints, and carries the caller's bindings), and signed with
     * {@code key} unless it is null.
     */
    public static Path write(Snapshot snapshot, Path dir, int keep, HeapWriter heap, CheckpointKey key)
            throws IOException {
        heap.nameRoots(rootNames(snapshot));
        return write(snapshot, dir, keep, HeapEncoder.of(heap), key);
    }

    static Path write(Snapshot snapshot, Path dir, int keep, HeapEncoder heap) throws IOException {
        return write(snapshot, dir, keep, heap, null);
    }

    static Path write(Snapshot snapshot, Path dir, int keep, HeapEncoder heap, CheckpointKey key)
            throws IOException {
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be at least 1, is " + keep);
        }
        Path temporary;
        try {
            Files.createDirectories(dir);
            temporary = Files.createTempFile(dir, TEMPORARY_PREFIX, TEMPORARY_SUFFIX);
        } catch (IOException e) {
            throw new IOException("cannot write a checkpoint into " + dir.toAbsolutePath() + " (" + e
                    + "); check the dir= option and that the directory is writable", e);
        }
        Path target;
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                try (EarlySync early = new EarlySync(Channels.newOutputStream(channel), () -> channel.force(false))) {
                    OutputStream buffered = new BufferedOutputStream(early, 1 << 16);
                    writeFile(snapshot, heap, new ChecksummedOutputStream(buffered, key == null ? null : key.newMac()));
                    buffered.flush();
                }
                channel.force(true);
            }
            target = freshName(dir);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // A full disk or a failing device: say where, and that nothing was replaced.
            IOException named = new IOException("cannot write a checkpoint into " + dir.toAbsolutePath() + " ("
                    + e.getMessage() + "); the earlier checkpoints there are untouched. Make room on that disk, or"
                    + " choose another directory with dir=PATH", e);
            deleteAfterFailure(temporary, named);
            throw named;
        } catch (RuntimeException | Error e) {
            deleteAfterFailure(temporary, e);
            throw e;
        }
        forceDirectory(dir);
        DiscardedCheckpoints.deleteLeftOver(dir);
        if (FileStructure.looksComplete(target)) {
            rotate(dir, target, keep);
        }
        deleteAbandonedTemporaries(dir);
        return target;
    }

    /**
     * A temporary file no write has touched for this long was left by a JVM that ended in the middle
     * of a write (killed, halted, or exited from a thread the checkpoint did not stop). A write in
     * progress touches its file continually; a JVM stopped for longer than this (suspended) finds
     * its file gone and reports that checkpoint as not written.
     */
    private static final Duration ABANDONED_AFTER = Duration.ofMinutes(10);

    /** Deletes the temporary files of abandoned writes ({@link #ABANDONED_AFTER}), so they do not pile up. */
    private static void deleteAbandonedTemporaries(Path dir) {
        Instant before = Instant.now().minus(ABANDONED_AFTER);
        try (DirectoryStream<Path> temporaries = Files.newDirectoryStream(dir, TEMPORARY_PREFIX + "*"
                + TEMPORARY_SUFFIX)) {
            for (Path p : temporaries) {
                try {
                    if (Files.getLastModifiedTime(p).toInstant().isBefore(before)) {
                        Files.deleteIfExists(p);
                    }
                } catch (IOException e) {
                    // deleted meanwhile, or not ours to delete: either way nothing to report
                }
            }
        } catch (IOException e) {
            // the directory was just written to; a listing that fails now is left for the next write
        }
    }

    private static void deleteAfterFailure(Path temporary, Throwable failure) {
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException suppressed) {
            failure.addSuppressed(suppressed);
        }
    }

    private static Path freshName(Path dir) {
        while (true) {
            Path p = dir.resolve(CheckpointNames.name(Instant.now(), SEQUENCE.incrementAndGet()));
            if (!Files.exists(p)) {
                return p;
            }
        }
    }

    /** Makes the rename itself durable. Not every platform can open a directory (Windows cannot). */
    private static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // The file's own contents are on disk; only the rename may be lost on power failure.
        }
    }

    /**
     * Discards complete checkpoints older than {@code written} beyond the {@code keep} newest
     * ({@link DiscardedCheckpoints}: out of the directory's checkpoints at once, deleted after the
     * pause). Newer ones (another thread's or JVM's) count as kept but are never deleted here.
     * Failing to delete a file (open elsewhere, on Windows) is reported and does not fail the
     * checkpoint.
     */
    private static void rotate(Path dir, Path written, int keep) {
        List<Path> checkpoints;
        try {
            checkpoints = CheckpointNames.list(dir);
        } catch (IOException e) {
            StasisLog.warn("stasis: could not list " + dir + " to delete old checkpoints (" + e + ").");
            return;
        }
        int kept = 1;
        boolean older = false;
        for (Path p : checkpoints) {
            if (p.equals(written)) {
                older = true;
            } else if (FileStructure.looksComplete(p)) {
                if (!older || kept < keep) {
                    kept++;
                } else {
                    DiscardedCheckpoints.discard(p);
                }
            }
        }
    }

    private static void writeFile(Snapshot snapshot, HeapEncoder heap, ChecksummedOutputStream out) throws IOException {
        Compression compression = compression(snapshot.header);
        writePreamble(out, FileLayout.VERSION);
        section(out, Section.HEADER, m -> writeHeader(m, snapshot.header));
        section(out, Section.METHODS, m -> {
            m.i32(snapshot.methods.size());
            for (MethodInfo method : snapshot.methods) {
                m.string(method.key);
                m.string(method.bytecodeHash);
                m.string(method.sourceFile);
                m.ints(method.siteLines);
                m.strings(method.siteLayouts);
            }
        });
        section(out, Section.CLASSES, m -> {
            m.i32(snapshot.initializedClasses.size());
            for (String c : snapshot.initializedClasses) {
                m.string(c);
            }
        });
        section(out, Section.THREADS, m -> writeThreads(m, snapshot.threads));
        section(out, Section.STATICS, m -> {
            m.i32(snapshot.statics.size());
            for (StaticFields s : snapshot.statics) {
                m.string(s.className);
                m.strings(s.names);
            }
        });
        if (!snapshot.carriedClasses.isEmpty()) {
            section(out, FileLayout.CARRIED_CLASSES_TAG, m -> {
                m.i32(snapshot.carriedClasses.size());
                for (Map.Entry<String, byte[]> c : snapshot.carriedClasses.entrySet()) {
                    m.string(c.getKey());
                    m.bytes(c.getValue());
                }
            });
        }
        out.write(compression.tag().getBytes(StandardCharsets.US_ASCII));
        HeapStats stats;
        // The heap writer walks the graph while another thread checksums, compresses and writes.
        try (OutputStream body = compression == Compression.NONE ? new ChunkedOutputStream(out)
                : new CompressedOutputStream(new ChunkedOutputStream(out), compression);
                OutputStream pipelined = new PipelinedOutputStream(body)) {
            stats = heap.write(roots(snapshot), pipelined);
        }
        if (!stats.classHashes.isEmpty()) {
            section(out, FileLayout.CLASS_HASHES_TAG, m -> {
                m.i32(stats.classHashes.size());
                for (Map.Entry<String, Integer> c : stats.classHashes.entrySet()) {
                    m.string(c.getKey());
                    m.i32(c.getValue());
                }
            });
        }
        section(out, Section.HISTOGRAM, m -> writeHistogram(m, stats));
        if (out.signs()) {
            byte[] signature = out.signature();
            writeInt(out, FileSignature.TAG);
            try (ChunkedOutputStream chunks = new ChunkedOutputStream(out)) {
                chunks.write(signature);
            }
        }
        writeTrailer(out);
    }

    /**
     * The compression the options recorded in the header ask for ({@code compress=}): the header
     * carries the effective options of the run that takes the checkpoint. Options that do not parse
     * (hand-made snapshots in tests) mean none.
     */
    static Compression compression(CheckpointHeader header) {
        try {
            String name = AgentOptions.fromArgument(header.agentOptions).get(Option.COMPRESS);
            Compression c = name == null ? null : Compression.named(name);
            return c == null ? Compression.NONE : c;
        } catch (OptionException e) {
            return Compression.NONE;
        }
    }

    private static void writePreamble(OutputStream out, int version) throws IOException {
        byte[] writer = StasisVersion.current().getBytes(StandardCharsets.UTF_8);
        int writerLength = Math.min(writer.length, FileLayout.MAX_WRITER_LENGTH);
        byte[] p = new byte[12 + writerLength];
        System.arraycopy(FileLayout.MAGIC, 0, p, 0, 8);
        p[8] = (byte) (version >>> 8);
        p[9] = (byte) version;
        p[10] = (byte) (writerLength >>> 8);
        p[11] = (byte) writerLength;
        System.arraycopy(writer, 0, p, 12, writerLength);
        CRC32C crc = new CRC32C();
        crc.update(p);
        out.write(p);
        writeInt(out, (int) crc.getValue());
    }

    private static void writeHeader(MetadataOutput m, CheckpointHeader h) throws IOException {
        m.string(h.jdkVendor);
        m.string(h.jdkVersion);
        m.string(h.os);
        m.string(h.arch);
        m.i64(h.timeMillis);
        m.string(h.mainClass);
        m.string(h.classPath);
        m.string(h.agentOptions);
    }

    private static void writeThreads(MetadataOutput m, List<CapturedThread> threads) throws IOException {
        m.i32(threads.size());
        for (CapturedThread t : threads) {
            m.string(t.name);
            m.u8(t.daemon ? 1 : 0);
            m.i32(t.priority);
            m.i32(t.frames.size());
            for (FrameRecord f : t.frames) {
                m.string(f.method());
                m.i32(f.siteWord());
                m.longs(f.prims());
                m.i32(f.refs().length);
            }
        }
    }

    /** What each of {@link #roots} is, in words, for the path an error message shows. */
    private static String[] rootNames(Snapshot snapshot) {
        List<String> names = new ArrayList<>();
        for (CapturedThread t : snapshot.threads) {
            for (FrameRecord f : t.frames) {
                String m = f.method();
                int paren = m.indexOf('(');
                names.add("locals and operand stack of " + (paren < 0 ? m : m.substring(0, paren)).replace('/', '.')
                        + "(...) in thread \"" + t.name + "\"");
            }
        }
        for (StaticFields s : snapshot.statics) {
            // The path's next step is an index into this list of fields.
            names.add("static fields of " + s.className + (s.names.length <= 8 ? " " + Arrays.toString(s.names) : ""));
        }
        names.add("the registered checkpoint listeners");
        names.add("the shutdown hooks and files to delete on exit");
        return names.toArray(new String[0]);
    }

    /**
     * One root per frame (its saved references), thread by thread, base first; then one per class
     * of statics; then the listeners; then the exit actions (an array of the shutdown hooks and one
     * of the paths of the files to delete on exit); then, when the snapshot has them, the threads'
     * Thread objects followed by their interrupt statuses.
     */
    private static Object[] roots(Snapshot snapshot) {
        List<Object> roots = new ArrayList<>();
        for (CapturedThread t : snapshot.threads) {
            for (FrameRecord f : t.frames) {
                roots.add(f.refs());
            }
        }
        for (StaticFields s : snapshot.statics) {
            if (s.names.length != s.values.length) {
                throw new IllegalArgumentException("statics of " + s.className + ": " + s.names.length
                        + " names but " + s.values.length + " values");
            }
            roots.add(s.values.clone());
        }
        roots.add(snapshot.listeners.toArray());
        roots.add(new Object[] {snapshot.shutdownHooks.toArray(), snapshot.filesToDelete.toArray()});
        if (!snapshot.threads.isEmpty() && snapshot.threads.stream().allMatch(t -> t.thread != null)) {
            List<Object> threads = new ArrayList<>();
            snapshot.threads.forEach(t -> threads.add(t.thread));
            snapshot.threads.forEach(t -> threads.add(t.interrupted));
            roots.add(threads.toArray());
        }
        return roots.toArray();
    }

    private static void writeHistogram(MetadataOutput m, HeapStats stats) throws IOException {
        Map<String, long[]> sorted = new TreeMap<>(stats.histogram);
        m.i32(sorted.size());
        for (Map.Entry<String, long[]> e : sorted.entrySet()) {
            m.string(e.getKey());
            m.i64(e.getValue()[0]);
            m.i64(e.getValue()[1]);
        }
        m.i64(stats.objects);
        m.i64(stats.bytes);
    }

    private static void writeTrailer(ChecksummedOutputStream out) throws IOException {
        writeInt(out, FileLayout.TRAILER_TAG);
        long length = out.count() + 8 + 4;
        writeInt(out, (int) (length >>> 32));
        writeInt(out, (int) length);
        writeInt(out, out.crc());
        out.flush();
    }

    @FunctionalInterface
    private interface Body {
        void write(MetadataOutput m) throws IOException;
    }

    private static void section(OutputStream out, Section section, Body body) throws IOException {
        section(out, section.tag(), body);
    }

    private static void section(OutputStream out, String tag, Body body) throws IOException {
        out.write(tag.getBytes(StandardCharsets.US_ASCII));
        try (ChunkedOutputStream chunks = new ChunkedOutputStream(out)) {
            MetadataOutput m = new MetadataOutput(chunks);
            body.write(m);
            m.flush();
        }
    }

    private static void writeInt(OutputStream out, int v) throws IOException {
        out.write(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
    }
}
