package dev.stasis.agent.rewrite;

import dev.stasis.internal.format.MethodInfo;
import dev.stasis.internal.format.StasisVersion;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.lang.module.ResolvedModule;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * Rewritten classes kept on disk between runs, so that a program started again (or restored)
 * with the same agent skips the rewriting: for a program of a few hundred classes that is most
 * of the agent's start-up, the analysis and the JIT compiling the rewriter (Commons Math's 316
 * classes: about a second of CPU).
 *
 * <p>An entry is found by the class file's bytes (name, length and two CRCs) in a directory of
 * its own for each agent build, JVM and set of options that change what the rewriter produces
 * ({@link #identity}). It holds the {@link RewrittenClass}, with the digest of every class whose
 * hierarchy facts the rewrite consulted; it is used only while those classes still look the same
 * to this class loader, so a changed library, class path or JDK means a fresh rewrite, never a
 * stale one. An entry that cannot be read (damaged, cut short, another format) is rewritten and
 * replaced; a cache that cannot be written is simply not used. Entries are written to a temporary
 * file and renamed into place, so JVMs sharing the cache never read half an entry. Entries become
 * code in the JVM, so a directory that another user owns or may write to is not used.
 */
final class RewriteCache {

    /** "STC" and the entry layout's version. */
    private static final int MAGIC = 0x53544332;
    private static final String ENTRY = ".rw";
    private static final String TEMPORARY = "entry";
    /** Directories of other agent builds or JVMs that have not been written to for this long are removed. */
    private static final Duration UNUSED = Duration.ofDays(7);
    /** Tells apart the temporary files of one JVM's stores. */
    private static final AtomicLong TEMPORARIES = new AtomicLong();
    /**
     * Past this many entries the directory is emptied and filled afresh: a program that generates
     * classes under new names at every run (mocks, scripts) must not grow it without end.
     */
    private static final int MAX_ENTRIES = 20_000;

    private final Path dir;
    private final int maxEntries;
    private volatile boolean unwritable;
    /** Entries in the directory, counted at this JVM's first store and kept up to date since; -1 before. */
    private int entries = -1;

    private RewriteCache(Path dir, int maxEntries) {
        this.dir = dir;
        this.maxEntries = maxEntries;
    }

    /**
     * The cache under {@code root} for rewrites described by {@code identity}, its directory
     * created if need be; null when there is none: {@code identity} null (the agent runs from
     * class directories, whose changes a cache could not see), a directory that cannot be
     * created, or one that another user owns or may write to.
     */
    static RewriteCache open(Path root, String identity) {
        return open(root, identity, MAX_ENTRIES);
    }

    static RewriteCache open(Path root, String identity, int maxEntries) {
        if (root == null || identity == null) {
            return null;
        }
        byte[] id = identity.getBytes(StandardCharsets.UTF_8);
        Path dir = root.resolve(hex(crc32(id), 8) + hex(crc32c(id), 8));
        boolean created = false;
        try {
            if (!Files.isDirectory(dir)) {
                created = createPrivate(dir);
            }
            if (!ownedByThisUserAlone(dir)) {
                return null;
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        RewriteCache cache = new RewriteCache(dir, maxEntries);
        if (created) {
            try {
                cache.removeUnused();
            } catch (IOException | RuntimeException e) {
                // others' old directories stay; this one works all the same
            }
        }
        return cache;
    }

    /**
     * Creates the directory, readable and writable by this user alone where the file system has
     * POSIX permissions; false when another JVM created it first.
     */
    private static boolean createPrivate(Path dir) throws IOException {
        Files.createDirectories(dir.getParent());
        try {
            // the file system's views rather than the directory's file store, which would read the mount table
            if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectory(dir);
            }
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    /**
     * Whether only this user can have written the directory's entries, which become code in this
     * JVM: it belongs to this user and neither its group nor others may write to it. Where the
     * file system has no POSIX permissions, its own access control (a user's profile directory)
     * is relied on.
     */
    private static boolean ownedByThisUserAlone(Path dir) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
        if (view == null) {
            return true;
        }
        PosixFileAttributes a = view.readAttributes();
        return a.owner().getName().equals(System.getProperty("user.name"))
                && !a.permissions().contains(PosixFilePermission.GROUP_WRITE)
                && !a.permissions().contains(PosixFilePermission.OTHERS_WRITE);
    }

    /**
     * What makes one rewrite differ from another for the same class file, besides the hierarchy
     * facts each entry checks: this agent build (its version and its jar's size and time, so
     * every build starts afresh), the JVM (its version and boot modules decide which packages
     * are the JDK's; with the modules patched or upgraded from elsewhere, which class files they
     * hold), the include/exclude options and whether debug notes are collected. Null when the
     * agent does not run from a jar.
     */
    static String identity(InstrumentationScope scope, boolean debug) {
        Path jar;
        try {
            jar = Path.of(RewriteCache.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(jar)) {
                return null;
            }
            StringBuilder id = new StringBuilder("rewrite cache 2|")
                    .append(StasisVersion.current()).append('|')
                    .append(jar.toAbsolutePath()).append('|').append(Files.size(jar)).append('|')
                    .append(Files.getLastModifiedTime(jar).toMillis()).append('|')
                    .append(System.getProperty("java.vm.vendor")).append('|')
                    .append(System.getProperty("java.runtime.version")).append('|')
                    .append(System.getProperty("java.home")).append('|');
            List<String> modules = new ArrayList<>();
            for (ResolvedModule m : ModuleLayer.boot().configuration().modules()) {
                // its name and location, which --upgrade-module-path changes, and "(patched)"
                // after a --patch-module, which the system properties no longer tell
                modules.add(m.reference().toString());
            }
            modules.sort(null);
            id.append(modules).append('|').append(scope.describe()).append('|').append(debug);
            return id.toString();
        } catch (IOException | RuntimeException | URISyntaxException e) {
            return null;
        }
    }

    Path directory() {
        return dir;
    }

    /**
     * The cached rewrite of this class file, if there is one and its facts still hold; else null.
     * The facts of the JDK's own classes, as a class loader of java.base (the boot, platform and
     * application loaders) finds them, are not read again: the JVM takes a JDK package's classes
     * from its module alone, and the {@link #identity} names the JDK's build, modules and patches,
     * so while this directory is in use they are what the rewrite saw. Reading them would open the
     * JDK's module image, which a program whose classes all come from the cache otherwise never
     * does (BENCHMARKS "Start-up").
     */
    RewrittenClass find(ClassLoader loader, String className, byte[] classFile) {
        RewrittenClass cached;
        try {
            cached = decode(read(entryPath(className, classFile)), className, classFile);
        } catch (IOException | RuntimeException e) {
            // none yet, or damaged: rewritten now, and replaced
            return null;
        }
        if (cached == null) {
            return null;
        }
        ClassHierarchy hierarchy = new ClassHierarchy(loader, null);
        hierarchy.define(classFile);
        boolean jdkLoader = loader == null || loader.getClass().getModule() == Object.class.getModule();
        for (Map.Entry<String, Long> fact : cached.facts.entrySet()) {
            if (jdkLoader && InstrumentationScope.isJdkClass(fact.getKey())) {
                continue;
            }
            ClassHierarchy.Info now = hierarchy.info(fact.getKey());
            if ((now == null ? 0L : now.digest()) != fact.getValue()) {
                return null;
            }
        }
        return cached;
    }

    /**
     * Keeps the rewrite for the next run; a cache that cannot be written is left alone from then on.
     * Through {@code java.io} rather than {@link Files#createTempFile} and {@link Files#write}: on a
     * program's first start this runs for its first class, and those would load some 150 JDK
     * classes (a secure random generator and its security providers for the temporary name,
     * regular expressions, channels), about 25 ms.
     */
    void store(String className, byte[] classFile, RewrittenClass rewritten) {
        if (unwritable) {
            return;
        }
        File tmp = null;
        try {
            byte[] entry = encode(rewritten, classFile);
            bound();
            Path target = entryPath(className, classFile);
            tmp = createTemporary();
            try (FileOutputStream out = new FileOutputStream(tmp)) {
                out.write(entry);
            }
            Files.move(tmp.toPath(), target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
        } catch (IOException | RuntimeException e) {
            unwritable = true;
        } finally {
            if (tmp != null) {
                // the temporary file of a failed store: nothing refers to it (one that cannot be
                // deleted either goes when the directory is next emptied)
                tmp.delete();
            }
        }
    }

    /**
     * A new, empty temporary file in the directory, named so that other threads and JVMs storing at
     * the same time pick other names; created atomically, so a name already taken is never shared.
     */
    private File createTemporary() throws IOException {
        File directory = dir.toFile();
        for (int attempt = 0; attempt < 100; attempt++) {
            File tmp = new File(directory, TEMPORARY + Long.toHexString(System.nanoTime()) + '-'
                    + Thread.currentThread().getId() + '-' + TEMPORARIES.incrementAndGet() + ".tmp");
            if (tmp.createNewFile()) {
                return tmp;
            }
        }
        throw new IOException("no free temporary name in " + dir);
    }

    private static byte[] read(Path entry) throws IOException {
        try (FileInputStream in = new FileInputStream(entry.toFile())) {
            return in.readAllBytes();
        }
    }

    /** Counts this store, emptying the directory first when it holds {@code maxEntries}. */
    private synchronized void bound() throws IOException {
        if (entries < 0 || entries >= maxEntries) {
            entries = 0;
            for (String name : list(dir.toFile())) {
                if (name.endsWith(ENTRY)) {
                    entries++;
                }
            }
            if (entries >= maxEntries) {
                removeEntries(dir.toFile());
                entries = 0;
            }
        }
        entries++;
    }

    /**
     * Removes the directories of other agent builds or JVMs not written to for {@link #UNUSED}:
     * only directories named as this class names them, only the entries in them, and the directory
     * only once empty, since {@code cache=} may name a directory that holds other things too.
     */
    private void removeUnused() throws IOException {
        long before = System.currentTimeMillis() - UNUSED.toMillis();
        File parent = dir.getParent().toFile();
        for (String name : list(parent)) {
            File sibling = new File(parent, name);
            if (name.equals(dir.getFileName().toString()) || !isDirectoryName(name) || !sibling.isDirectory()
                    || sibling.lastModified() >= before) {
                continue;
            }
            removeEntries(sibling);
            // fails, and leaves it, when something else lives there too
            sibling.delete();
        }
    }

    /** Removes the entries (and temporary files) in {@code directory}, nothing else. */
    private static void removeEntries(File directory) throws IOException {
        for (String name : list(directory)) {
            if (name.endsWith(ENTRY) || name.startsWith(TEMPORARY) && name.endsWith(".tmp")) {
                File entry = new File(directory, name);
                if (!entry.delete() && entry.exists()) {
                    throw new IOException("cannot delete " + entry);
                }
            }
        }
    }

    /**
     * The names in a directory. Through {@code java.io}, as the other file operations of a store:
     * {@link Files#newDirectoryStream} with a pattern would compile a regular expression.
     */
    private static String[] list(File directory) throws IOException {
        String[] names = directory.list();
        if (names == null) {
            throw new IOException("cannot list " + directory);
        }
        return names;
    }

    /** Whether a name is one {@link #open} gives a directory: sixteen hex digits. */
    private static boolean isDirectoryName(String name) {
        if (name.length() != 16) {
            return false;
        }
        for (int k = 0; k < name.length(); k++) {
            if (Character.digit(name.charAt(k), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private Path entryPath(String className, byte[] classFile) {
        StringBuilder name = new StringBuilder();
        for (int k = Math.max(0, className.length() - 120); k < className.length(); k++) {
            char c = className.charAt(k);
            name.append(Character.isLetterOrDigit(c) || c == '$' || c == '_' || c == '-' ? c : '.');
        }
        return dir.resolve(name.append('-').append(hex(crc32(classFile), 8)).append(hex(crc32c(classFile), 8))
                .append(hex(classFile.length, 1)).append(ENTRY).toString());
    }

    /** Lower-case hex of {@code value}, zero-padded to {@code digits} (String.format would load regex at start-up). */
    private static String hex(long value, int digits) {
        String h = Long.toHexString(value);
        StringBuilder out = new StringBuilder(digits);
        for (int k = h.length(); k < digits; k++) {
            out.append('0');
        }
        return out.append(h).toString();
    }

    private static long crc32(byte[] b) {
        CRC32 c = new CRC32();
        c.update(b);
        return c.getValue();
    }

    private static long crc32c(byte[] b) {
        CRC32C c = new CRC32C();
        c.update(b);
        return c.getValue();
    }

    private static byte[] encode(RewrittenClass r, byte[] classFile) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(r.bytes != null ? r.bytes.length + 1024 : 512);
        DataOutputStream out = new DataOutputStream(buffer);
        out.writeInt(MAGIC);
        out.writeUTF(r.name);
        out.writeInt(classFile.length);
        out.writeInt((int) crc32(classFile));
        out.writeInt((int) crc32c(classFile));
        out.writeInt(r.facts.size());
        for (Map.Entry<String, Long> fact : r.facts.entrySet()) {
            out.writeUTF(fact.getKey());
            out.writeLong(fact.getValue());
        }
        out.writeBoolean(r.bytes != null);
        if (r.bytes != null) {
            out.writeInt(r.bytes.length);
            out.write(r.bytes);
        }
        out.writeInt(r.methods.size());
        for (RewrittenClass.Method m : r.methods) {
            out.writeUTF(m.name);
            out.writeUTF(m.desc);
            out.writeUTF(m.key);
            writeInts(out, m.captureBcis);
            writeInts(out, m.siteWords);
            writeInts(out, m.unrecordedBcis);
            out.writeInt(m.rebuildWords);
            out.writeBoolean(m.info != null);
            if (m.info != null) {
                out.writeUTF(m.info.key);
                out.writeUTF(m.info.bytecodeHash);
                out.writeBoolean(m.info.sourceFile != null);
                if (m.info.sourceFile != null) {
                    out.writeUTF(m.info.sourceFile);
                }
                writeInts(out, m.info.siteLines);
                writeStrings(out, m.info.siteLayouts);
            }
        }
        out.writeBoolean(r.enumNames != null);
        if (r.enumNames != null) {
            writeStrings(out, r.enumNames.toArray(new String[0]));
            writeStrings(out, r.enumClasses.toArray(new String[0]));
        }
        writeStrings(out, r.notes.toArray(new String[0]));
        out.writeBoolean(r.checkpoints);
        out.writeByte(r.hashCodeKind);
        out.flush();
        CRC32 check = new CRC32();
        check.update(buffer.toByteArray());
        out.writeInt((int) check.getValue());
        return buffer.toByteArray();
    }

    /** The entry's rewrite, or null when it is for another class file; IOException when damaged. */
    private static RewrittenClass decode(byte[] entry, String className, byte[] classFile) throws IOException {
        if (entry.length < 8) {
            throw new IOException("entry too short");
        }
        CRC32 check = new CRC32();
        check.update(entry, 0, entry.length - 4);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(entry));
        in.skipNBytes(entry.length - 4);
        if (in.readInt() != (int) check.getValue()) {
            throw new IOException("checksum mismatch");
        }
        in = new DataInputStream(new ByteArrayInputStream(entry, 0, entry.length - 4));
        if (in.readInt() != MAGIC) {
            throw new IOException("not an entry of this format");
        }
        RewrittenClass r = new RewrittenClass(in.readUTF());
        if (!r.name.equals(className) || in.readInt() != classFile.length || in.readInt() != (int) crc32(classFile)
                || in.readInt() != (int) crc32c(classFile)) {
            return null;
        }
        int facts = in.readInt();
        for (int k = 0; k < facts; k++) {
            r.facts.put(in.readUTF(), in.readLong());
        }
        if (in.readBoolean()) {
            r.bytes = new byte[checkedLength(in)];
            in.readFully(r.bytes);
        }
        int methods = in.readInt();
        for (int k = 0; k < methods; k++) {
            String name = in.readUTF();
            String desc = in.readUTF();
            String key = in.readUTF();
            int[] bcis = readInts(in);
            int[] siteWords = readInts(in);
            int[] unrecorded = readInts(in);
            int rebuildWords = in.readInt();
            if (rebuildWords < 0) {
                throw new IOException("bad frame size " + rebuildWords);
            }
            MethodInfo info = null;
            if (in.readBoolean()) {
                String infoKey = in.readUTF();
                String hash = in.readUTF();
                String sourceFile = in.readBoolean() ? in.readUTF() : null;
                info = new MethodInfo(infoKey, hash, sourceFile, readInts(in), readStrings(in));
            }
            r.methods.add(new RewrittenClass.Method(name, desc, key, bcis, siteWords, unrecorded, rebuildWords, info));
        }
        if (in.readBoolean()) {
            r.enumNames = List.of(readStrings(in));
            r.enumClasses = List.of(readStrings(in));
        }
        r.notes.addAll(List.of(readStrings(in)));
        r.checkpoints = in.readBoolean();
        r.hashCodeKind = in.readByte();
        if (in.available() != 0) {
            throw new IOException("trailing bytes");
        }
        return r;
    }

    private static void writeInts(DataOutputStream out, int[] values) throws IOException {
        out.writeInt(values.length);
        for (int v : values) {
            out.writeInt(v);
        }
    }

    private static int[] readInts(DataInputStream in) throws IOException {
        int[] values = new int[checkedLength(in)];
        for (int k = 0; k < values.length; k++) {
            values[k] = in.readInt();
        }
        return values;
    }

    private static void writeStrings(DataOutputStream out, String[] values) throws IOException {
        out.writeInt(values.length);
        for (String v : values) {
            out.writeUTF(v);
        }
    }

    private static String[] readStrings(DataInputStream in) throws IOException {
        String[] values = new String[checkedLength(in)];
        for (int k = 0; k < values.length; k++) {
            values[k] = in.readUTF();
        }
        return values;
    }

    /** A count read from the entry, bounded by what is left of it so damage cannot ask for a huge array. */
    private static int checkedLength(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new IOException("bad count " + n);
        }
        return n;
    }
}
