package e2e.api;

import dev.stasis.CheckpointListener;
import dev.stasis.Stasis;

/**
 * A checkpoint taken by a JVM that keeps running. The outcome, isRestored() and the listener's
 * calls go to stderr, where the test reads them; stdout must be the same in every run.
 */
public final class ContinueMode {

    /** The line printed just before the checkpoint; a restored run prints what follows it. */
    public static final String MARKER = "checkpoint here";

    public static void main(String[] args) {
        Stasis.addListener(new Listener());
        int[] state = {1};
        System.out.println("before checkpoint, state=" + state[0]);
        state[0] = 2;
        System.out.println(MARKER);
        Stasis.Outcome outcome = Stasis.checkpoint();
        System.err.println("outcome: " + outcome + " isRestored: " + Stasis.isRestored());
        System.out.println("after checkpoint, state=" + state[0]);
        state[0] *= 10;
        System.out.println("end, state=" + state[0]);
    }

    static final class Listener implements CheckpointListener {
        @Override
        public void beforeCheckpoint() {
            System.err.println("listener: beforeCheckpoint");
        }

        @Override
        public void afterRestore() {
            System.err.println("listener: afterRestore isRestored=" + Stasis.isRestored());
        }
    }
}
