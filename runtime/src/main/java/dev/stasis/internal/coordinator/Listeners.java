package dev.stasis.internal.coordinator;

import dev.stasis.CheckpointListener;
import java.util.ArrayList;
import java.util.List;

/** The application's checkpoint listeners, called in order before and in reverse order after. */
final class Listeners {

    private static final List<CheckpointListener> LISTENERS = new ArrayList<>();

    private Listeners() {
    }

    static synchronized void add(CheckpointListener l) {
        LISTENERS.add(l);
    }

    /** The listeners, in registration order; they are part of every checkpoint. */
    static List<CheckpointListener> registered() {
        return snapshot();
    }

    static void beforeCheckpoint() {
        for (CheckpointListener l : snapshot()) {
            l.beforeCheckpoint();
        }
    }

    static void afterRestore() {
        List<CheckpointListener> ls = snapshot();
        for (int k = ls.size() - 1; k >= 0; k--) {
            ls.get(k).afterRestore();
        }
    }

    private static synchronized List<CheckpointListener> snapshot() {
        return new ArrayList<>(LISTENERS);
    }
}
