package dev.stasis.internal.format;

import dev.stasis.internal.heap.HeapReader;

/** TEMPORARY stub until the format lands. */
public final class LoadedCheckpoint {
    public final Snapshot snapshot;
    public final HeapReader heap;

    public LoadedCheckpoint(Snapshot snapshot, HeapReader heap) {
        this.snapshot = snapshot;
        this.heap = heap;
    }
}
