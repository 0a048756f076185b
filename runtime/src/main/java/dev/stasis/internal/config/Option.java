package dev.stasis.internal.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * One agent option: its name, the kind of value it takes and its default (null when an unset
 * option has no value). The constants below are the table {@link AgentOptions} is driven by; a new
 * option is one more constant.
 */
public final class Option<T> {

    private static final List<Option<?>> TABLE = new ArrayList<>();

    /** Every option, in declaration order: the order of messages and of rendered arguments. */
    public static final List<Option<?>> ALL = Collections.unmodifiableList(TABLE);

    /** Where checkpoints are written. */
    public static final Option<Path> DIR = new Option<>("dir", OptionValue.PATH, Path.of("stasis-checkpoints"));
    /** Exit (status 0) once a checkpoint is safely on disk, instead of continuing. */
    public static final Option<Boolean> EXIT = new Option<>("exit", OptionValue.BOOLEAN, Boolean.FALSE);
    /** Package prefixes to instrument; empty means every application package. */
    public static final Option<List<String>> INCLUDE = new Option<>("include", OptionValue.PACKAGE_LIST, List.of());
    /** Package prefixes never to instrument, even when included. */
    public static final Option<List<String>> EXCLUDE = new Option<>("exclude", OptionValue.PACKAGE_LIST, List.of());
    /** Continue from this checkpoint file, or from the newest valid one in this directory. */
    public static final Option<Path> RESTORE = new Option<>("restore", OptionValue.PATH, null);
    /** How many of the newest checkpoints to keep in {@link #DIR}. */
    public static final Option<Integer> KEEP = new Option<>("keep", OptionValue.POSITIVE_INT, 3);
    /** Take a checkpoint this often (at the next safe point after each period). */
    public static final Option<Duration> INTERVAL = new Option<>("interval", OptionValue.DURATION, null);
    /** Take a checkpoint when this signal arrives. */
    public static final Option<String> SIGNAL = new Option<>("signal", OptionValue.SIGNAL, null);
    /** How long a checkpoint request waits for a safe point where the whole stack is capturable. */
    public static final Option<Duration> TIMEOUT =
            new Option<>("timeout", OptionValue.DURATION, Duration.ofSeconds(30));
    /** Take one checkpoint at the N-th safe point (for tests and differential runs). */
    public static final Option<Long> AT = new Option<>("at", OptionValue.POSITIVE_LONG, null);
    /** {@code debug} traces what the rewriter does with each method (and how much it grows). */
    public static final Option<String> LOG = new Option<>("log", OptionValue.LOG_LEVEL, "quiet");
    /**
     * A file holding the secret that signs every checkpoint written and must sign every checkpoint
     * read (HMAC-SHA256). Only the path is recorded in checkpoints, never the secret.
     */
    public static final Option<Path> KEY = new Option<>("key", OptionValue.PATH, null);
    /**
     * How the heap section of each checkpoint is compressed: {@code none}, {@code lz4} or {@code deflate};
     * unset is none (no default value, so option strings recorded before the option existed stay as they were).
     */
    public static final Option<String> COMPRESS = new Option<>("compress", OptionValue.COMPRESSION, null);

    /**
     * On restore, where files that were open at the checkpoint are now: FROM=TO path prefixes
     * (the launcher's {@code --map}); each open file is reopened at its path with FROM replaced by TO.
     */
    public static final Option<List<String>> MAP = new Option<>("map", OptionValue.PATH_MAP, List.of());
    /**
     * Classes whose instances, and Class.field fields, left out of checkpoints (written as null):
     * caches and connections the application's listeners re-create after a restore.
     */
    public static final Option<List<String>> TRANSIENT =
            new Option<>("transient", OptionValue.MEMBER_LIST, List.of());

    /**
     * Where rewritten classes are kept between runs, so a program started again or restored with
     * the same agent skips rewriting them; {@code off} for nowhere. Unset: {@code
     * $XDG_CACHE_HOME/stasis/classes}, else {@code ~/.cache/stasis/classes} (no default value, so
     * option strings recorded before the option existed stay as they were).
     */
    public static final Option<Path> CACHE = new Option<>("cache", OptionValue.PATH, null);

    private final String name;
    private final OptionValue<T> value;
    private final T defaultValue;

    private Option(String name, OptionValue<T> value, T defaultValue) {
        this.name = name;
        this.value = value;
        this.defaultValue = defaultValue;
        TABLE.add(this);
    }

    public String name() {
        return name;
    }

    public OptionValue<T> value() {
        return value;
    }

    public T defaultValue() {
        return defaultValue;
    }

    /** The system property that sets this option: {@code stasis.dir}. */
    public String propertyName() {
        return "stasis." + name;
    }

    /** The environment variable that sets this option: {@code STASIS_DIR}. */
    public String environmentName() {
        return "STASIS_" + name.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
    }

    /** The option called {@code name}, or null. */
    public static Option<?> named(String name) {
        for (Option<?> option : ALL) {
            if (option.name.equals(name)) {
                return option;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return name;
    }
}
