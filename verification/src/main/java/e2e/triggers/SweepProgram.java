package e2e.triggers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongUnaryOperator;

/**
 * A deterministic program with no Stasis calls for {@code at=N} sweeps: a few thousand safe points
 * through loops, recursion, objects, for-each iterators, a map, a string builder, try/catch, a
 * switch, lambdas called by application code and a stretch under {@code ArrayList.forEach} (where
 * a checkpoint due at a safe point waits for the next capturable one). It prints as it goes, so a
 * checkpoint anywhere splits the output somewhere.
 */
public final class SweepProgram {

    /** An object with state of several types, updated in place. */
    static final class Cell {
        int hits;
        long weight;
        double share;
        String tag = "";

        void touch(int i) {
            hits++;
            weight = weight * 3 + i;
            share = share / 2 + i;
            tag = tag.length() > 6 ? tag.substring(1) + (char) ('a' + i % 26) : tag + (char) ('a' + i % 26);
        }

        @Override
        public String toString() {
            return hits + "/" + weight + "/" + share + "/" + tag;
        }
    }

    public static void main(String[] args) {
        List<Cell> cells = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            cells.add(new Cell());
        }
        Map<String, Integer> counts = new HashMap<>();
        StringBuilder log = new StringBuilder();
        long acc = 1;
        for (int round = 0; round < 12; round++) {
            int i = 0;
            for (Cell c : cells) {
                c.touch(round * 8 + i++);
            }
            acc = acc * 31 + fib(8 + round % 4);
            acc = classify(acc, round, counts);
            acc = applyAll(acc, round);
            log.append(round % 10);
            System.out.println("round " + round + " acc " + acc + " cells " + cells.get(round % 8) + " log " + log);
        }
        long[] viaForEach = {acc};
        cells.forEach(c -> viaForEach[0] = viaForEach[0] * 7 + step(c.weight));
        acc = viaForEach[0];
        System.out.println("after forEach acc " + acc);
        int total = 0;
        for (Map.Entry<String, Integer> e : new java.util.TreeMap<>(counts).entrySet()) {
            total += e.getValue();
            System.out.println("count " + e.getKey() + " = " + e.getValue());
        }
        System.out.println("end acc " + Long.toHexString(acc) + " total " + total);
    }

    static long fib(int n) {
        return n < 2 ? n : fib(n - 1) + fib(n - 2);
    }

    static long classify(long acc, int round, Map<String, Integer> counts) {
        String kind;
        switch ((int) Math.floorMod(acc, 4L)) {
            case 0:
                kind = "zero";
                break;
            case 1:
                kind = "one";
                break;
            default:
                kind = "many";
        }
        counts.merge(kind, 1, Integer::sum);
        try {
            if (round % 3 == 0) {
                throw new IllegalStateException("round " + round);
            }
            return acc + step(round);
        } catch (IllegalStateException e) {
            return acc - e.getMessage().length();
        }
    }

    static long applyAll(long acc, int round) {
        List<LongUnaryOperator> ops = List.of(x -> x ^ (x >>> 7), x -> x + round, x -> step(x));
        long r = acc;
        for (LongUnaryOperator op : ops) {
            r = op.applyAsLong(r);
        }
        return r;
    }

    static long step(long x) {
        long y = x;
        for (int k = 0; k < 5; k++) {
            y = (y * 6364136223846793005L + 1442695040888963407L) >>> 3;
        }
        return y;
    }
}
