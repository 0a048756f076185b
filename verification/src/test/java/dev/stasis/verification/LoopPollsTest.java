package dev.stasis.verification;

import static org.junit.jupiter.api.Assertions.fail;

import e2e.control.LoopPolls;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Where loops poll for a checkpoint: every loop whose length the rewriter cannot bound does, so a
 * long loop without calls can still be checkpointed in its middle; short counted inner loops do
 * not (their enclosing loop does). Checkpoints at safe points spread over the whole run, inside
 * each kind of loop, resume at the very iteration on the other JDK.
 */
class LoopPollsTest {

    private static final int SPINS = 300;
    private static final Program PROGRAM = Program.of(LoopPolls.class, Integer.toString(SPINS));

    @Test
    void loopsWithoutCallsPollUnlessTheyAreShortCountedLoops() {
        long passed = SafePoints.count(PROGRAM, Jdks.oldest());
        // The long-counter loop polls SPINS times and the Collatz loops far more; the 6x6x6 product's
        // innermost loop (216 iterations) and the counted loops elsewhere add no poll of their own.
        if (passed < 2L * SPINS) {
            fail("loops without calls but without a bound should poll at every iteration: only " + passed
                    + " safe points were passed");
        }
        long withoutInnerPolls = SafePoints.count(Program.of(LoopPolls.class, "0"), Jdks.oldest());
        if (withoutInnerPolls > 100) {
            fail("short counted loops should not poll: with no spins the program still passed " + withoutInnerPolls
                    + " safe points");
        }
    }

    @TestFactory
    Stream<DynamicTest> checkpointsInsideEveryKindOfLoopResumeOnTheOtherJdk() {
        long total = SafePoints.count(PROGRAM, Jdks.oldest());
        List<Direction> directions = Jdks.directions();
        List<DynamicTest> tests = new ArrayList<>();
        int i = 0;
        for (long n : SafePoints.sweep(total, false)) {
            Direction direction = directions.get(i++ % directions.size());
            tests.add(Scenario.named("at=" + n + " of " + total + ", " + direction,
                    () -> Scenario.checkpointAtAndRestore(PROGRAM, n, direction, "loop-polls")));
        }
        // Inside the product's loop nest (its outer loops poll), in the long-counter loop, and early in
        // the Collatz loops.
        for (long n : new long[] {5, 12, 20 + SPINS / 2, 40 + SPINS + 7}) {
            Direction direction = directions.get(i++ % directions.size());
            tests.add(Scenario.named("at=" + n + ", " + direction,
                    () -> Scenario.checkpointAtAndRestore(PROGRAM, n, direction, "loop-polls")));
        }
        return tests.stream();
    }
}
