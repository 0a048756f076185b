package bench.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The sample applications, plain and under the agent (no checkpoint taken), each at a small and a
 * large size, runs alternating. Two rows per app: its steady state, the difference between the
 * median wall times at the two sizes (start-up, class rewriting and JIT warm-up are paid at both
 * sizes and cancel out; they have a row of their own, start-up), and the whole run at the large
 * size, start-up included: with the cache of rewritten classes that the first run filled, and with
 * {@code cache=off}, as at the first start of a program.
 */
final class WholeProgramBenchmark {

    private WholeProgramBenchmark() {
    }

    /** Adds the rows of each sample and returns the steady-state ratios, for the geometric mean. */
    static List<Double> run(Environment env, Jdk jdk, Table table) throws Exception {
        List<Double> ratios = new ArrayList<>();
        // PiDigits checkpoints at the digit its second argument names; 0 is never reached.
        ratios.add(program(env, jdk, table, "demo.PiDigits", List.of(env.plan.piDigitsSmall, "0"),
                List.of(env.plan.piDigits, "0"), "sample app: demo.PiDigits",
                env.plan.piDigits + " - " + env.plan.piDigitsSmall + " digits", env.plan.piDigits + " digits"));
        ratios.add(program(env, jdk, table, "samples.LorenzEnsemble", env.plan.lorenzSmall, env.plan.lorenzArguments,
                "sample app: samples.LorenzEnsemble", String.join(" ", env.plan.lorenzArguments) + " - "
                        + String.join(" ", env.plan.lorenzSmall), String.join(" ", env.plan.lorenzArguments)));
        return ratios;
    }

    private static double program(Environment env, Jdk jdk, Table table, String main, List<String> small,
            List<String> large, String label, String difference, String whole) throws Exception {
        String name = main.substring(main.lastIndexOf('.') + 1) + "-" + jdk;
        List<Double> plainSmall = new ArrayList<>();
        List<Double> agentSmall = new ArrayList<>();
        List<Double> plainLarge = new ArrayList<>();
        List<Double> agentLarge = new ArrayList<>();
        List<Double> uncachedLarge = new ArrayList<>();
        String agent = "dir=" + env.work.resolve("ckpt-programs");
        for (int run = 0; run < env.plan.programRuns; run++) {
            plainSmall.add(time(env, jdk, main, small, null, name + "-small-plain"));
            agentSmall.add(time(env, jdk, main, small, agent, name + "-small-agent"));
            plainLarge.add(time(env, jdk, main, large, null, name + "-plain"));
            agentLarge.add(time(env, jdk, main, large, agent, name + "-agent"));
            uncachedLarge.add(time(env, jdk, main, large, agent + ",cache=off", name + "-agent-uncached"));
        }
        double p = Statistics.median(plainLarge) - Statistics.median(plainSmall);
        double a = Statistics.median(agentLarge) - Statistics.median(agentSmall);
        double ratio = a / p;
        table.add(label + ", steady state (" + difference + ", ms)", jdk, String.format(Locale.ROOT, "%.0f", a),
                String.format(Locale.ROOT, "%.0f", p), SteadyStateBenchmark.ratio(ratio),
                Table.verdict("<= 1.10", ratio <= 1.10));
        double wholeRatio = Statistics.median(agentLarge) / Statistics.median(plainLarge);
        table.add(label + " " + whole + ", whole run with start-up (ms)", jdk,
                String.format(Locale.ROOT, "%.0f", Statistics.median(agentLarge)),
                String.format(Locale.ROOT, "%.0f", Statistics.median(plainLarge)),
                SteadyStateBenchmark.ratio(wholeRatio),
                "-");
        table.add(label + " " + whole + ", whole run, cache=off (ms)", jdk,
                String.format(Locale.ROOT, "%.0f", Statistics.median(uncachedLarge)),
                String.format(Locale.ROOT, "%.0f", Statistics.median(plainLarge)),
                SteadyStateBenchmark.ratio(Statistics.median(uncachedLarge) / Statistics.median(plainLarge)),
                "-");
        return ratio;
    }

    /** One run's wall time; {@code agentOptions} null for the program without the agent. */
    private static double time(Environment env, Jdk jdk, String main, List<String> args, String agentOptions,
            String log) throws Exception {
        List<String> mainAndArgs = new ArrayList<>();
        mainAndArgs.add(main);
        mainAndArgs.addAll(args);
        List<String> options = new ArrayList<>(List.of("-cp", env.classPath));
        if (agentOptions != null) {
            options.add(env.agentArgument(agentOptions));
        }
        return millis(ChildJvm.run(jdk.home, options, mainAndArgs, env.log(log), 600));
    }

    static double millis(ChildJvm.Result r) {
        return r.wallNanos / 1e6;
    }
}
