package dev.stasis.agent.cli;

import dev.stasis.internal.capture.FrameRecord;
import dev.stasis.internal.format.CheckpointHeader;
import dev.stasis.internal.format.CheckpointKey;
import dev.stasis.internal.format.CheckpointReader;
import dev.stasis.internal.format.CheckpointSummary;
import dev.stasis.internal.format.FrameSummary;
import dev.stasis.internal.format.HistogramEntry;
import dev.stasis.internal.format.StaticsSummary;
import dev.stasis.internal.format.ThreadSummary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Shows what a checkpoint holds, without needing the application's classes. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Show a checkpoint: who wrote it, its threads and frames (top frame first) with the values"
                + " each frame saved, a heap histogram, and the classes whose static fields it holds. PATH is a"
                + " checkpoint file, or a directory whose newest valid checkpoint is shown.")
final class InspectCommand implements Callable<Integer> {

    /** Deep recursion shows this many frames of each repeated call, then how many more there are. */
    private static final int SHOWN_REPEATS = 3;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PATH", description = "checkpoint file or directory")
    Path path;

    @picocli.CommandLine.Option(names = "--key", paramLabel = "FILE",
            description = "the file holding the key the checkpoint was signed with (agent option key=); a signed"
                    + " checkpoint is read only with it, and with it only a signed one")
    Path keyFile;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        CheckpointKey key = CheckpointKey.load(keyFile);
        Path file = CheckpointReader.resolve(path, key, skipped -> err.println("stasis: " + skipped));
        print(CheckpointReader.readHeader(file, key), spec.commandLine().getOut());
        return 0;
    }

    static void print(CheckpointSummary s, PrintWriter out) {
        CheckpointHeader h = s.header();
        out.println("Checkpoint " + s.file());
        out.printf("  size        %,d bytes, format version %d, written by Stasis %s%n", s.size(), s.formatVersion(),
                s.writer());
        out.println("  taken       " + Instant.ofEpochMilli(h.timeMillis));
        out.println("  written on  Java " + h.jdkVersion + " (" + h.jdkVendor + "), " + h.os + " " + h.arch);
        out.println("  main class  " + h.mainClass);
        out.println("  class path  " + h.classPath);
        out.println("  options     " + h.agentOptions);

        out.println();
        out.println("Threads (" + s.threads().size() + ")");
        for (ThreadSummary t : s.threads()) {
            out.println("  \"" + t.name() + "\"" + (t.daemon() ? " daemon," : "") + " priority " + t.priority());
            List<FrameSummary> frames = t.frames();
            if (frames.isEmpty()) {
                out.println("    (no frames)");
            }
            int repeats = 0;
            for (int k = frames.size() - 1; k >= 0; k--) {
                FrameSummary f = frames.get(k);
                FrameSummary above = k + 1 < frames.size() ? frames.get(k + 1) : null;
                repeats = above != null && sameCall(above, f) ? repeats + 1 : 0;
                if (repeats == SHOWN_REPEATS) {
                    int more = 1;
                    while (k - more >= 0 && sameCall(frames.get(k - more), f)) {
                        more++;
                    }
                    out.println("    ... " + more + " more frames of " + FrameDescription.location(f,
                            s.method(f.method())) + " at the same call site (recursion)");
                    k -= more - 1;
                    continue;
                }
                out.println("    at " + FrameDescription.location(f, s.method(f.method())) + "  [call site "
                        + f.site() + constructorState(f) + "]");
                out.println("       saved: " + FrameDescription.savedValues(f, s.method(f.method())));
            }
        }

        out.println();
        out.printf("Heap: %,d objects, %,d bytes%n", s.heapObjects(), s.heapBytes());
        if (!s.histogram().isEmpty()) {
            out.printf("  %15s %12s  %s%n", "bytes", "objects", "class");
            for (HistogramEntry e : s.histogram()) {
                out.printf("  %,15d %,12d  %s%n", e.bytes(), e.objects(), e.className());
            }
        }

        out.println();
        out.println("Static fields (" + count(s.statics().size(), "class") + " with static fields; "
                + count(s.initializedClasses().size(), "class") + " initialized at the checkpoint)");
        for (StaticsSummary st : s.statics()) {
            out.println("  " + st.className() + ": "
                    + (st.fieldNames().isEmpty() ? "(none)" : String.join(", ", st.fieldNames())));
        }
        if (!s.carriedClasses().isEmpty()) {
            out.println();
            out.println("Classes the program's own class loaders defined, carried by the checkpoint ("
                    + s.carriedClasses().size() + ")");
            s.carriedClasses().forEach((name, classFile) -> out.printf("  %s (%,d bytes)%n", name, classFile.length));
        }
        out.flush();
    }

    private static boolean sameCall(FrameSummary a, FrameSummary b) {
        return a.method().equals(b.method()) && a.siteWord() == b.siteWord();
    }

    private static String count(int n, String noun) {
        return n + " " + (n == 1 ? noun : noun.endsWith("s") ? noun + "es" : noun + "s");
    }

    private static String constructorState(FrameSummary f) {
        return (f.siteWord() & FrameRecord.CTOR_INITIALIZED) != 0 ? ", constructor after super()" : "";
    }
}
