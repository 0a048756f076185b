package bench.runner;

import bench.micro.SteadyState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Steady state, no checkpoint taken: each JMH benchmark of {@link SteadyState} in plain forks and in
 * forks with the agent, in pairs whose order alternates (plain first, then agent first) so that
 * machine load drifting over the run hits both sides alike. The ratio is agent over plain of the
 * mean score (time per operation). One fork's score differs from the next one's of the same side
 * by 15 to 30% on this machine (the JIT's decisions and the arrays' placement vary from one JVM to
 * the next), far more than within a fork; so the full mode takes several forks a side, and each
 * cell shows the forks' range and the ratio its uncertainty (see {@link #ratioWithError}).
 */
final class SteadyStateBenchmark {

    static final List<String> WORKLOADS =
            List.of("matrixMultiply", "fft", "fib", "virtualCallTree", "collections", "streams");

    /** JMH and its generated harness are not the application; the workloads (bench.workloads) are. */
    static final String AGENT_OPTIONS = "exclude=org.openjdk.jmh;bench.micro.jmh_generated;joptsimple;"
            + "org.apache.commons.math3";

    private SteadyStateBenchmark() {
    }

    /** Adds one row per workload and returns the ratios, for the geometric mean. */
    static List<Double> run(Environment env, Jdk jdk, Table table) throws RunnerException {
        if (env.plan.quick) {
            // JMH allows one run per machine (/tmp/jmh.lock) so that two cannot skew each other's
            // figures; the quick mode's figures are not used, and it must not fail beside a full run.
            System.setProperty("jmh.ignoreLock", "true");
        }
        List<Double> ratios = new ArrayList<>();
        for (String workload : WORKLOADS) {
            List<Double> plain = new ArrayList<>();
            List<Double> agent = new ArrayList<>();
            for (int fork = 0; fork < env.plan.forks; fork++) {
                boolean agentFirst = fork % 2 == 1;
                (agentFirst ? agent : plain).add(score(env, jdk, workload, agentFirst));
                (agentFirst ? plain : agent).add(score(env, jdk, workload, !agentFirst));
            }
            double ratio = Statistics.mean(agent) / Statistics.mean(plain);
            ratios.add(ratio);
            table.add("steady state: " + workload + " (us/op)", jdk, forks(agent), forks(plain),
                    ratioWithError(ratio, agent, plain), Table.verdict("<= 1.10", ratio <= 1.10));
        }
        return ratios;
    }

    private static double score(Environment env, Jdk jdk, String workload, boolean withAgent) throws RunnerException {
        Plan plan = env.plan;
        TimeValue iteration = TimeValue.milliseconds(plan.iterationMillis);
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("^" + SteadyState.class.getName().replace(".", "\\.") + "\\." + workload + "$")
                .forks(1)
                .warmupIterations(plan.warmupIterations)
                .warmupTime(iteration)
                .measurementIterations(plan.measurementIterations)
                .measurementTime(iteration)
                .jvm(jdk.home.resolve("bin/java").toString())
                .jvmArgs("-Xms1g", "-Xmx1g")
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .output(env.log("jmh-" + jdk + "-" + workload + (withAgent ? "-agent" : "-plain")).toString());
        if (withAgent) {
            options = options.jvmArgsAppend(env.agentArgument(AGENT_OPTIONS + ",dir=" + env.work.resolve("ckpt-jmh")));
        }
        // JMH gives its forks this JVM's java.class.path; under Maven that also holds the agent's and
        // the runtime's unshaded classes, which would shadow the agent jar's (see Environment.classPath).
        String own = System.getProperty("java.class.path");
        Collection<RunResult> results;
        System.setProperty("java.class.path", env.classPath);
        try {
            results = new Runner(options.build()).run();
        } finally {
            System.setProperty("java.class.path", own);
        }
        if (results.isEmpty()) {
            throw new IllegalStateException("JMH produced no result for " + workload + " on JDK " + jdk
                    + "; see " + env.log("jmh-" + jdk + "-" + workload));
        }
        return results.iterator().next().getPrimaryResult().getScore();
    }

    /** The mean score of the forks, with their range when there are several. */
    private static String forks(List<Double> scores) {
        String mean = format(Statistics.mean(scores));
        if (scores.size() < 2) {
            return mean;
        }
        return mean + " (" + format(scores.stream().mapToDouble(Double::doubleValue).min().orElseThrow()) + " to "
                + format(scores.stream().mapToDouble(Double::doubleValue).max().orElseThrow()) + ")";
    }

    /**
     * {@code ratio}, of the two sides' means, and with several forks a side twice its standard
     * error (about a 95% interval): the ratio's relative error is the two means' relative errors
     * added in quadrature, each the forks' standard deviation over the mean and the square root of
     * their number.
     */
    private static String ratioWithError(double ratio, List<Double> agent, List<Double> plain) {
        if (agent.size() < 2 || plain.size() < 2) {
            return ratio(ratio);
        }
        double relative = Math.hypot(Statistics.relativeStandardError(agent), Statistics.relativeStandardError(plain));
        return ratio(ratio) + " +- " + ratio(2 * relative * ratio);
    }

    static String format(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    static String ratio(double r) {
        return String.format(Locale.ROOT, "%.3f", r);
    }
}
