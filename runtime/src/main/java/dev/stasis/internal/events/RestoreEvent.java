package dev.stasis.internal.events;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * JFR event {@code dev.stasis.Restore}: reading a checkpoint and rebuilding its heap and static
 * fields, up to the moment the restored program's frames are re-entered.
 */
@Name("dev.stasis.Restore")
@Label("Stasis Restore")
@Category("Stasis")
@Description("A restore from a Stasis checkpoint: its duration, file, size and what it rebuilt")
final class RestoreEvent extends Event {

    @Label("File")
    String file;

    @Label("Restored")
    boolean restored;

    @Label("Failure")
    @Description("Why the restore stopped, when it did")
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
