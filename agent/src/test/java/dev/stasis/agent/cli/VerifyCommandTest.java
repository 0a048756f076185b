package dev.stasis.agent.cli;

import dev.stasis.agent.rewrite.MethodFingerprint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stasis.internal.format.CheckpointFileException;
import dev.stasis.internal.format.CheckpointSummary;
import dev.stasis.internal.format.FrameSummary;
import dev.stasis.internal.format.MethodInfo;
import dev.stasis.internal.format.ThreadSummary;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

class VerifyCommandTest {

    private static final String OWNER = "dev/stasis/agent/cli/VerifyFixture";
    private static final String KEY = OWNER + ".compute(I)I";

    @TempDir
    Path dir;

    private static byte[] fixtureBytes() throws IOException {
        try (InputStream in = VerifyFixture.class.getResourceAsStream("VerifyFixture.class")) {
            return in.readAllBytes();
        }
    }

    private static String fingerprint(String name) throws IOException {
        ClassNode node = new ClassNode();
        new ClassReader(fixtureBytes()).accept(node, 0);
        for (MethodNode m : node.methods) {
            if (m.name.equals(name)) {
                return MethodFingerprint.of(m);
            }
        }
        throw new AssertionError(name);
    }

    private static CheckpointSummary stoppedIn(String key, String hash) {
        return Summaries.of(List.of(new MethodInfo(key, hash, "VerifyFixture.java", new int[] {12}, new String[1])),
                List.of(new ThreadSummary("main", false, 5, List.of(new FrameSummary(key, 0, new long[0], 0)))));
    }

    private Path classPath() throws IOException {
        Path classes = dir.resolve("classes");
        Path file = classes.resolve(OWNER + ".class");
        Files.createDirectories(file.getParent());
        Files.write(file, fixtureBytes());
        return classes;
    }

    @Test
    void unchangedMethodsAreCompatible() throws Exception {
        assertEquals(List.of(), VerifyCommand.incompatibilities(stoppedIn(KEY, fingerprint("compute")),
                classPath().toString()));
    }

    @Test
    void classesAreFoundInJarsToo() throws Exception {
        Path jar = dir.resolve("app.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry(OWNER + ".class"));
            out.write(fixtureBytes());
        }
        assertEquals(List.of(), VerifyCommand.incompatibilities(stoppedIn(KEY, fingerprint("compute")),
                dir.resolve("missing.jar") + java.io.File.pathSeparator + jar));
    }

    @Test
    void changedCodeIsNamed() throws Exception {
        List<String> problems = VerifyCommand.incompatibilities(stoppedIn(KEY, fingerprint("constant")),
                classPath().toString());
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("the code of dev.stasis.agent.cli.VerifyFixture.compute(I)I changed"),
                problems.get(0));
    }

    @Test
    void missingMethodAndClassAreNamed() throws Exception {
        String cp = classPath().toString();
        assertTrue(VerifyCommand.incompatibilities(stoppedIn(OWNER + ".gone(I)I", "x"), cp).get(0)
                .contains("method dev.stasis.agent.cli.VerifyFixture.gone(I)I no longer exists"));
        assertTrue(VerifyCommand.incompatibilities(stoppedIn("com/acme/Gone.run()V", "x"), cp).get(0)
                .contains("class com.acme.Gone (of com.acme.Gone.run()V) is not in the class path"));
    }

    @Test
    void aFrameWithoutFingerprintMakesTheCheckpointUnusable() {
        CheckpointSummary s = Summaries.of(List.of(), List.of(new ThreadSummary("main", false, 5,
                List.of(new FrameSummary(KEY, 0, new long[0], 0)))));
        assertThrows(CheckpointFileException.class, () -> VerifyCommand.incompatibilities(s, classPath().toString()));
    }
}
