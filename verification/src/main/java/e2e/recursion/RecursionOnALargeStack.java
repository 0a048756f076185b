package e2e.recursion;

import dev.stasis.Stasis;

/**
 * A recursion 30,000 calls deep in a thread the program made with a 256 MB stack, as programs
 * do for deep recursion. The restoring JVM runs with the default stack size, so the restored
 * thread must come back with its own: every frame is called again on restore, interpreted at
 * first (some 6 MB here, against the 1 MB default of Linux on x86-64). With the argument
 * {@code default} the thread is made without a stack size of its own, so the JVM's {@code -Xss}
 * decides; with {@code main} the recursion runs on the main thread, which, restored, takes
 * another checkpoint once the recursion has returned.
 */
public final class RecursionOnALargeStack {

    static final int DEPTH = 30_000;

    static final class Solver implements Runnable {
        long result;

        @Override
        public void run() {
            result = descend(0, 1);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        Solver solver = new Solver();
        if (args.length > 0 && args[0].equals("main")) {
            solver.run();
            System.out.println("result " + solver.result + " on " + Thread.currentThread().getName() + ", threads named"
                    + " main: " + Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("main")).count());
            if (Stasis.isRestored()) {
                System.out.println("checkpoint after the restore: " + Stasis.checkpoint());
            }
            return;
        }
        long stackSize = args.length > 0 && args[0].equals("default") ? 0 : 256L << 20;
        Thread thread = new Thread(null, solver, "solver", stackSize);
        thread.start();
        thread.join();
        System.out.println("result " + solver.result);
    }

    static long descend(int n, long acc) {
        if (n == DEPTH) {
            System.out.println("bottom at depth " + n + " acc=" + acc);
            Stasis.checkpoint();
            System.out.println("after the checkpoint at depth " + n);
            return acc;
        }
        return descend(n + 1, acc * 31 + n) + n % 7;
    }
}
