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
 * forks with the agent, alternating fork by fork so that drifting machine load hits both sides
 * alike. The ratio is agent over plain of the mean score (time per operation).
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
                plain.add(score(env, jdk, workload, false));
                agent.add(score(env, jdk, workload, true));
            }
            double p = Statistics.mean(plain);
            double a = Statistics.mean(agent);
            double ratio = a / p;
            ratios.add(ratio);
            table.add("steady state: " + workload + " (us/op)", jdk, format(a), format(p), ratio(ratio),
                    Table.verdict("<= 1.10", ratio <= 1.10));
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

    static String format(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    static String ratio(double r) {
        return String.format(Locale.ROOT, "%.3f", r);
    }
}
