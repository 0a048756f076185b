package dev.stasis.internal.coordinator;

import dev.stasis.CheckpointListener;
import dev.stasis.Stasis;

/**
 * What {@link Stasis} calls when the agent is running. The API class links to this one by name,
 * since it may come from the application's own copy of the API jar.
 */
public final class ApiBridge {

    private ApiBridge() {
    }

    public static boolean agentRunning() {
        return Coordinator.isInstalled();
    }

    public static Stasis.Outcome checkpoint() {
        return Coordinator.checkpoint();
    }

    public static void requestCheckpoint() {
        Coordinator.request("Stasis.requestCheckpoint()", -1);
    }

    public static boolean isRestored() {
        return Coordinator.isRestored();
    }

    public static void addListener(CheckpointListener listener) {
        Listeners.add(listener);
    }
}
