package bench.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Hello world with and without the agent, alternating; the medians' difference. Twice: with the
 * cache of rewritten classes (the first run fills it, the median is of runs that find the class
 * there: every later start of a program), and as a program's first start, each run with a cache
 * directory of its own that does not exist yet (created, the class rewritten and stored: also what
 * a changed program pays for each changed class). Until the eighteenth session the second row was
 * {@code cache=off}, which leaves out the directory and the store.
 */
final class StartupBenchmark {

    private StartupBenchmark() {
    }

    static void run(Environment env, Jdk jdk, Table table) throws Exception {
        List<Double> plain = new ArrayList<>();
        List<Double> agent = new ArrayList<>();
        List<Double> first = new ArrayList<>();
        List<String> main = List.of("bench.programs.Hello");
        String dir = "dir=" + env.work.resolve("ckpt-hello");
        for (int run = 0; run < env.plan.startupRuns; run++) {
            plain.add(WholeProgramBenchmark.millis(ChildJvm.run(jdk.home, List.of("-cp", env.classPath), main,
                    env.log("hello-" + jdk + "-plain"), 120)));
            agent.add(WholeProgramBenchmark.millis(ChildJvm.run(jdk.home, List.of("-cp", env.classPath,
                    env.agentArgument(dir)), main, env.log("hello-" + jdk + "-agent"), 120)));
            String cache = "cache=" + env.work.resolve("rewrite-cache-first-start").resolve(jdk + "-" + run);
            first.add(WholeProgramBenchmark.millis(ChildJvm.run(jdk.home, List.of("-cp", env.classPath,
                    env.agentArgument(dir + "," + cache)), main, env.log("hello-" + jdk + "-agent-first-start"), 120)));
        }
        double p = Statistics.median(plain);
        double a = Statistics.median(agent);
        double f = Statistics.median(first);
        table.add("start-up: hello world, median of " + env.plan.startupRuns + " (ms)", jdk,
                String.format(Locale.ROOT, "%.0f", a), String.format(Locale.ROOT, "%.0f", p),
                String.format(Locale.ROOT, "%+.0f ms", a - p), Table.verdict("<= +150 ms", a - p <= 150));
        table.add("start-up: hello world, a program's first start (empty rewrite cache), median of "
                + env.plan.startupRuns + " (ms)", jdk, String.format(Locale.ROOT, "%.0f", f),
                String.format(Locale.ROOT, "%.0f", p), String.format(Locale.ROOT, "%+.0f ms", f - p),
                Table.verdict("<= +150 ms", f - p <= 150));
    }
}
