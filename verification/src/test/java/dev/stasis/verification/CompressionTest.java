package dev.stasis.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/**
 * compress=: a checkpoint whose heap is compressed is restored on the other JDK by the launcher,
 * which learns the compression from the file (and keeps the recorded option for the restored JVM).
 */
class CompressionTest {

    @TestFactory
    Stream<DynamicTest> zstdCheckpointsRestoreOnTheOtherJdk() {
        Program program = Program.sample(PiDigits.class, "2000", "1000");
        return Jdks.directions().stream().map(direction -> Scenario.named("PiDigits compress=zstd " + direction,
                () -> compressedRoundTrip(program, "zstd", "HZST", direction)));
    }

    @TestFactory
    Stream<DynamicTest> lz4CheckpointsRestoreOnTheOtherJdk() {
        Program program = Program.of(JdkCollections.class);
        return Jdks.directions().stream().limit(1).map(direction -> Scenario.named("JdkCollections compress=lz4 "
                + direction, () -> compressedRoundTrip(program, "lz4", "HLZ4", direction)));
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
        assertEquals(2, (file[8] & 0xFF) << 8 | (file[9] & 0xFF), "a compressed checkpoint is format version 2");
        assertTrue(new String(file, StandardCharsets.ISO_8859_1).contains(heapTag),
                "the heap section should be tagged " + heapTag);

        JvmResult restore = JvmRun.restore("restore", direction.to(), checkpoints).run(work);
        runs.add(restore);
        Scenario.expectExit(restore, plain.exitCode(), runs);
        Scenario.expectNoTrace(restore, runs);
        Scenario.expectJoined(checkpoint.stdout() + restore.stdout(), plain, runs);
    }
}
