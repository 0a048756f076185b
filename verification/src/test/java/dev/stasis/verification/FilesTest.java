package dev.stasis.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import e2e.resources.BatchFiles;
import e2e.resources.OpenFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Files open at a checkpoint (FileInputStream, FileOutputStream writing and appending,
 * RandomAccessFile, FileChannel) are reopened on restore at the same position, after the directory
 * they are in moved and {@code restore --map OLD=NEW} says where: output and files equal those of
 * an uninterrupted run. A file that is gone makes the restore fail with a message saying which
 * file and what to do.
 */
class FilesTest {

    private static final List<String> FILES = List.of("input.txt", "out.txt", "log.txt", "table.bin", "channel.txt");

    @TestFactory
    Stream<DynamicTest> openFilesReopenAtTheirPositionInTheMovedDirectory() {
        return Jdks.directions().stream().map(direction -> Scenario.named("OpenFiles --map " + direction,
                () -> moveAndRestore(direction)));
    }

    /**
     * A batch job reading its input through a BufferedReader over a FileReader and writing through
     * buffered writers over FileWriters, checkpointed in the middle of the input: the restored job
     * reads on from the same character and its files equal the uninterrupted job's, across JDKs
     * and in continue mode. Before, such readers and writers made every checkpoint fail.
     */
    @TestFactory
    Stream<DynamicTest> readersAndWritersOverFilesGoOnWhereTheyWere() {
        Program program = Program.of(BatchFiles.class);
        return Stream.concat(Scenario.acrossJdks(program), Stream.of(Scenario.named("BatchFiles continue on "
                + Jdks.oldest().label(), () -> Scenario.checkpointAndGoOn(program, Jdks.oldest()))));
    }

    @Test
    void aFileGoneBeforeTheRestoreIsNamedInOneParagraph() throws IOException {
        Path work = Artifacts.workDir("files/gone");
        Path data = Files.createDirectories(work.resolve("data"));
        Path checkpoints = work.resolve("checkpoints");
        List<JvmResult> runs = new ArrayList<>();
        JvmResult checkpoint = JvmRun.withAgent("checkpoint", Jdks.oldest(), Program.of(OpenFiles.class, data.toString()),
                "dir=" + checkpoints + ",exit=true").run(work);
        runs.add(checkpoint);
        Scenario.expectExit(checkpoint, 0, runs);
        Files.delete(data.resolve("input.txt"));

        JvmResult restored = JvmRun.restore("restore", Jdks.newest(), checkpoints).run(work);
        runs.add(restored);
        Scenario.expectExit(restored, 2, runs);
        Scenario.expectNoTrace(restored, runs);
        assertEquals("", restored.stdout(), "nothing of the program should run" + Scenario.describe(runs));
        String err = restored.stderr().strip();
        assertTrue(err.contains("the file " + data.resolve("input.txt") + ", which the program had open (a"
                + " java.io.FileInputStream reading at byte 8 when the checkpoint was taken), no longer exists"),
                "the message should name the file, how it was open and the problem" + Scenario.describe(runs));
        assertTrue(err.contains("--map FROM=TO"), "the message should say how to point at a moved file"
                + Scenario.describe(runs));
        assertEquals(1, err.lines().count(), "one paragraph" + Scenario.describe(runs));
    }

    private static void moveAndRestore(Direction direction) throws IOException {
        Path work = Artifacts.workDir("files/" + direction.fileName());
        Path before = Files.createDirectories(work.resolve("before"));
        Path after = work.resolve("after");
        Path plainDir = Files.createDirectories(work.resolve("plain"));
        Path checkpoints = work.resolve("checkpoints");
        List<JvmResult> runs = new ArrayList<>();
        JvmResult plain = JvmRun.plain("plain", direction.from(), Program.of(OpenFiles.class, plainDir.toString())
                .withApiJar()).run(work);
        runs.add(plain);
        Scenario.expectExit(plain, 0, runs);

        JvmResult checkpoint = JvmRun.withAgent("checkpoint", direction.from(),
                Program.of(OpenFiles.class, before.toString()), "dir=" + checkpoints + ",exit=true").run(work);
        runs.add(checkpoint);
        Scenario.expectExit(checkpoint, 0, runs);
        Scenario.expectNoTrace(checkpoint, runs);
        Files.move(before, after);

        JvmResult restored = JvmRun.restore("restore", direction.to(), checkpoints, "--map", before + "=" + after)
                .run(work);
        runs.add(restored);
        Scenario.expectExit(restored, 0, runs);
        Scenario.expectNoTrace(restored, runs);
        Scenario.expectJoined(checkpoint.stdout() + restored.stdout(), plain, runs);
        for (String name : FILES) {
            assertEquals(content(plainDir.resolve(name)), content(after.resolve(name)),
                    name + " should be as an uninterrupted run leaves it" + Scenario.describe(runs));
        }
    }

    private static String content(Path file) throws IOException {
        return new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
