package dev.stasis.verification;

import dev.stasis.verification.GeneratedFragment.Kind;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Delta debugging over a generated program's fragments: leaves out stages of main, then methods,
 * then statements, then nested types, in chunks halving down to single fragments, and keeps a removal when the
 * smaller program still fails the same way (same {@link GeneratedFailure.Kind}). Candidates that
 * do not compile cost a compilation only. Passes repeat while they remove something, within a
 * time budget.
 */
final class ProgramMinimizer {

    /** What minimizing achieved: the smallest failing program found, its failure and the effort. */
    record Result(GeneratedProgram program, GeneratedFailure failure, int attempts, int kept, Duration took) {
    }

    private final Function<GeneratedProgram, Optional<GeneratedFailure>> check;
    private final GeneratedFailure.Kind kind;
    private final long deadline;
    private final long started = System.nanoTime();
    private GeneratedProgram current;
    private GeneratedFailure failure;
    private int attempts;
    private int kept;

    private ProgramMinimizer(GeneratedProgram program, GeneratedFailure failure,
                             Function<GeneratedProgram, Optional<GeneratedFailure>> check, Duration budget) {
        this.current = program;
        this.failure = failure;
        this.kind = failure.kind();
        this.check = check;
        this.deadline = started + budget.toNanos();
    }

    /**
     * The smallest variant of {@code program} found within {@code budget} for which {@code check}
     * (compile, run, checkpoint and restore the candidate) still reports a failure of the same kind.
     */
    static Result minimize(GeneratedProgram program, GeneratedFailure failure,
                           Function<GeneratedProgram, Optional<GeneratedFailure>> check, Duration budget) {
        ProgramMinimizer m = new ProgramMinimizer(program, failure, check, budget);
        m.run();
        return new Result(m.current, m.failure, m.attempts, m.kept, Duration.ofNanos(System.nanoTime() - m.started));
    }

    private void run() {
        boolean progress = true;
        while (progress && !timeUp()) {
            progress = false;
            for (Kind k : List.of(Kind.STAGE, Kind.METHOD, Kind.STATEMENT, Kind.CLASS)) {
                progress |= pass(k);
            }
        }
    }

    /** One ddmin-style pass over the fragments of one kind: chunks of half, a quarter, ... one. */
    private boolean pass(Kind k) {
        List<GeneratedFragment> fragments = current.removableFragments().stream()
                .filter(f -> f.kind() == k).collect(Collectors.toList());
        boolean progress = false;
        for (int size = Math.max(1, fragments.size() / 2); size >= 1 && !timeUp(); size /= 2) {
            for (int start = 0; start < fragments.size() && !timeUp(); start += size) {
                Set<Integer> chunk = new HashSet<>();
                for (GeneratedFragment f : fragments.subList(start, Math.min(fragments.size(), start + size))) {
                    chunk.add(f.id());
                }
                chunk.removeAll(current.removed());
                if (!chunk.isEmpty() && tryWithout(chunk)) {
                    progress = true;
                }
            }
        }
        return progress;
    }

    private boolean tryWithout(Set<Integer> chunk) {
        GeneratedProgram candidate = current.without(chunk);
        attempts++;
        Optional<GeneratedFailure> result = check.apply(candidate);
        if (result.isPresent() && result.get().kind() == kind) {
            current = candidate;
            failure = result.get();
            kept++;
            return true;
        }
        return false;
    }

    private boolean timeUp() {
        return System.nanoTime() > deadline;
    }
}
