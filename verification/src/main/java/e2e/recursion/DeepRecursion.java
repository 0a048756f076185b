package e2e.recursion;

import dev.stasis.Stasis;

/**
 * The checkpoint 2,000 frames deep in a mutual recursion, every frame holding its own int, long,
 * double and array, all combined on the way back up after the restore.
 */
public final class DeepRecursion {

    static final int DEPTH = 2000;

    public static void main(String[] args) {
        long result = even(0, 1L, 1.0);
        System.out.println("result " + result);
        System.out.println("plain recursion " + factorialMod(20, 1_000_000_007L));
    }

    static long even(int n, long acc, double weight) {
        int[] cell = {n};
        if (n == DEPTH) {
            return bottom(n, acc, weight);
        }
        long below = odd(n + 1, acc * 31 + n, weight / 2);
        return below * 7 + cell[0] + (long) (weight * 1024);
    }

    static long odd(int n, long acc, double weight) {
        long[] cell = {n * 3L};
        if (n == DEPTH) {
            return bottom(n, acc, weight);
        }
        long below = even(n + 1, acc ^ (n * 17L), weight * 1.5);
        return below - cell[0] + n;
    }

    static long bottom(int n, long acc, double weight) {
        System.out.println("bottom at depth " + n + " acc=" + acc + " weight=" + Double.toHexString(weight));
        Stasis.checkpoint();
        System.out.println("bottom after checkpoint depth=" + n + " acc=" + acc);
        return acc % 1000;
    }

    static long factorialMod(int n, long mod) {
        return n <= 1 ? 1 : n * factorialMod(n - 1, mod) % mod;
    }
}
