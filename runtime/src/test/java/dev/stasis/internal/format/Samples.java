package dev.stasis.internal.format;

import dev.stasis.internal.capture.FrameRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Snapshots and files for the format tests. */
final class Samples {

    static final String SHARED = new String("shared value");

    private Samples() {
    }

    static Snapshot snapshot() {
        CheckpointHeader header = new CheckpointHeader("Eclipse Adoptium", "25.0.1", "Linux", "aarch64",
                1_764_115_200_123L, "com.acme.Main", "app.jar:lib/ü-ñ.jar", "dir=ckpt,exit=true,keep=3");
        MethodInfo main = new MethodInfo("com/acme/Main.main([Ljava/lang/String;)V", "ab12", "Main.java",
                new int[] {10, 12}, new String[] {"[Ljava/lang/String;I", "[Ljava/lang/String;IJ"});
        MethodInfo step = new MethodInfo("com/acme/Worker.step(I)J", "cd34", null, new int[] {-1},
                new String[] {null});
        FrameRecord base = new FrameRecord(main.key, 1, new long[] {7, Long.MIN_VALUE},
                new Object[] {new String[] {"a"}, SHARED});
        FrameRecord top = new FrameRecord(step.key, FrameRecord.CTOR_INITIALIZED | 0,
                new long[] {Double.doubleToRawLongBits(-0.5)}, new Object[] {null, SHARED});
        CapturedThread mainThread = new CapturedThread("main", false, 5, List.of(base, top));
        CapturedThread worker = new CapturedThread("wörker-1 \u2603", true, 3, List.of());
        StaticFields statics = new StaticFields("com.acme.Main", new String[] {"counter", "cache"},
                new Object[] {42, SHARED});
        return new Snapshot(header, List.of(main, step), List.of("com.acme.Main", "com.acme.Worker"),
                List.of(mainThread, worker), List.of(statics), List.of());
    }

    /** {@link #snapshotWithExitActions()} whose hook was made with a stack of {@code stackSize} bytes. */
    static Snapshot snapshotWithExitActions(long stackSize) {
        Snapshot s = snapshot();
        return new Snapshot(s.header, s.methods, s.initializedClasses, s.threads, s.statics, s.listeners,
                s.carriedClasses, List.of(new Thread(null, null, "sample hook", stackSize)),
                List.of("/data/job/partial.tmp"));
    }

    /** {@link #snapshot()} with a shutdown hook and a file to delete on exit. */
    static Snapshot snapshotWithExitActions() {
        Snapshot s = snapshot();
        return new Snapshot(s.header, s.methods, s.initializedClasses, s.threads, s.statics, s.listeners,
                s.carriedClasses, List.of(new Thread("sample hook")), List.of("/data/job/partial.tmp"));
    }

    static Path write(Path dir) throws IOException {
        return CheckpointWriter.write(snapshot(), dir, 3, new TestHeap());
    }
}
