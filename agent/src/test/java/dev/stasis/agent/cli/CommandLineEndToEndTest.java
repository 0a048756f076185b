package dev.stasis.agent.cli;

import dev.stasis.agent.rewrite.MethodFingerprint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stasis.internal.capture.FrameRecord;
import dev.stasis.internal.format.CapturedThread;
import dev.stasis.internal.format.CheckpointHeader;
import dev.stasis.internal.format.CheckpointKey;
import dev.stasis.internal.format.CheckpointWriter;
import dev.stasis.internal.format.MethodInfo;
import dev.stasis.internal.format.Snapshot;
import dev.stasis.internal.format.StaticFields;
import dev.stasis.internal.heap.HeapWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/** inspect and verify on real checkpoint files, written by the real writer. */
class CommandLineEndToEndTest {

    private static final String KEY = "dev/stasis/agent/cli/VerifyFixture.compute(I)I";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return StasisCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
    }

    private static String fingerprint() throws IOException {
        ClassNode node = new ClassNode();
        try (InputStream in = VerifyFixture.class.getResourceAsStream("VerifyFixture.class")) {
            new ClassReader(in.readAllBytes()).accept(node, 0);
        }
        for (MethodNode m : node.methods) {
            if (m.name.equals("compute")) {
                return MethodFingerprint.of(m);
            }
        }
        throw new AssertionError("compute");
    }

    private Path checkpoint(String hash) throws IOException {
        return checkpoint(hash, null);
    }

    private Path checkpoint(String hash, CheckpointKey key) throws IOException {
        CheckpointHeader header = CheckpointHeader.ofThisJvm("dev.stasis.agent.cli.VerifyFixture",
                "no-such-dir", "dir=" + dir);
        MethodInfo method = new MethodInfo(KEY, hash, "VerifyFixture.java", new int[] {13}, new String[] {"II|"});
        FrameRecord frame = new FrameRecord(KEY, 0, new long[] {5, 30}, new Object[0]);
        Snapshot snapshot = new Snapshot(header, List.of(method), List.of("dev.stasis.agent.cli.VerifyFixture"),
                List.of(new CapturedThread("main", false, 5, List.of(frame))),
                List.of(new StaticFields("dev.stasis.agent.cli.VerifyFixture", new String[] {"names"},
                        new Object[] {List.of("x", "y")})), List.of());
        return CheckpointWriter.write(snapshot, dir, 3, new HeapWriter(ClassLoader.getSystemClassLoader()), key);
    }

    private static String testClasses() throws Exception {
        Path file = Path.of(VerifyFixture.class.getResource("VerifyFixture.class").toURI());
        return file.getParent().getParent().getParent().getParent().getParent().toString();
    }

    @Test
    void inspectShowsTheStackAndTheHeap() throws Exception {
        checkpoint(fingerprint());
        assertEquals(0, run("inspect", dir.toString()), err.toString());
        String s = out.toString();
        assertTrue(s.contains("at dev.stasis.agent.cli.VerifyFixture.compute(VerifyFixture.java:13)"), s);
        assertTrue(s.contains("saved: locals int 5, int 30; stack none"), s);
        assertTrue(s.contains("dev.stasis.agent.cli.VerifyFixture: names"), s);
        assertTrue(s.contains("java.lang.String"), s);
        assertEquals("", err.toString());
    }

    @Test
    void verifyAgainstTheSameAndAChangedApplication() throws Exception {
        Path file = checkpoint(fingerprint());
        assertEquals(0, run("verify", "--cp", testClasses(), file.toString()), err.toString());
        assertTrue(out.toString().contains("intact"), out.toString());

        Path other = checkpoint("0".repeat(64));
        assertEquals(1, run("verify", "--cp", testClasses(), other.toString()));
        assertTrue(err.toString().contains("the code of dev.stasis.agent.cli.VerifyFixture.compute(I)I changed"),
                err.toString());
    }

    @Test
    void verifyReportsDamage() throws Exception {
        Path file = checkpoint(fingerprint());
        byte[] b = Files.readAllBytes(file);
        b[b.length / 2] ^= 0x40;
        Files.write(file, b);
        assertEquals(2, run("verify", "--cp", testClasses(), file.toString()));
        assertTrue(err.toString().contains("is damaged"), err.toString());
    }

    private Path keyFile(String name, String secret) throws IOException {
        return Files.writeString(dir.resolve(name), secret);
    }

    @Test
    void signedCheckpointIsReadWithItsKeyOnly() throws Exception {
        Path key = keyFile("good.key", "a secret of enough length");
        Path file = checkpoint(fingerprint(), CheckpointKey.load(key));

        assertEquals(0, run("verify", "--cp", testClasses(), "--key", key.toString(), file.toString()),
                err.toString());
        assertTrue(out.toString().contains("every checksum and the signature match"), out.toString());
        assertEquals(0, run("inspect", "--key", key.toString(), dir.toString()), err.toString());
        assertTrue(out.toString().contains("VerifyFixture.compute(VerifyFixture.java:13)"), out.toString());

        Path wrong = keyFile("wrong.key", "another secret, as long");
        for (String command : new String[] {"verify", "inspect"}) {
            err.getBuffer().setLength(0);
            assertEquals(2, run(command, "--key", wrong.toString(), file.toString()));
            assertTrue(err.toString().contains("signature does not match the signing key " + wrong), err.toString());
            assertEquals(1, err.toString().strip().lines().count(), err.toString());

            err.getBuffer().setLength(0);
            assertEquals(2, run(command, file.toString()));
            assertTrue(err.toString().contains("this checkpoint is signed; give the key with key=FILE"),
                    err.toString());
            assertEquals(1, err.toString().strip().lines().count(), err.toString());
        }
    }

    @Test
    void unsignedCheckpointWithKeyAndUnusableKeyFile() throws Exception {
        Path file = checkpoint(fingerprint());
        Path key = keyFile("good.key", "a secret of enough length");
        assertEquals(2, run("verify", "--key", key.toString(), file.toString()));
        assertTrue(err.toString().contains("is not signed, but a signing key was given"), err.toString());

        err.getBuffer().setLength(0);
        Path missing = dir.resolve("missing.key");
        assertEquals(2, run("restore", "--key", missing.toString(), file.toString()));
        assertTrue(err.toString().startsWith("stasis: " + missing + ": the signing key file (key=) does not exist"),
                err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
    }
}
