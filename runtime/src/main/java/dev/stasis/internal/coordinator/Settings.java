package dev.stasis.internal.coordinator;

import java.nio.file.Path;

/** What the agent was told that the coordinator needs at checkpoint time. */
public final class Settings {
    final Path dir;
    final boolean exit;
    final int keep;
    final String agentArguments;

    /**
     * @param agentArguments the effective options as an agent argument string, recorded in each
     *                       checkpoint so a restored job goes on the way it was started
     */
    public Settings(Path dir, boolean exit, int keep, String agentArguments) {
        this.dir = dir;
        this.exit = exit;
        this.keep = keep;
        this.agentArguments = agentArguments;
    }
}
