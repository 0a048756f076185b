package dev.stasis.internal.format;

import java.nio.file.Path;

/**
 * A checkpoint file that passed every structural check (see {@link FileStructure}), with its
 * summary. Checking reads the whole file; a restore that looks at the summary first (changed
 * methods, classes to keep uninitialized) and then reads the heap checks it once this way instead
 * of once per step.
 */
public final class CheckedCheckpoint {

    final FileStructure structure;
    private final CheckpointSummary summary;

    CheckedCheckpoint(FileStructure structure, CheckpointSummary summary) {
        this.structure = structure;
        this.summary = summary;
    }

    public Path file() {
        return structure.file;
    }

    public CheckpointSummary summary() {
        return summary;
    }
}
