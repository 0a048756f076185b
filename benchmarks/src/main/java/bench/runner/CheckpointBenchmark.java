package bench.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Checkpoint and restore per live heap size: bench.programs.HeapCheckpoint builds the heap, writes
 * it with ObjectOutputStream and takes a checkpoint-and-continue in the same JVM (once per
 * compress= value); then fresh JVMs restore the checkpoint, or read ObjectOutputStream's file with
 * ObjectInputStream, and report the time from their launch to the first instruction after it.
 */
final class CheckpointBenchmark {

    private static final List<String> COMPRESSIONS = List.of("none", "lz4", "deflate");
    private static final double MB = 1024 * 1024;

    private CheckpointBenchmark() {
    }

    static void run(Environment env, Jdk jdk, Table table) throws Exception {
        for (int megabytes : env.plan.heapMegabytes) {
            heapSize(env, jdk, table, megabytes);
        }
    }

    private static void heapSize(Environment env, Jdk jdk, Table table, int megabytes) throws Exception {
        Path dir = env.work.resolve("heap-" + jdk + "-" + megabytes);
        List<String> memory = List.of("-Xms" + (256 + 6 * megabytes) + "m", "-Xmx" + (256 + 6 * megabytes) + "m");
        Path oosFile = dir.resolve("heap.oos");
        String label = megabytes + " MB";
        List<Path> files = new ArrayList<>();
        // the uncompressed checkpoint's ObjectOutputStream time and first pause, beside the restored JVM's first pause
        double oosPause = 0;
        double freshFirstPause = 0;
        List<String> compressions = megabytes <= env.plan.compressedUpToMegabytes ? COMPRESSIONS : List.of("none");
        for (String compression : compressions) {
            Path ckpt = dir.resolve("ckpt-" + compression);
            List<String> jvmArgs = new ArrayList<>(memory);
            jvmArgs.addAll(List.of("-cp", env.classPath, env.agentArgument("dir=" + ckpt + ",keep=1,compress=" + compression)));
            Files.createDirectories(ckpt);
            ChildJvm.Result r = ChildJvm.run(jdk.home, jvmArgs,
                    List.of("bench.programs.HeapCheckpoint", String.valueOf(megabytes), oosFile.toString()),
                    env.log("checkpoint-" + jdk + "-" + megabytes + "-" + compression), 1800);
            if (!"TAKEN".equals(r.value("checkpoint", "outcome"))) {
                throw new IllegalStateException("no checkpoint taken for " + label + ": " + r.stdout);
            }
            long objects = r.longValue("checkpoint", "objects");
            long fieldBytes = r.longValue("checkpoint", "fieldBytes");
            double oosSeconds = r.longValue("checkpoint", "oosNanos") / 1e9;
            long oosBytes = r.longValue("checkpoint", "oosBytes");
            double pause = r.longValue("checkpoint", "pauseNanos") / 1e9;
            double firstPause = r.longValue("checkpoint", "firstPauseNanos") / 1e9;
            if (compression.equals("none")) {
                oosPause = oosSeconds;
                freshFirstPause = firstPause;
            }
            Path file = checkpointIn(ckpt);
            files.add(file);
            long size = Files.size(file);
            String heap = label + " (" + String.format(Locale.ROOT, "%.2f", objects / 1e6) + " M objects)";
            table.add("checkpoint pause, " + heap + ", compress=" + compression, jdk,
                    seconds(pause) + " (" + String.format(Locale.ROOT, "%.0f", megabytes / pause) + " MB/s; first "
                            + seconds(firstPause) + ")",
                    "ObjectOutputStream " + seconds(oosSeconds), ratio(pause / oosSeconds),
                    compression.equals("none") ? Table.verdict("<= 0.2", pause / oosSeconds <= 0.2) : "-");
            if (compression.equals("none")) {
                long live = r.longValue("checkpoint", "liveBytes");
                long extra = r.longValue("checkpoint", "extraBytes");
                long firstExtra = r.longValue("checkpoint", "firstExtraBytes");
                table.add("checkpoint memory beyond the live heap, " + label, jdk,
                        megabytes(extra) + " (first " + megabytes(firstExtra) + ")", "live heap " + megabytes(live),
                        ratio((double) extra / live) + " x live heap",
                        Table.verdict("< 1.0", extra < live && firstExtra < live));
            }
            table.add("file size, " + label + ", compress=" + compression, jdk, megabytes(size),
                    "field data " + megabytes(fieldBytes) + "; ObjectOutputStream " + megabytes(oosBytes),
                    ratio((double) size / fieldBytes) + " x field data",
                    compression.equals("none") ? Table.verdict("<= 1.3", (double) size / fieldBytes <= 1.3) : "-");
        }
        int runs = megabytes >= 1000 ? 1 : env.plan.restoreRuns;
        List<Double> ois = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            ChildJvm.Result r = ChildJvm.run(jdk.home, concat(memory, List.of("-cp", env.classPath)),
                    List.of("bench.programs.OisRead", oosFile.toString()), env.log("ois-" + jdk + "-" + megabytes), 1800);
            ois.add((r.longValue("read", "firstInstructionMillis") - r.launchMillis) / 1e3);
        }
        double oisSeconds = Statistics.median(ois);
        // Restore the uncompressed checkpoint, and the deflate one (the slowest to decompress) when there is one.
        for (int c = 0; c < compressions.size(); c += 2) {
            String compression = compressions.get(c);
            List<Double> restore = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                // the last restore of the uncompressed checkpoint goes on to checkpoint once more
                boolean again = c == 0 && run == runs - 1;
                List<String> jvmArgs = new ArrayList<>(memory);
                jvmArgs.addAll(List.of("-Dbench.checkpointAfterRestore=" + again, "-cp", env.classPath,
                        env.agentArgument("dir=" + dir.resolve("ckpt-restored") + ",restore=" + files.get(c))));
                ChildJvm.Result r = ChildJvm.run(jdk.home, jvmArgs, List.of("bench.programs.HeapCheckpoint"),
                        env.log("restore-" + jdk + "-" + megabytes + "-" + compression), 1800);
                if (!"true".equals(r.value("restored", "intact"))) {
                    throw new IllegalStateException("the restored heap of " + label + " differs: " + r.stdout);
                }
                restore.add((r.longValue("restored", "firstInstructionMillis") - r.launchMillis) / 1e3);
                if (again) {
                    if (!"TAKEN".equals(r.value("checkpointAfterRestore", "outcome"))
                            || !"true".equals(r.value("checkpointAfterRestore", "intact"))) {
                        throw new IllegalStateException("no checkpoint taken after the restore of " + label
                                + ", or the heap changed: " + r.stdout);
                    }
                    double pause = r.longValue("checkpointAfterRestore", "pauseNanos") / 1e9;
                    table.add("checkpoint pause in a restored JVM (its first), " + label + ", compress=none", jdk,
                            seconds(pause) + " (a fresh JVM's first " + seconds(freshFirstPause) + ")",
                            "ObjectOutputStream " + seconds(oosPause), ratio(pause / oosPause), "-");
                }
            }
            double seconds = Statistics.median(restore);
            table.add("restore to first instruction, " + label + ", compress=" + compression, jdk, seconds(seconds),
                    "ObjectInputStream in a fresh JVM " + seconds(oisSeconds), ratio(seconds / oisSeconds),
                    compression.equals("none") ? Table.verdict("<= 0.3", seconds / oisSeconds <= 0.3) : "-");
        }
        deleteTree(dir);
    }

    private static Path checkpointIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".stasis")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no checkpoint file in " + dir));
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f s", s);
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / MB);
    }

    static String ratio(double r) {
        return String.format(Locale.ROOT, "%.2f", r);
    }
}
