package dev.stasis.internal.format;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** TEMPORARY stub until the format lands. */
public final class CheckpointReader {
    private CheckpointReader() {
    }

    public static Path resolve(Path p) throws CheckpointFileException {
        throw new CheckpointFileException("format not implemented yet");
    }

    public static LoadedCheckpoint read(Path file, ClassLoader loader, Predicate<String> allowed,
            Consumer<List<String>> beforeHeap) throws CheckpointFileException {
        throw new CheckpointFileException("format not implemented yet");
    }
}
