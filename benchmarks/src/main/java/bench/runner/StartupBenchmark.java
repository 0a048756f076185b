package bench.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Hello world with and without the agent, alternating; the medians' difference. Twice: with the
 * cache of rewritten classes (the first run fills it, the median is of runs that find the class
 * there: every later start of a program), and with {@code cache=off} (the first start of a program,
 * or a changed one: the class is rewritten).
 */
final class StartupBenchmark {

    private StartupBenchmark() {
    }

    static void run(Environment env, Jdk jdk, Table table) throws Exception {
        List<Double> plain = new ArrayList<>();
        List<Double> agent = new ArrayList<>();
        List<Double> uncached = new ArrayList<>();
        List<String> main = List.of("bench.programs.Hello");
        String dir = "dir=" + env.work.resolve("ckpt-hello");
        for (int run = 0; run < env.plan.startupRuns; run++) {
            plain.add(WholeProgramBenchmark.millis(ChildJvm.run(jdk.home, List.of("-cp", env.classPath), main,
                    env.log("hello-" + jdk + "-plain"), 120)));
            agent.add(WholeProgramBenchmark.millis(ChildJvm.run(jdk.home, List.of("-cp", env.classPath,
                    env.agentArgument(dir)), main, env.log("hello-" + jdk + "-agent"), 120)));
            uncached.add(WholeProgramBenchmark.millis(ChildJvm.run(jdk.home, List.of("-cp", env.classPath,
                    env.agentArgument(dir + ",cache=off")), main, env.log("hello-" + jdk + "-agent-uncached"), 120)));
        }
        double p = Statistics.median(plain);
        double a = Statistics.median(agent);
        double u = Statistics.median(uncached);
        table.add("start-up: hello world, median of " + env.plan.startupRuns + " (ms)", jdk,
                String.format(Locale.ROOT, "%.0f", a), String.format(Locale.ROOT, "%.0f", p),
                String.format(Locale.ROOT, "%+.0f ms", a - p), Table.verdict("<= +150 ms", a - p <= 150));
        table.add("start-up: hello world, cache=off (rewritten at every start), median of " + env.plan.startupRuns
                + " (ms)", jdk, String.format(Locale.ROOT, "%.0f", u), String.format(Locale.ROOT, "%.0f", p),
                String.format(Locale.ROOT, "%+.0f ms", u - p), Table.verdict("<= +150 ms", u - p <= 150));
    }
}
