package bench.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Hello world with and without the agent, alternating; the medians' difference. */
final class StartupBenchmark {

    private StartupBenchmark() {
    }

    static void run(Environment env, Jdk jdk, Table table) throws Exception {
        List<Double> plain = new ArrayList<>();
        List<Double> agent = new ArrayList<>();
        List<String> main = List.of("bench.programs.Hello");
        for (int run = 0; run < env.plan.startupRuns; run++) {
            plain.add(WholeProgramBenchmark.millis(ChildJvm.run(jdk.home, List.of("-cp", env.classPath), main,
                    env.log("hello-" + jdk + "-plain"), 120)));
            agent.add(WholeProgramBenchmark.millis(ChildJvm.run(jdk.home, List.of("-cp", env.classPath,
                    env.agentArgument("dir=" + env.work.resolve("ckpt-hello"))), main,
                    env.log("hello-" + jdk + "-agent"), 120)));
        }
        double p = Statistics.median(plain);
        double a = Statistics.median(agent);
        table.add("start-up: hello world, median of " + env.plan.startupRuns + " (ms)", jdk,
                String.format(Locale.ROOT, "%.0f", a), String.format(Locale.ROOT, "%.0f", p),
                String.format(Locale.ROOT, "%+.0f ms", a - p), Table.verdict("<= +150 ms", a - p <= 150));
    }
}
