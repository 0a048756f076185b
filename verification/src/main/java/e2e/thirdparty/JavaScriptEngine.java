package e2e.thirdparty;

import org.mozilla.javascript.Context;
import org.mozilla.javascript.Function;
import org.mozilla.javascript.Scriptable;

/**
 * An unmodified interpreter from Maven Central, Rhino, running a JavaScript program whose state
 * lives in the engine's objects: a Map, a Set, arrays of objects with Dates, closures, JSON, and a
 * for-of loop (which finds Symbol.iterator in property maps hashed by identity). Argument two picks
 * Rhino's interpreter ({@code interpreted}: a checkpoint lands inside its interpreter loop) or its
 * compiler ({@code compiled}, Rhino's default: the script becomes classes Rhino defines at run time
 * with a class loader of its own). Each tenth of the run prints a checksum, the end a summary.
 *
 * <p>Arguments: rounds, mode.
 */
public final class JavaScriptEngine {

    static final String SCRIPT = String.join("\n",
            "var state = {count: 0, map: new Map(), list: [], memo: {}, set: new Set()};",
            "function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }",
            "var mk = function (base) { return function (x) { return (base * 31 + x) % 1000003; }; };",
            "var adders = [];",
            "for (var q = 0; q < 10; q++) adders.push(mk(q));",
            "function step(i) {",
            "  state.count++;",
            "  var k = 'k' + (i % 97);",
            "  state.map.set(k, (state.map.get(k) || 0) + fib(i % 15));",
            "  state.list.push({i: i, sq: i * i, s: String(i), d: new Date(86400000 * (i % 400))});",
            "  if (state.list.length > 500) state.list.shift();",
            "  state.set.add(i % 333);",
            "  var acc = 0;",
            "  for (var j = 0; j < 300; j++) acc = adders[j % 10](acc + j + i);",
            "  state.memo[k] = acc;",
            "  return acc;",
            "}",
            "function summary() {",
            "  var t = 0;",
            "  state.map.forEach(function (v) { t += v; });",
            "  var m = 0;",
            "  for (var e of state.list) m += e.sq % 7 + e.d.getUTCDate();",
            "  return state.count + ' ' + t + ' ' + state.list.length + ' ' + m + ' ' + state.set.size + ' '",
            "      + JSON.stringify(state.memo).length;",
            "}");

    public static void main(String[] args) {
        int rounds = Integer.parseInt(args[0]);
        Context cx = Context.enter();
        cx.setLanguageVersion(Context.VERSION_ES6);
        cx.setInterpretedMode(args[1].equals("interpreted"));
        Scriptable scope = cx.initStandardObjects();
        cx.evaluateString(scope, SCRIPT, "program.js", 1, null);
        Function step = (Function) scope.get("step", scope);
        long sum = 0;
        for (int i = 0; i < rounds; i++) {
            Object r = step.call(cx, scope, scope, new Object[] {i});
            sum += (long) Context.toNumber(r);
            if (i % (rounds / 10) == 0) {
                System.out.println(i + " " + Context.toString(r) + " " + sum);
            }
        }
        Function summary = (Function) scope.get("summary", scope);
        System.out.println("final " + sum + " " + Context.toString(summary.call(cx, scope, scope, new Object[0])));
    }
}
