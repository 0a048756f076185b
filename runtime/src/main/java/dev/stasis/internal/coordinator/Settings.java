package dev.stasis.internal.coordinator;

import dev.stasis.internal.format.CheckpointKey;
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
    final CheckpointKey key;

    /**
     * @param agentArguments the effective options as an agent argument string, recorded in each
     *                       checkpoint so a restored job goes on the way it was started
     * @param interval       periodic checkpoints, or null
     * @param signal         the signal name that checkpoints then exits, or null
     * @param timeout        how long a request waits for a capturable safe point
     * @param at             take one checkpoint at the at-th safe point, or 0
     * @param key            signs every checkpoint, or null for unsigned checkpoints
     */
    public Settings(Path dir, boolean exit, int keep, String agentArguments, Duration interval, String signal,
            Duration timeout, long at, CheckpointKey key) {
        this.dir = dir;
        this.exit = exit;
        this.keep = keep;
        this.agentArguments = agentArguments;
        this.interval = interval;
        this.signal = signal;
        this.timeout = timeout;
        this.at = at;
        this.key = key;
    }
}
