package e2e.thirdparty;

import groovy.lang.GroovyShell;
import groovy.lang.Script;

/**
 * An unmodified scripting language from Maven Central, Groovy, running a program whose state
 * lives in Groovy's own objects: maps, lists and sets built by Groovy's literals and extension
 * methods ({@code <<}, {@code each}, {@code collect}, {@code sum}), compiled by Groovy at run time
 * into classes of its own class loader. Groovy keeps per-class metadata in a {@code ClassValue}
 * (the extension methods it registered at start among it), which a restore must carry. Each tenth
 * of the run prints a checksum, the end a summary.
 *
 * <p>Arguments: rounds.
 */
public final class GroovyScript {

    static final String SCRIPT = String.join("\n",
            "state = [count: 0, map: [:], list: [], memo: new TreeMap(), set: [] as Set]",
            "def fib(n) { n < 2 ? n : fib(n - 1) + fib(n - 2) }",
            "def step(int i) {",
            "  state.count++",
            "  def k = 'k' + (i % 97)",
            "  state.map[k] = (state.map[k] ?: 0) + fib(i % 15)",
            "  state.list << [i: i, sq: i * i, s: i.toString()]",
            "  if (state.list.size() > 500) state.list.remove(0)",
            "  state.set << i % 333",
            "  long acc = 0",
            "  (0..<300).each { j -> acc = (acc * 31 + j + i) % 1000003 }",
            "  state.memo[k] = acc",
            "  acc",
            "}",
            "def summary() {",
            "  \"${state.count} ${state.map.values().sum()} ${state.list.size()} \" +",
            "      \"${state.list.collect { it.sq % 7 }.sum()} ${state.set.size()} ${state.memo.toString().length()}\"",
            "}");

    public static void main(String[] args) {
        int rounds = Integer.parseInt(args[0]);
        Script script = new GroovyShell().parse(SCRIPT, "program.groovy");
        script.run();
        long sum = 0;
        for (int i = 0; i < rounds; i++) {
            Object r = script.invokeMethod("step", i);
            sum += ((Number) r).longValue();
            if (i % (rounds / 10) == 0) {
                System.out.println(i + " " + r + " " + sum);
            }
        }
        System.out.println("final " + sum + " " + script.invokeMethod("summary", null));
    }
}
