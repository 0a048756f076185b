package e2e.thirdparty;

import clojure.java.api.Clojure;
import clojure.lang.IFn;
import dev.stasis.Stasis;

/**
 * An unmodified language from Maven Central, Clojure, running a program whose state lives in
 * Clojure's persistent maps, vectors and sets held by an atom, compiled by Clojure at run time
 * into classes of its own class loader. The summary prints a seq with {@code pr-str}, which
 * dispatches through the {@code print-method} multimethod: Clojure keeps its methods and
 * preferences in persistent hash maps keyed by classes, placed by their identity hash codes,
 * which a restore must keep. Each tenth of the run prints a checksum, the end a summary; each
 * quarter takes a checkpoint and goes on (an interval could fall while Clojure loads its core
 * from its jar through a stream no checkpoint can hold, see LIMITATIONS).
 *
 * <p>Arguments: rounds.
 */
public final class ClojureProgram {

    static final String SCRIPT = String.join("\n",
            "(ns e2e.program)",
            "(def state (atom {:count 0 :m {} :v [] :s #{}}))",
            "(defn fib [n] (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))",
            "(defn step [i]",
            "  (let [k (keyword (str \"k\" (mod i 97)))",
            "        acc (reduce (fn [a j] (mod (+ (* a 31) j i) 1000003)) 0 (range 300))]",
            "    (swap! state (fn [s] (-> s",
            "                             (update :count inc)",
            "                             (update-in [:m k] (fnil + 0) (fib (mod i 15)))",
            "                             (update :v #(let [v (conj % {:i i :sq (* i i)})]",
            "                                           (if (> (count v) 500) (subvec v 1) v)))",
            "                             (update :s conj (mod i 333)))))",
            "    acc))",
            "(defn summary []",
            "  (let [s @state]",
            "    (str (:count s) \" \" (reduce + (vals (:m s))) \" \" (count (:v s)) \" \"",
            "         (pr-str (take 3 (:v s))) \" \" (count (:s s)) \" \" (pr-str (sort (take 5 (:s s)))))))");

    public static void main(String[] args) {
        int rounds = Integer.parseInt(args[0]);
        Clojure.var("clojure.core", "load-string").invoke(SCRIPT);
        IFn step = Clojure.var("e2e.program", "step");
        long sum = 0;
        for (int i = 0; i < rounds; i++) {
            if (i % (rounds / 4) == 0) {
                Stasis.checkpoint();
            }
            Object r = step.invoke(i);
            sum += ((Number) r).longValue();
            if (i % (rounds / 10) == 0) {
                System.out.println(i + " " + r + " " + sum);
            }
        }
        System.out.println("final " + sum + " " + Clojure.var("e2e.program", "summary").invoke());
    }
}
