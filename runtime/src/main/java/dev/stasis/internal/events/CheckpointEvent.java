package dev.stasis.internal.events;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * JFR event {@code dev.stasis.Checkpoint}: one checkpoint, from the start of the unwinding (the
 * listeners' beforeCheckpoint done) to the file being on disk, or to the failure that stopped it.
 */
@Name("dev.stasis.Checkpoint")
@Label("Stasis Checkpoint")
@Category("Stasis")
@Description("A checkpoint taken by the Stasis agent: its duration, file, size and what it captured")
final class CheckpointEvent extends Event {

    @Label("Trigger")
    @Description("What asked for the checkpoint: a checkpoint point, interval, signal, at=N, the API, JMX")
    String trigger;

    @Label("File")
    String file;

    @Label("Written")
    boolean written;

    @Label("Failure")
    @Description("Why no checkpoint was written, when none was")
    String failure;

    @Label("File Size")
    @DataAmount
    long bytes;

    @Label("Threads")
    int threads;

    @Label("Frames")
    int frames;

    @Label("Objects")
    long objects;
}
