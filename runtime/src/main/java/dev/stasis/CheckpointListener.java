package dev.stasis;

/**
 * Called around checkpoints, to close what cannot be checkpointed (sockets, native handles) and
 * to open it again. Register with {@link Stasis#addListener(CheckpointListener)}.
 */
public interface CheckpointListener {

    /** Called on the checkpointing thread just before the program's state is captured. */
    default void beforeCheckpoint() {
    }

    /**
     * Called after a checkpoint: in a restored JVM before the program continues, and in the
     * checkpointing JVM when it goes on running. {@link Stasis#isRestored()} tells which.
     */
    default void afterRestore() {
    }
}
