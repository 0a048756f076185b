package dev.stasis.internal.format;

/**
 * A checkpoint read back with its heap: the snapshot (frames with their saved values, static
 * fields with theirs), what the file said besides, and the heap reader, whose
 * {@link HeapDecoder#completeDeferred()} is to be called once the static fields are set.
 */
public final class LoadedCheckpoint {

    public final CheckpointSummary summary;
    public final Snapshot snapshot;
    public final HeapDecoder heap;

    LoadedCheckpoint(CheckpointSummary summary, Snapshot snapshot, HeapDecoder heap) {
        this.summary = summary;
        this.snapshot = snapshot;
        this.heap = heap;
    }
}
