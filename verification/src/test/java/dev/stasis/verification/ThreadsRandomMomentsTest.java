package dev.stasis.verification;

import e2e.threads.Transfers;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A deterministic multi-threaded program (its result does not depend on the interleaving of its
 * threads) checkpointed with {@code at=N} at moments drawn from a seeded generator: the N-th safe
 * point passed by any of its threads, wherever the others are then. Each checkpoint is restored on
 * the other JDK, and the joined output must be the uninterrupted one every time.
 */
class ThreadsRandomMomentsTest {

    private static final long SEED = 20261126L;
    private static final int MOMENTS = 6;
    /** Well below the safe points the program passes (four threads, 40 000 iterations each). */
    private static final int LAST_MOMENT = 120_000;

    @TestFactory
    Stream<DynamicTest> sameResultWhereverTheCheckpointFalls() {
        Program program = Program.of(Transfers.class);
        List<Direction> directions = Jdks.directions();
        Random random = new Random(SEED);
        List<DynamicTest> tests = new ArrayList<>();
        for (int k = 0; k < MOMENTS; k++) {
            long n = 1 + random.nextInt(LAST_MOMENT);
            Direction direction = directions.get(k % directions.size());
            tests.add(Scenario.named("at=" + n + " " + direction,
                    () -> Scenario.checkpointAtAndRestore(program, n, direction, "threads-random")));
        }
        return tests.stream();
    }
}
