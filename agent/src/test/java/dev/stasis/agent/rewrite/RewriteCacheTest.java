package dev.stasis.agent.rewrite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.objectweb.asm.Opcodes.ACC_FINAL;
import static org.objectweb.asm.Opcodes.ACC_PUBLIC;
import static org.objectweb.asm.Opcodes.ACC_STATIC;
import static org.objectweb.asm.Opcodes.ALOAD;
import static org.objectweb.asm.Opcodes.ASTORE;
import static org.objectweb.asm.Opcodes.DUP;
import static org.objectweb.asm.Opcodes.GOTO;
import static org.objectweb.asm.Opcodes.IFEQ;
import static org.objectweb.asm.Opcodes.ILOAD;
import static org.objectweb.asm.Opcodes.INVOKEINTERFACE;
import static org.objectweb.asm.Opcodes.INVOKESPECIAL;
import static org.objectweb.asm.Opcodes.INVOKESTATIC;
import static org.objectweb.asm.Opcodes.INVOKEVIRTUAL;
import static org.objectweb.asm.Opcodes.NEW;
import static org.objectweb.asm.Opcodes.POP;
import static org.objectweb.asm.Opcodes.RETURN;
import static org.objectweb.asm.Opcodes.V17;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * The cache of rewritten classes gives back exactly what rewriting gave, and nothing stale: not
 * after a class the rewrite consulted changed, not from a damaged entry, not across agent builds.
 */
class RewriteCacheTest {

    private final ClassInstrumenter instrumenter =
            new ClassInstrumenter(new InstrumentationScope(List.of(), List.of()), note -> { });

    @TempDir
    Path root;

    @Test
    void aCachedRewriteIsTheRewrite() {
        byte[] sub = sub();
        ClassLoader loader = loader(base(false), sub);
        RewrittenClass fresh = instrumenter.rewriteClass(loader, sub);
        assertNotNull(fresh.bytes, "the class has calls, so it is rewritten");
        assertTrue(fresh.facts.containsKey("t/Base"), "the frames' types made the rewrite consult t/Base: "
                + fresh.facts.keySet());
        RewriteCache cache = RewriteCache.open(root, "agent build 1");
        cache.store("t/Sub", sub, fresh);

        RewrittenClass cached = cache.find(loader(base(false), sub), "t/Sub", sub);
        assertNotNull(cached, "found in a later run");
        assertArrayEquals(fresh.bytes, cached.bytes);
        assertEquals(fresh.facts, cached.facts);
        assertEquals(fresh.notes, cached.notes);
        assertEquals(fresh.methods.size(), cached.methods.size());
        for (int k = 0; k < fresh.methods.size(); k++) {
            RewrittenClass.Method a = fresh.methods.get(k);
            RewrittenClass.Method b = cached.methods.get(k);
            assertEquals(a.name + a.desc + a.key, b.name + b.desc + b.key);
            assertArrayEquals(a.captureBcis, b.captureBcis);
            assertArrayEquals(a.siteWords, b.siteWords);
            assertArrayEquals(a.unrecordedBcis, b.unrecordedBcis);
            assertEquals(a.info == null, b.info == null);
            if (a.info != null) {
                assertEquals(a.info.bytecodeHash, b.info.bytecodeHash);
                assertEquals(a.info.sourceFile, b.info.sourceFile);
                assertArrayEquals(a.info.siteLines, b.info.siteLines);
                assertArrayEquals(a.info.siteLayouts, b.info.siteLayouts);
            }
        }
    }

    /**
     * A class that calls {@code Stasis.checkpoint()} is marked, so that loading it has the first
     * checkpoint's set-up done ahead, whether it was rewritten now or taken from the cache.
     */
    @Test
    void aClassThatAsksForCheckpointsIsMarkedInTheCacheToo() {
        byte[] caller = checkpointCaller();
        ClassLoader loader = loader(base(false), sub());
        RewrittenClass fresh = instrumenter.rewriteClass(loader, caller);
        assertTrue(fresh.checkpoints, "t.Caller calls Stasis.checkpoint()");
        assertFalse(instrumenter.rewriteClass(loader, sub()).checkpoints, "t.Sub does not");
        RewriteCache cache = RewriteCache.open(root, "agent build 1");
        cache.store("t/Caller", caller, fresh);
        RewrittenClass cached = cache.find(loader(base(false), sub()), "t/Caller", caller);
        assertNotNull(cached);
        assertTrue(cached.checkpoints, "the mark is kept in the cache");
    }

    @Test
    void aClassThatNeedsNoChangeIsRememberedToo() {
        byte[] base = base(false);
        RewrittenClass fresh = instrumenter.rewriteClass(loader(base, sub()), base);
        RewriteCache cache = RewriteCache.open(root, "agent build 1");
        cache.store("t/Base", base, fresh);
        RewrittenClass cached = cache.find(loader(base, sub()), "t/Base", base);
        assertNotNull(cached);
        assertEquals(fresh.bytes == null, cached.bytes == null);
    }

    @Test
    void aChangeToAConsultedClassMeansAFreshRewrite() {
        byte[] sub = sub();
        RewriteCache cache = RewriteCache.open(root, "agent build 1");
        cache.store("t/Sub", sub, instrumenter.rewriteClass(loader(base(false), sub), sub));
        assertNull(cache.find(loader(base(true), sub), "t/Sub", sub), "t/Base is final now");
        assertNull(cache.find(loader(null, sub), "t/Sub", sub), "t/Base is gone");
        assertNotNull(cache.find(loader(base(false), sub), "t/Sub", sub), "t/Base as it was");
    }

    /**
     * The JDK's classes are not read again for a class of the JDK's own loaders (the application
     * class loader): the cache's directory is the JDK build's, so they cannot have changed. A loader
     * of the program's own may serve other class files under a JDK class's name, and is checked.
     */
    @Test
    void jdkClassesAreCheckedOnlyForTheProgramsOwnLoaders() {
        byte[] runner = runnableCaller();
        RewrittenClass fresh = instrumenter.rewriteClass(loader(base(false), sub()), runner);
        assertTrue(fresh.facts.containsKey("java/lang/Runnable"), "whether Runnable.run() may be overridden: "
                + fresh.facts.keySet());
        fresh.facts.put("java/lang/Runnable", fresh.facts.get("java/lang/Runnable") + 1);
        RewriteCache cache = RewriteCache.open(root, "agent build 1");
        cache.store("t/Runner", runner, fresh);
        assertNotNull(cache.find(ClassLoader.getSystemClassLoader(), "t/Runner", runner),
                "the application class loader's JDK classes are the JDK build's");
        assertNull(cache.find(loader(base(false), sub()), "t/Runner", runner),
                "a loader of the program's own is asked again");
    }

    @Test
    void aDamagedEntryIsRewrittenAndReplaced() throws IOException {
        byte[] sub = sub();
        ClassLoader loader = loader(base(false), sub);
        RewriteCache cache = RewriteCache.open(root, "agent build 1");
        RewrittenClass fresh = instrumenter.rewriteClass(loader, sub);
        cache.store("t/Sub", sub, fresh);
        Path entry = onlyEntry(cache);
        byte[] good = Files.readAllBytes(entry);
        for (int at : new int[] {0, good.length / 3, good.length / 2, good.length - 1}) {
            byte[] bad = good.clone();
            bad[at] ^= 0x20;
            Files.write(entry, bad);
            assertNull(cache.find(loader, "t/Sub", sub), "one byte changed at " + at);
        }
        for (int length : new int[] {0, 3, good.length / 2, good.length - 1}) {
            Files.write(entry, Arrays.copyOf(good, length));
            assertNull(cache.find(loader, "t/Sub", sub), "cut to " + length + " bytes");
        }
        cache.store("t/Sub", sub, fresh);
        assertNotNull(cache.find(loader, "t/Sub", sub), "replaced by the next store");
    }

    @Test
    void eachAgentBuildOrJvmHasItsOwnDirectory() {
        byte[] sub = sub();
        ClassLoader loader = loader(base(false), sub);
        RewriteCache one = RewriteCache.open(root, "agent build 1");
        RewriteCache two = RewriteCache.open(root, "agent build 2");
        assertNotEquals(one.directory(), two.directory());
        one.store("t/Sub", sub, instrumenter.rewriteClass(loader, sub));
        assertNull(two.find(loader, "t/Sub", sub));
        assertNotNull(RewriteCache.open(root, "agent build 1").find(loader, "t/Sub", sub));
    }

    @Test
    void directoriesOfOtherBuildsUnusedForAWeekGoAndNothingElse() throws IOException {
        FileTime longAgo = FileTime.from(Instant.now().minus(Duration.ofDays(8)));
        Path oldBuild = Files.createDirectories(root.resolve("00112233aabbccdd"));
        Files.writeString(oldBuild.resolve("t.Sub-1.rw"), "x");
        Files.setLastModifiedTime(oldBuild, longAgo);
        Path recentBuild = Files.createDirectories(root.resolve("99887766aabbccdd"));
        Files.writeString(recentBuild.resolve("t.Sub-1.rw"), "x");
        Path usersOwn = Files.createDirectories(root.resolve("photos"));
        Files.writeString(usersOwn.resolve("cat.rw"), "x");
        Files.setLastModifiedTime(usersOwn, longAgo);
        Path mixed = Files.createDirectories(root.resolve("0011223344556677"));
        Files.writeString(mixed.resolve("t.Sub-1.rw"), "x");
        Files.writeString(mixed.resolve("notes.txt"), "x");
        Files.setLastModifiedTime(mixed, longAgo);

        byte[] sub = sub();
        RewriteCache.open(root, "agent build 3").store("t/Sub", sub, instrumenter.rewriteClass(loader(base(false), sub), sub));

        assertFalse(Files.exists(oldBuild), "unused for a week");
        assertTrue(Files.exists(recentBuild.resolve("t.Sub-1.rw")), "written to recently");
        assertTrue(Files.exists(usersOwn.resolve("cat.rw")), "not a directory of the cache");
        assertTrue(Files.exists(mixed.resolve("notes.txt")) && !Files.exists(mixed.resolve("t.Sub-1.rw")),
                "only the cache's entries go");
    }

    @Test
    void aDirectoryThatReachesItsBoundStartsAfresh() throws IOException {
        RewriteCache cache = RewriteCache.open(root, "agent build 1", 3);
        for (int k = 0; k < 3; k++) {
            byte[] c = classWithCall("t/C" + k);
            cache.store("t/C" + k, c, instrumenter.rewriteClass(loader(base(false), sub()), c));
        }
        assertEquals(3, entryCount(cache));
        byte[] last = classWithCall("t/C3");
        cache.store("t/C3", last, instrumenter.rewriteClass(loader(base(false), sub()), last));
        assertEquals(1, entryCount(cache), "emptied, then the new entry");
        assertNotNull(cache.find(loader(base(false), sub()), "t/C3", last));
    }

    @Test
    void aCacheThatCannotBeWrittenIsNotUsed() throws IOException {
        Path notADirectory = Files.writeString(root.resolve("file"), "x");
        assertNull(RewriteCache.open(notADirectory, "agent build 1"), "its directory cannot be made");
        assertNull(RewriteCache.open(root, null), "no identity (class directories): no cache");
        RewriteCache cache = RewriteCache.open(root, "agent build 1");
        byte[] sub = sub();
        ClassLoader loader = loader(base(false), sub);
        Files.delete(cache.directory());
        cache.store("t/Sub", sub, instrumenter.rewriteClass(loader, sub));
        assertNull(cache.find(loader, "t/Sub", sub), "its directory went away: nothing stored, nothing found");
    }

    @Test
    void aDirectoryOthersMayWriteToIsNotUsed() throws IOException {
        RewriteCache mine = RewriteCache.open(root, "agent build 1");
        assertNotNull(mine);
        assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(mine.directory()),
                "made for this user alone");
        Files.setPosixFilePermissions(mine.directory(), PosixFilePermissions.fromString("rwxrwxr-x"));
        assertNull(RewriteCache.open(root, "agent build 1"), "its group may write there");
        Files.setPosixFilePermissions(mine.directory(), PosixFilePermissions.fromString("rwxr-xr-x"));
        assertNotNull(RewriteCache.open(root, "agent build 1"), "only its owner may write there");
    }

    private static Path onlyEntry(RewriteCache cache) throws IOException {
        try (Stream<Path> files = Files.list(cache.directory())) {
            List<Path> all = new ArrayList<>(files.toList());
            assertEquals(1, all.size(), all.toString());
            return all.get(0);
        }
    }

    private static long entryCount(RewriteCache cache) throws IOException {
        try (Stream<Path> files = Files.list(cache.directory())) {
            return files.count();
        }
    }

    /** {@code public class NAME { static void run() { t.Sub.run(); } }} */
    private static byte[] classWithCall(String name) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(V17, ACC_PUBLIC, name, null, "java/lang/Object", null);
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, "run", "()V", null, null);
        mv.visitCode();
        mv.visitMethodInsn(INVOKESTATIC, "t/Sub", "run", "()V", false);
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** A loader that finds {@code t/Base} (unless null) and {@code t/Sub} as resources, as a class path would. */
    private static ClassLoader loader(byte[] base, byte[] sub) {
        Map<String, byte[]> resources = base == null ? Map.of("t/Sub.class", sub)
                : Map.of("t/Base.class", base, "t/Sub.class", sub);
        return new ClassLoader(RewriteCacheTest.class.getClassLoader()) {
            @Override
            public InputStream getResourceAsStream(String name) {
                byte[] b = resources.get(name);
                return b != null ? new ByteArrayInputStream(b) : super.getResourceAsStream(name);
            }
        };
    }

    /** {@code public class t.Base { public void work() {} }}, final when asked. */
    private static byte[] base(boolean isFinal) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS | ClassWriter.COMPUTE_FRAMES);
        cw.visit(V17, ACC_PUBLIC | (isFinal ? ACC_FINAL : 0), "t/Base", null, "java/lang/Object", null);
        constructor(cw, "java/lang/Object");
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, "work", "()V", null, null);
        mv.visitCode();
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    /**
     * {@code class t.Sub extends t.Base { static void run(boolean c) { Base b = c ? new Sub() : new
     * Base(); b.work(); } }}: the two branches meet with a Sub and a Base, whose common superclass
     * the rewrite looks up (JVMS 4.10.1.2).
     */
    private static byte[] sub() {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(V17, ACC_PUBLIC, "t/Sub", null, "t/Base", null);
        constructor(cw, "t/Base");
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, "run", "(Z)V", null, null);
        mv.visitCode();
        Label other = new Label();
        Label join = new Label();
        mv.visitVarInsn(ILOAD, 0);
        mv.visitJumpInsn(IFEQ, other);
        mv.visitTypeInsn(NEW, "t/Sub");
        mv.visitInsn(DUP);
        mv.visitMethodInsn(INVOKESPECIAL, "t/Sub", "<init>", "()V", false);
        mv.visitVarInsn(ASTORE, 1);
        mv.visitJumpInsn(GOTO, join);
        mv.visitLabel(other);
        mv.visitTypeInsn(NEW, "t/Base");
        mv.visitInsn(DUP);
        mv.visitMethodInsn(INVOKESPECIAL, "t/Base", "<init>", "()V", false);
        mv.visitVarInsn(ASTORE, 1);
        mv.visitLabel(join);
        mv.visitVarInsn(ALOAD, 1);
        mv.visitMethodInsn(INVOKEVIRTUAL, "t/Base", "work", "()V", false);
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** {@code class t.Caller { static void run() { Stasis.checkpoint(); } }} */
    private static byte[] checkpointCaller() {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(V17, ACC_PUBLIC, "t/Caller", null, "java/lang/Object", null);
        constructor(cw, "java/lang/Object");
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, "run", "()V", null, null);
        mv.visitCode();
        mv.visitMethodInsn(INVOKESTATIC, "dev/stasis/Stasis", "checkpoint", "()Ldev/stasis/Stasis$Outcome;", false);
        mv.visitInsn(POP);
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** {@code class t.Runner { static void run(Runnable r) { r.run(); } }} */
    private static byte[] runnableCaller() {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(V17, ACC_PUBLIC, "t/Runner", null, "java/lang/Object", null);
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, "run", "(Ljava/lang/Runnable;)V", null, null);
        mv.visitCode();
        mv.visitVarInsn(ALOAD, 0);
        mv.visitMethodInsn(INVOKEINTERFACE, "java/lang/Runnable", "run", "()V", true);
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    private static void constructor(ClassWriter cw, String superName) {
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
        mv.visitCode();
        mv.visitVarInsn(ALOAD, 0);
        mv.visitMethodInsn(INVOKESPECIAL, superName, "<init>", "()V", false);
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }
}
