package dev.stasis.verification;

/**
 * How a generated program failed: the kind (what the minimizer must keep seeing), the safe point
 * and direction it failed at, a summary with the first difference, and every run's output.
 */
record GeneratedFailure(Kind kind, long n, Direction direction, String summary, String details) {

    enum Kind {
        /** The generator's fault: the program does not compile, fails, or differs between JDKs without Stasis. */
        GENERATOR("the program itself is wrong (a generator bug)"),
        /** Under the agent, with no checkpoint taken, the program failed or printed something else. */
        AGENT_RUN("the run under the agent without a checkpoint differs from the plain run"),
        /** The at=N,exit=true run failed, wrote no checkpoint, or printed what the plain run did not. */
        CHECKPOINT("the checkpoint run failed"),
        /** The restored JVM failed or timed out. */
        RESTORE("the restore failed"),
        /** The restored JVM ended well but printed an exception trace on stderr. */
        RESTORE_TRACE("the restored JVM printed an exception trace"),
        /** The output before the checkpoint and the restored output joined differ from the plain run. */
        WRONG_OUTPUT("the joined output differs from the uninterrupted run");

        private final String meaning;

        Kind(String meaning) {
            this.meaning = meaning;
        }

        String meaning() {
            return meaning;
        }
    }

    /** "RESTORE at=37 17->25". */
    String where() {
        return kind + (n > 0 ? " at=" + n : "") + (direction != null ? " " + direction : "");
    }
}
