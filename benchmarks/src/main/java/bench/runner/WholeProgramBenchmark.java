package bench.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The sample applications run whole, plain and under the agent (no checkpoint taken), alternating;
 * the median wall time of each side, start-up included.
 */
final class WholeProgramBenchmark {

    private WholeProgramBenchmark() {
    }

    /** Adds one row per sample and returns the ratios, for the geometric mean. */
    static List<Double> run(Environment env, Jdk jdk, Table table) throws Exception {
        List<Double> ratios = new ArrayList<>();
        // PiDigits checkpoints at the digit its second argument names; 0 is never reached.
        ratios.add(program(env, jdk, table, "demo.PiDigits", List.of(env.plan.piDigits, "0"),
                "sample app: demo.PiDigits " + env.plan.piDigits + " digits (ms)"));
        ratios.add(program(env, jdk, table, "samples.LorenzEnsemble", env.plan.lorenzArguments,
                "sample app: samples.LorenzEnsemble " + String.join(" ", env.plan.lorenzArguments) + " (ms)"));
        return ratios;
    }

    private static double program(Environment env, Jdk jdk, Table table, String main, List<String> args, String label)
            throws Exception {
        List<Double> plain = new ArrayList<>();
        List<Double> agent = new ArrayList<>();
        List<String> mainAndArgs = new ArrayList<>();
        mainAndArgs.add(main);
        mainAndArgs.addAll(args);
        String name = main.substring(main.lastIndexOf('.') + 1) + "-" + jdk;
        for (int run = 0; run < env.plan.programRuns; run++) {
            plain.add(millis(ChildJvm.run(jdk.home, List.of("-cp", env.classPath), mainAndArgs,
                    env.log(name + "-plain"), 600)));
            agent.add(millis(ChildJvm.run(jdk.home, List.of("-cp", env.classPath,
                    env.agentArgument("dir=" + env.work.resolve("ckpt-programs"))), mainAndArgs,
                    env.log(name + "-agent"), 600)));
        }
        double p = Statistics.median(plain);
        double a = Statistics.median(agent);
        double ratio = a / p;
        table.add(label, jdk, String.format(Locale.ROOT, "%.0f", a), String.format(Locale.ROOT, "%.0f", p),
                SteadyStateBenchmark.ratio(ratio), Table.verdict("<= 1.10", ratio <= 1.10));
        return ratio;
    }

    static double millis(ChildJvm.Result r) {
        return r.wallNanos / 1e6;
    }
}
