package dev.stasis.agent.cli;

import dev.stasis.internal.capture.FrameRecord;
import dev.stasis.internal.format.CheckpointHeader;
import dev.stasis.internal.format.CheckpointSummary;
import dev.stasis.internal.format.FrameSummary;
import dev.stasis.internal.format.HistogramEntry;
import dev.stasis.internal.format.MethodInfo;
import dev.stasis.internal.format.StaticsSummary;
import dev.stasis.internal.format.ThreadSummary;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Checkpoint summaries as the reader would return them, for tests that need no file. */
final class Summaries {

    private Summaries() {
    }

    static CheckpointSummary of(List<MethodInfo> methods, List<ThreadSummary> threads) {
        return of(methods, threads, "dir=ckpt,exit=true,keep=3");
    }

    /** {@link #acme()} written with other agent options. */
    static CheckpointSummary withOptions(String agentOptions) {
        CheckpointSummary acme = acme();
        return of(acme.methods(), acme.threads(), agentOptions);
    }

    private static CheckpointSummary of(List<MethodInfo> methods, List<ThreadSummary> threads, String agentOptions) {
        CheckpointHeader header = new CheckpointHeader("Eclipse Adoptium", "17.0.15", "Linux", "amd64",
                1_764_115_200_123L, "com.acme.Main", "app.jar", agentOptions);
        return new CheckpointSummary(Path.of("ckpt", "checkpoint-20251126-000000-123-000001.stasis"), 4096, 1,
                "0.1.0", header, methods, List.of("com.acme.Main"), threads,
                List.of(new StaticsSummary("com.acme.Main", List.of("counter", "cache"))),
                List.of(new HistogramEntry("com.acme.Big", 2, 4000), new HistogramEntry("java.lang.String", 10, 400)),
                12, 4400, Map.of(), Map.of());
    }

    /** Main.main at line 10 calling Worker.step, stopped at line 42 after saving an int, a long and a String. */
    static CheckpointSummary acme() {
        MethodInfo main = new MethodInfo("com/acme/Main.main([Ljava/lang/String;)V", "aa", "Main.java",
                new int[] {10}, new String[] {"[Ljava/lang/String;|"});
        MethodInfo step = new MethodInfo("com/acme/Worker.<init>(I)V", "bb", "Worker.java", new int[] {40, 42},
                new String[] {"I|", "Lcom/acme/Worker;IJ|Ljava/lang/String;D"});
        FrameSummary base = new FrameSummary(main.key, 0, new long[0], 1);
        FrameSummary top = new FrameSummary(step.key, 1 | FrameRecord.CTOR_INITIALIZED,
                new long[] {7, -3L, Double.doubleToRawLongBits(0.25)}, 2);
        return of(List.of(main, step), List.of(new ThreadSummary("main", false, 5, List.of(base, top)),
                new ThreadSummary("idle", true, 1, List.of())));
    }
}
