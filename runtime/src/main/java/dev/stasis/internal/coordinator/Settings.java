package dev.stasis.internal.coordinator;

import java.nio.file.Path;
import java.time.Duration;

/** What the agent was told that the coordinator needs. */
public final class Settings {
    final Path dir;
    final boolean exit;
    final int keep;
    final String agentArguments;
    final Duration interval;
    final String signal;
    final Duration timeout;
    final long at;

    /**
     * @param agentArguments the effective options as an agent argument string, recorded in each
     *                       checkpoint so a restored job goes on the way it was started
     * @param interval       periodic checkpoints, or null
     * @param signal         the signal name that checkpoints then exits, or null
     * @param timeout        how long a request waits for a capturable safe point
     * @param at             take one checkpoint at the at-th safe point, or 0
     */
    public Settings(Path dir, boolean exit, int keep, String agentArguments, Duration interval, String signal,
            Duration timeout, long at) {
        this.dir = dir;
        this.exit = exit;
        this.keep = keep;
        this.agentArguments = agentArguments;
        this.interval = interval;
        this.signal = signal;
        this.timeout = timeout;
        this.at = at;
    }
}
