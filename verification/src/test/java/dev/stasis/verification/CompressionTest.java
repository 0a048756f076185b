package dev.stasis.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import demo.PiDigits;
import e2e.heap.JdkCollections;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import samples.TextIndex;

/**
 * compress=: a checkpoint whose heap is compressed is restored on the other JDK by the launcher,
 * which learns the compression from the file (and keeps the recorded option for the restored JVM),
 * and on a big-endian CPU, since every codec is pure Java and independent of byte order.
 */
class CompressionTest {

    private static final ForeignCpu BIG_ENDIAN = new ForeignCpu("s390x");

    @TestFactory
    Stream<DynamicTest> deflateCheckpointsRestoreOnTheOtherJdk() {
        Program program = Program.sample(PiDigits.class, "2000", "1000");
        return Jdks.directions().stream().map(direction -> Scenario.named("PiDigits compress=deflate " + direction,
                () -> compressedRoundTrip(program, "deflate", "HDFL", direction)));
    }

    @TestFactory
    Stream<DynamicTest> lz4CheckpointsRestoreOnTheOtherJdk() {
        Program program = Program.of(JdkCollections.class);
        return Jdks.directions().stream().limit(1).map(direction -> Scenario.named("JdkCollections compress=lz4 "
                + direction, () -> compressedRoundTrip(program, "lz4", "HLZ4", direction)));
    }

    /** Written on this machine's JDK 17, restored with restore=FILE on the emulated s390x JVM. */
    @TestFactory
    Stream<DynamicTest> compressedCheckpointsRestoreOnABigEndianCpu() {
        Program program = Program.sample(TextIndex.class, "600");
        return Stream.of("lz4", "deflate").map(codec -> Scenario.named("TextIndex 600 compress=" + codec + " -> "
                + BIG_ENDIAN.label(), () -> restoreOnBigEndianCpu(program, codec)));
    }

    private static void restoreOnBigEndianCpu(Program program, String codec) {
        assumeTrue(ForeignCpu.configured().contains(BIG_ENDIAN), "-D" + ForeignCpu.CPUS_PROPERTY + "="
                + System.getProperty(ForeignCpu.CPUS_PROPERTY) + " leaves out " + BIG_ENDIAN.arch()
                + ", the big-endian CPU compressed checkpoints are restored on");
        JvmResult probe = BIG_ENDIAN.probe();
        if (probe.exitCode() != 0) {
            fail("the emulated " + BIG_ENDIAN.arch() + " JVM could not be started (" + ForeignCpu.script()
                    + " downloads Debian's OpenJDK 17 for it and qemu-user-static on first use, which needs"
                    + " apt-get and network access to Debian's archive). Run with -D" + ForeignCpu.CPUS_PROPERTY
                    + "=none to leave the other CPUs out." + probe.describe());
        }
        Jdk here = Jdks.oldest();
        Path work = Artifacts.workDir("compression/" + program.fileName() + "-" + codec + "/to-" + BIG_ENDIAN.arch());
        List<JvmResult> runs = new ArrayList<>();
        JvmResult plain = Scenario.uninterrupted(program, here);
        runs.add(plain);
        long n = Math.max(1, SafePoints.count(program, here) / 2);
        Path dir = work.resolve("checkpoints");
        JvmResult stopped = JvmRun.withAgent("checkpoint", here, program,
                "dir=" + dir + ",exit=true,at=" + n + ",compress=" + codec).run(work);
        runs.add(stopped);
        Path file = Scenario.onlyCheckpoint(stopped, dir, runs);
        JvmResult restored = BIG_ENDIAN.withAgent("restore-" + BIG_ENDIAN.arch(), program,
                "restore=" + file + ",dir=" + work.resolve("after")).run(work);
        runs.add(restored);
        Scenario.expectExit(restored, plain.exitCode(), runs);
        Scenario.expectNoTrace(restored, runs);
        Scenario.expectJoined(stopped.stdout() + restored.stdout(), plain, runs);
    }

    private static void compressedRoundTrip(Program program, String codec, String heapTag, Direction direction)
            throws IOException {
        Path work = Artifacts.workDir("compression/" + program.fileName() + "-" + codec + "/" + direction.fileName());
        Path checkpoints = work.resolve("checkpoints");
        List<JvmResult> runs = new ArrayList<>();
        JvmResult plain = Scenario.uninterrupted(program, direction.from());
        runs.add(plain);

        JvmResult checkpoint = JvmRun.withAgent("checkpoint", direction.from(), program,
                "dir=" + checkpoints + ",exit=true,compress=" + codec).run(work);
        runs.add(checkpoint);
        Scenario.expectExit(checkpoint, 0, runs);
        Scenario.expectNoTrace(checkpoint, runs);
        List<Path> files = Scenario.checkpointFiles(checkpoints);
        assertEquals(1, files.size(), "one checkpoint file expected in " + checkpoints + Scenario.describe(runs));
        byte[] file = Files.readAllBytes(files.get(0));
        int version = (file[8] & 0xFF) << 8 | (file[9] & 0xFF);
        assertTrue(version >= 2, "a compressed checkpoint is format version 2 or later (releases from before"
                + " compression refuse it by its version), not " + version);
        assertTrue(new String(file, StandardCharsets.ISO_8859_1).contains(heapTag),
                "the heap section should be tagged " + heapTag);

        JvmResult restore = JvmRun.restore("restore", direction.to(), checkpoints).run(work);
        runs.add(restore);
        Scenario.expectExit(restore, plain.exitCode(), runs);
        Scenario.expectNoTrace(restore, runs);
        Scenario.expectJoined(checkpoint.stdout() + restore.stdout(), plain, runs);
    }
}
