package dev.stasis.internal.coordinator;

/** The JMX view of Stasis in a running JVM: {@code dev.stasis:type=Checkpointer}. */
public interface CheckpointerMBean {

    /** Takes a checkpoint at the next capturable safe point and returns the file written. */
    String checkpoint() throws Exception;

    /** Like {@link #checkpoint()}, then ends the JVM with status 0 once the answer is sent. */
    String checkpointAndExit() throws Exception;

    long getCheckpointCount();

    /** The last checkpoint file written, or an empty string. */
    String getLastFile();

    long getLastFileSize();

    /** How long the program stood still for the last checkpoint, in milliseconds. */
    long getLastPauseMillis();
}
