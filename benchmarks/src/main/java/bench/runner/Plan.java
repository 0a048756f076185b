package bench.runner;

import java.util.List;

/** How much each part of the benchmark runs: the quick mode proves it works, the full mode measures. */
final class Plan {
    final boolean quick;
    /** JMH: forks per side (alternating plain and agent), warm-up and measured iterations, and their length. */
    final int forks;
    final int warmupIterations;
    final int measurementIterations;
    final int iterationMillis;
    /** Whole-program and start-up runs per side (alternating), the median is reported. */
    final int programRuns;
    final int startupRuns;
    /**
     * The sample apps' sizes: each runs at a small and a large size, and the difference between
     * the two wall times is its steady-state cost (start-up and warm-up cancel out).
     */
    final String piDigitsSmall;
    final String piDigits;
    final List<String> lorenzSmall;
    final List<String> lorenzArguments;
    /** Live heap sizes for the checkpoint and restore figures, and restore runs per size. */
    final List<Integer> heapMegabytes;
    final int restoreRuns;
    /** Heaps up to this size are also checkpointed with compress=lz4 and deflate (larger ones would take too long). */
    final int compressedUpToMegabytes;

    private Plan(boolean quick, int forks, int warmupIterations, int measurementIterations, int iterationMillis,
            int programRuns, int startupRuns, String piDigitsSmall, String piDigits, List<String> lorenzSmall,
            List<String> lorenzArguments, List<Integer> heapMegabytes,
            int restoreRuns, int compressedUpToMegabytes) {
        this.quick = quick;
        this.forks = forks;
        this.warmupIterations = warmupIterations;
        this.measurementIterations = measurementIterations;
        this.iterationMillis = iterationMillis;
        this.programRuns = programRuns;
        this.startupRuns = startupRuns;
        this.piDigitsSmall = piDigitsSmall;
        this.piDigits = piDigits;
        this.lorenzSmall = lorenzSmall;
        this.lorenzArguments = lorenzArguments;
        this.heapMegabytes = heapMegabytes;
        this.restoreRuns = restoreRuns;
        this.compressedUpToMegabytes = compressedUpToMegabytes;
    }

    static Plan quick() {
        return new Plan(true, 1, 1, 2, 200, 1, 3, "300", "1000", List.of("3", "2"), List.of("3", "5"), List.of(1, 10), 1, 10);
    }

    /**
     * Seven whole runs per side and size: with three, LorenzEnsemble's steady state (a difference
     * of two medians) moved between 0.97 and 1.22 from one full run to the next.
     *
     * <p>PiDigits from 4500 to 9000 digits: from 1500 to 4500 the JIT was still compiling BigInteger
     * (later under the agent, whose own code it compiles in the first second too), so that
     * difference was not the steady state (1.15 on JDK 17 against 0.97 to 1.03 from 4500 to 9000).
     *
     * <p>Six JMH forks a side of 3 measured seconds each: with two forks of 5 seconds, one
     * workload's ratio moved between 1.02 and 1.16 from one full run to the next, because forks of
     * the same side differ by 15 to 30% and the iterations within a fork by a few percent. 250 MB is
     * the heap the checkpoint target names (about 7 million of the benchmark's objects).
     */
    static Plan full() {
        return new Plan(false, 6, 4, 3, 1000, 7, 11, "4500", "9000", List.of("40", "40"), List.of("40", "400"),
                List.of(1, 10, 100, 250, 1000), 3, 100);
    }
}
