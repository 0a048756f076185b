package e2e.control;

import dev.stasis.Stasis;

/**
 * The checkpoint in the middle of nested for, while and do-while loops with labelled break and
 * continue; the loops must pick up at the very iteration they were in.
 */
public final class Loops {

    public static void main(String[] args) {
        long total = 0;
        int iterations = 0;
        outer:
        for (int i = 0; i < 6; i++) {
            int j = 0;
            while (true) {
                if (j > i) {
                    break;
                }
                if ((i + j) % 3 == 0) {
                    j++;
                    continue;
                }
                int k = 0;
                do {
                    total += (long) i * j + k;
                    iterations++;
                    k++;
                } while (k < j);
                if (i == 3 && j == 2) {
                    System.out.println("checkpoint at i=" + i + " j=" + j + " k=" + k + " total=" + total);
                    Stasis.checkpoint();
                    System.out.println("resumed at i=" + i + " j=" + j + " k=" + k + " total=" + total);
                }
                if (total > 10_000) {
                    break outer;
                }
                if (i == 5 && j == 1) {
                    continue outer;
                }
                j++;
            }
            System.out.println("i=" + i + " total=" + total + " iterations=" + iterations);
        }
        int countdown = 3;
        while (countdown-- > 0) {
            System.out.println("countdown " + countdown);
        }
        System.out.println("done total=" + total + " iterations=" + iterations);
    }
}
