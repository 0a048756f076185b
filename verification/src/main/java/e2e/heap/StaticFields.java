package e2e.heap;

import dev.stasis.Stasis;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Static fields of every kind come back from the checkpoint: primitives, strings, arrays, and the
 * mutable objects held by {@code static final} fields, which must also stay the very objects that
 * locals on the stack point to.
 */
public final class StaticFields {

    static int counter = 1;
    static long big = 1L << 50;
    static double ratio = 0.5;
    static boolean flag;
    static char letter = 'a';
    static String label = "initial";
    static Object nothing;
    static final String CONSTANT = "constant";
    static final List<String> LOG = new ArrayList<>();
    static final Map<String, Integer> COUNTS = new HashMap<>();
    static final int[] TABLE = new int[4];
    static final StringBuilder BUFFER = new StringBuilder();
    static final Object TOKEN = new Object();
    static final long DERIVED = derive();
    static Object alias;

    /** Statics of a second class. */
    static final class Holder {
        static final List<Integer> VALUES = new ArrayList<>();
        static int uses;
    }

    public static void main(String[] args) {
        counter += 41;
        big += 7;
        ratio *= 3;
        flag = true;
        letter++;
        label = "changed";
        LOG.add("first");
        COUNTS.put("x", 1);
        TABLE[2] = 22;
        BUFFER.append("abc");
        alias = LOG;
        Holder.VALUES.add(5);
        Holder.uses = 3;
        List<String> log = LOG;
        Object token = TOKEN;
        print("before");
        Stasis.checkpoint();
        print("after");
        System.out.println("local still the static: " + (log == LOG) + " " + (token == TOKEN) + " " + (alias == LOG));
        LOG.add("second");
        COUNTS.merge("x", 1, Integer::sum);
        BUFFER.append("def");
        Holder.VALUES.add(6);
        print("mutated");
    }

    static long derive() {
        return CONSTANT.length() * 1000L + 1;
    }

    static void print(String when) {
        System.out.println(when + ": counter=" + counter + " big=" + big + " ratio=" + Double.toHexString(ratio)
                + " flag=" + flag + " letter=" + letter + " label=" + label + " nothing=" + nothing);
        System.out.println(when + ": LOG=" + LOG + " COUNTS=" + new TreeMap<>(COUNTS) + " TABLE[2]=" + TABLE[2]
                + " BUFFER=" + BUFFER + " DERIVED=" + DERIVED + " CONSTANT=" + CONSTANT);
        System.out.println(when + ": Holder.VALUES=" + Holder.VALUES + " Holder.uses=" + Holder.uses);
    }
}
