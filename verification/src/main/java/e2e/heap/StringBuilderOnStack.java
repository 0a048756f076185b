package e2e.heap;

import dev.stasis.Stasis;

/**
 * A StringBuilder in a local and one on the operand stack in the middle of an append chain whose
 * next argument reaches the checkpoint.
 */
public final class StringBuilderOnStack {

    public static void main(String[] args) {
        StringBuilder local = new StringBuilder("local:");
        local.append(1).append(',');
        String chained = new StringBuilder().append("chain-").append(42).append(':').append(point(local))
                .append("-end").toString();
        System.out.println("chained " + chained);
        local.append(3);
        System.out.println("local " + local + " length " + local.length());
        local.insert(0, '>').reverse();
        System.out.println("reversed " + local);
    }

    static String point(StringBuilder local) {
        System.out.println("before checkpoint, local=" + local);
        Stasis.checkpoint();
        local.append(2).append(',');
        System.out.println("after checkpoint, local=" + local);
        return "middle";
    }
}
