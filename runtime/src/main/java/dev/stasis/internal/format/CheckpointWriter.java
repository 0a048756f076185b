package dev.stasis.internal.format;

import java.io.IOException;
import java.nio.file.Path;

/** TEMPORARY stub until the format lands. */
public final class CheckpointWriter {
    private CheckpointWriter() {
    }

    public static Path write(Snapshot snapshot, Path dir, int keep) throws IOException {
        throw new UnsupportedOperationException("format not implemented yet");
    }
}
