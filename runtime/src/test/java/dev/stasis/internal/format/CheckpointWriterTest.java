package dev.stasis.internal.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stasis.internal.heap.UncheckpointableObjectException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointWriterTest {

    @TempDir
    Path dir;

    /** What the directory holds once the old checkpoints a write discarded are deleted. */
    private List<String> names() throws IOException {
        DiscardedCheckpoints.awaitDeleted(10_000);
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void writesANamedFileAndLeavesNoTemporaryFile() throws Exception {
        Path target = dir.resolve("new/sub");
        Path file = CheckpointWriter.write(Samples.snapshot(), target, 3, new TestHeap());
        assertEquals(target, file.getParent());
        assertTrue(file.getFileName().toString().matches("checkpoint-\\d{8}-\\d{6}-\\d{3}-\\d{6}\\.stasis"),
                file.toString());
        try (Stream<Path> s = Files.list(target)) {
            assertEquals(List.of(file), s.collect(Collectors.toList()));
        }
    }

    @Test
    void namesSortByTimeOfWriting() throws Exception {
        Path first = Samples.write(dir);
        Path second = Samples.write(dir);
        assertTrue(first.getFileName().toString().compareTo(second.getFileName().toString()) < 0);
        assertEquals(second, CheckpointReader.resolve(dir));
    }

    @Test
    void keepsOnlyTheNewestCheckpoints() throws Exception {
        Path[] written = new Path[5];
        for (int k = 0; k < written.length; k++) {
            written[k] = CheckpointWriter.write(Samples.snapshot(), dir, 3, new TestHeap());
        }
        assertEquals(List.of(written[2].getFileName().toString(), written[3].getFileName().toString(),
                written[4].getFileName().toString()), names());
        CheckpointWriter.write(Samples.snapshot(), dir, 1, new TestHeap());
        assertEquals(1, names().size());
    }

    @Test
    void discardedCheckpointsLoseTheirNameWithinTheWriteAndAreDeletedAfterIt() throws Exception {
        Path old = Samples.write(dir);
        Path newest = CheckpointWriter.write(Samples.snapshot(), dir, 1, new TestHeap());
        assertEquals(List.of(newest), CheckpointNames.list(dir), "only the checkpoint to keep is named so on return");
        assertEquals(List.of(newest.getFileName().toString()), names());
        assertFalse(Files.exists(old));
    }

    @Test
    void discardedCheckpointsThatAnEndedJvmLeftAreDeletedByTheNextWrite() throws Exception {
        Path left = Files.writeString(dir.resolve(DiscardedCheckpoints.PREFIX + "checkpoint-20260101-000000-000-000001"
                + ".stasis"), "a JVM halted while deleting this");
        Path written = CheckpointWriter.write(Samples.snapshot(), dir, 3, new TestHeap());
        assertEquals(List.of(written.getFileName().toString()), names());
        assertFalse(Files.exists(left));
    }

    @Test
    void rotationNeverDeletesFilesItCannotRecognizeAsComplete() throws Exception {
        Path old = Samples.write(dir);
        byte[] bytes = Files.readAllBytes(old);
        Files.write(old, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Path notes = Files.writeString(dir.resolve("notes.txt"), "mine");
        Path newest = CheckpointWriter.write(Samples.snapshot(), dir, 1, new TestHeap());
        assertTrue(Files.exists(old), "a truncated checkpoint is evidence, not rotation's to delete");
        assertTrue(Files.exists(notes));
        assertTrue(Files.exists(newest));
    }

    @Test
    void rotationNeverDeletesNewerCheckpointsOfAnotherWriter() throws Exception {
        Path older = Samples.write(dir);
        Path newer = Files.copy(older, dir.resolve("checkpoint-20991231-235959-999-000001.stasis"));
        Path written = CheckpointWriter.write(Samples.snapshot(), dir, 1, new TestHeap());
        assertEquals(List.of(written.getFileName().toString(), newer.getFileName().toString()), names());
    }

    @Test
    void temporaryFilesOfAbandonedWritesAreDeletedAndThoseOfWritesInProgressKept() throws Exception {
        Path abandoned = Files.writeString(dir.resolve(".ckpt-1.tmp"), "killed mid-write an hour ago");
        Files.setLastModifiedTime(abandoned, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        Path inProgress = Files.writeString(dir.resolve(".ckpt-2.tmp"), "another JVM writing now");
        Path written = CheckpointWriter.write(Samples.snapshot(), dir, 1, new TestHeap());
        assertEquals(List.of(inProgress.getFileName().toString(), written.getFileName().toString()), names());
    }

    @Test
    void aFailedWriteLeavesNoFileAndKeepsEarlierCheckpoints() throws Exception {
        Path earlier = Samples.write(dir);
        HeapEncoder failing = (roots, out) -> {
            out.write(new byte[100_000]);
            throw new UncheckpointableObjectException("java.net.Socket at roots[0][1]");
        };
        assertThrows(UncheckpointableObjectException.class,
                () -> CheckpointWriter.write(Samples.snapshot(), dir, 1, failing));
        assertEquals(List.of(earlier.getFileName().toString()), names());
        assertEquals(earlier, CheckpointReader.resolve(dir));
    }

    @Test
    void aDirectoryThatIsAFileIsNamed() throws Exception {
        Path file = Files.writeString(dir.resolve("ckpt"), "not a directory");
        IOException e = assertThrows(IOException.class,
                () -> CheckpointWriter.write(Samples.snapshot(), file, 1, new TestHeap()));
        assertTrue(e.getMessage().contains("cannot write a checkpoint into " + file.toAbsolutePath()), e.getMessage());
    }

    @Test
    void keepMustBePositive() {
        assertThrows(IllegalArgumentException.class,
                () -> CheckpointWriter.write(Samples.snapshot(), dir, 0, new TestHeap()));
    }
}
