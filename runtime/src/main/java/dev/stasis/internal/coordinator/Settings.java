package dev.stasis.internal.coordinator;

import dev.stasis.internal.config.AgentOptions;
import dev.stasis.internal.format.CheckpointKey;
import java.nio.file.Path;
import java.time.Duration;

/** What the agent was told that the coordinator needs. */
public final class Settings {
    final Path dir;
    final boolean exit;
    final int keep;
    final Duration interval;
    final String signal;
    final Duration timeout;
    final long at;
    final CheckpointKey key;
    private final AgentOptions options;

    /**
     * @param options the agent's effective options
     * @param key     signs every checkpoint, or null for unsigned checkpoints
     */
    public Settings(AgentOptions options, CheckpointKey key) {
        this.options = options;
        this.dir = options.dir;
        this.exit = options.exit;
        this.keep = options.keep;
        this.interval = options.interval;
        this.signal = options.signal;
        this.timeout = options.timeout;
        this.at = options.at;
        this.key = key;
    }

    /**
     * The effective options as an agent argument string, recorded in each checkpoint so a restored
     * job goes on the way it was started. Rendered when a checkpoint is written, not when the agent
     * starts, whose every millisecond the application waits for.
     */
    String agentArguments() {
        return options.toArgumentString();
    }
}
