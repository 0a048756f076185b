package bench.runner;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark command (benchmarks/run.sh): runs every measurement of docs/BENCHMARKS.md and
 * prints one Markdown table on stdout; progress goes to stderr, each started JVM's stderr to a log
 * under the work directory.
 *
 * <p>Arguments: {@code [--quick] [--jdk JAVA_HOME]... [--work DIR]}. Without --jdk: the JDKs in
 * STASIS_JDKS (':'-separated Java homes) in the full mode, the running JDK in the quick mode.
 */
public final class BenchmarkRun {

    private BenchmarkRun() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        List<Jdk> jdks = new ArrayList<>();
        Path work = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick":
                    quick = true;
                    break;
                case "--jdk":
                    jdks.add(Jdk.at(Paths.get(args[++i])));
                    break;
                case "--work":
                    work = Paths.get(args[++i]);
                    break;
                default:
                    System.err.println("usage: run.sh [--quick] [--jdk JAVA_HOME]... [--work DIR]");
                    System.exit(2);
            }
        }
        if (jdks.isEmpty()) {
            jdks = defaultJdks(quick);
        }
        if (work == null) {
            work = Files.createTempDirectory("stasis-bench-");
        }
        Table table = run(new Environment(Environment.defaultRoot(), work, quick ? Plan.quick() : Plan.full()), jdks);
        table.print(System.out);
    }

    static Table run(Environment env, List<Jdk> jdks) throws Exception {
        Table table = new Table();
        PrintStream progress = System.err;
        progress.println("bench: " + Runtime.getRuntime().availableProcessors() + " processors, load " + load());
        for (Jdk jdk : jdks) {
            progress.println("bench: JDK " + jdk + " (" + jdk.home + "): steady state (JMH)");
            List<Double> ratios = new ArrayList<>(SteadyStateBenchmark.run(env, jdk, table));
            progress.println("bench: JDK " + jdk + ": sample applications");
            ratios.addAll(WholeProgramBenchmark.run(env, jdk, table));
            double geometricMean = Statistics.geometricMean(ratios);
            table.add("steady state: geometric mean of the " + ratios.size() + " steady-state ratios above", jdk, "", "",
                    SteadyStateBenchmark.ratio(geometricMean), Table.verdict("<= 1.03", geometricMean <= 1.03));
            progress.println("bench: JDK " + jdk + ": start-up");
            StartupBenchmark.run(env, jdk, table);
            progress.println("bench: JDK " + jdk + ": checkpoint and restore, heaps of " + env.plan.heapMegabytes + " MB");
            CheckpointBenchmark.run(env, jdk, table);
        }
        progress.println(String.format(Locale.ROOT, "bench: done, load %s; logs in %s", load(),
                env.work.resolve("logs")));
        return table;
    }

    /**
     * The 1, 5 and 15 minute load averages where the OS tells them: figures taken while other work
     * competes for the processors are to be read with that in mind.
     */
    private static String load() {
        try {
            return Files.readString(Paths.get("/proc/loadavg")).trim();
        } catch (IOException | RuntimeException e) {
            return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static List<Jdk> defaultJdks(boolean quick) {
        List<Jdk> jdks = new ArrayList<>();
        String listed = System.getenv("STASIS_JDKS");
        if (!quick && listed != null && !listed.isBlank()) {
            for (String home : listed.split(":")) {
                jdks.add(Jdk.at(Paths.get(home)));
            }
        } else {
            jdks.add(Jdk.at(Paths.get(System.getProperty("java.home"))));
        }
        return jdks;
    }
}
