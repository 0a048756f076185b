package dev.stasis.internal.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.StringJoiner;

/**
 * The effective agent options of one run. Each option comes from the agent argument
 * ({@code -javaagent:stasis-agent.jar=dir=ckpt,exit=true}), else from the system property
 * {@code stasis.KEY}, else from the environment variable {@code STASIS_KEY}, else its default.
 * Instances are immutable; the {@code with...} methods return changed copies.
 */
public final class AgentOptions {

    /** Where checkpoints are written. */
    public final Path dir;
    /** Exit (status 0) once a checkpoint is safely on disk, instead of continuing. */
    public final boolean exit;
    /** Package prefixes to instrument; empty means every application package. */
    public final List<String> include;
    /** Package prefixes never to instrument. */
    public final List<String> exclude;
    /** The checkpoint (file or directory) to continue from, or null for a normal start. */
    public final Path restore;
    /** How many of the newest checkpoints to keep in {@link #dir}. */
    public final int keep;
    /** The period of periodic checkpoints, or null for none. */
    public final Duration interval;
    /** The signal name (USR2, without SIG) that requests a checkpoint, or null for none. */
    public final String signal;
    /** How long a checkpoint request waits for a capturable safe point. */
    public final Duration timeout;
    /** The safe point (counted from 1) at which to take one checkpoint, or 0 for none. */
    public final long at;
    /** The file holding the key that signs checkpoints, or null for unsigned checkpoints. */
    public final Path key;

    /**
     * The agent argument exactly as given ("" for none). To record or pass on the options in
     * effect, including those from properties and environment, use {@link #toArgumentString()}.
     */
    public final String raw;

    /** Explicitly set values by option; options not in the map have their default. */
    private final Map<Option<?>, Object> values;

    private AgentOptions(String raw, Map<Option<?>, Object> values) {
        this.raw = raw;
        this.values = values;
        this.dir = get(Option.DIR);
        this.exit = get(Option.EXIT);
        this.include = get(Option.INCLUDE);
        this.exclude = get(Option.EXCLUDE);
        this.restore = get(Option.RESTORE);
        this.keep = get(Option.KEEP);
        this.interval = get(Option.INTERVAL);
        this.signal = get(Option.SIGNAL);
        this.timeout = get(Option.TIMEOUT);
        this.at = values.containsKey(Option.AT) ? get(Option.AT) : 0;
        this.key = get(Option.KEY);
    }

    /**
     * Where rewritten classes are kept between runs ({@link Option#CACHE}), or null for nowhere:
     * {@code cache=off}, or no usable cache directory of the user's.
     */
    public Path rewriteCache() {
        Path set = get(Option.CACHE);
        if (set != null) {
            return set.toString().equals("off") ? null : set;
        }
        try {
            String xdg = System.getenv("XDG_CACHE_HOME");
            if (xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute()) {
                return Path.of(xdg, "stasis", "classes");
            }
            String home = System.getProperty("user.home");
            return home == null || home.isEmpty() || home.equals("?") ? null : Path.of(home, ".cache", "stasis", "classes");
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * The options of this JVM: its agent argument (may be null), then its system properties and
     * environment.
     *
     * @throws OptionException for an unknown key in the argument, or a malformed value anywhere
     */
    public static AgentOptions parse(String agentArgument) {
        return parse(agentArgument, System.getProperties(), System.getenv());
    }

    /** The options an agent argument alone gives, such as one recorded in a checkpoint. */
    public static AgentOptions fromArgument(String agentArgument) {
        return parse(agentArgument, new Properties(), Map.of());
    }

    /**
     * Options from an agent argument (null or empty for none), then {@code properties}, then
     * {@code environment}, for each option not set by an earlier source.
     *
     * @throws OptionException for an unknown key in the argument, or a malformed value anywhere
     */
    public static AgentOptions parse(String agentArgument, Properties properties, Map<String, String> environment) {
        Map<Option<?>, Object> values = new LinkedHashMap<>();
        for (Map.Entry<Option<?>, String> e : splitArgument(agentArgument).entrySet()) {
            values.put(e.getKey(), parseValue(e.getKey(), e.getValue(), ""));
        }
        for (Option<?> option : Option.ALL) {
            if (values.containsKey(option)) {
                continue;
            }
            String property = properties.getProperty(option.propertyName());
            if (property != null) {
                values.put(option, parseValue(option, property,
                        " (from system property " + option.propertyName() + ")"));
                continue;
            }
            String variable = environment.get(option.environmentName());
            if (variable != null) {
                values.put(option, parseValue(option, variable,
                        " (from environment variable " + option.environmentName() + ")"));
            }
        }
        return new AgentOptions(agentArgument == null ? "" : agentArgument, values);
    }

    /**
     * This with one more option from {@code KEY=VALUE}, replacing that option's value; an empty
     * value ({@code KEY=}) puts the option back to its default, which turns off what is off by
     * default ({@code interval=}, {@code signal=}, {@code at=}).
     */
    public AgentOptions withOverride(String keyEqualsValue) {
        int eq = keyEqualsValue.indexOf('=');
        if (eq < 0) {
            throw new OptionException("stasis: option override '" + keyEqualsValue
                    + "' has no value (write it as KEY=VALUE, for example keep=5, or KEY= for the default)");
        }
        Option<?> option = optionNamed(keyEqualsValue.substring(0, eq));
        Map<Option<?>, Object> copy = new LinkedHashMap<>(values);
        String text = keyEqualsValue.substring(eq + 1);
        if (text.isBlank()) {
            copy.remove(option);
        } else {
            copy.put(option, parseValue(option, text, ""));
        }
        return new AgentOptions(raw, copy);
    }

    /** This with {@code option} set to {@code value}, or back to its default when value is null. */
    public <T> AgentOptions with(Option<T> option, T value) {
        Map<Option<?>, Object> copy = new LinkedHashMap<>(values);
        if (value == null) {
            copy.remove(option);
        } else {
            copy.put(option, value);
        }
        return new AgentOptions(raw, copy);
    }

    /** The effective value of {@code option}: set, else its default (possibly null). */
    public <T> T get(Option<T> option) {
        @SuppressWarnings("unchecked")
        T value = (T) values.get(option);
        return value != null ? value : option.defaultValue();
    }

    /**
     * Every option with a value (set or default), as an agent argument that parses back to these
     * options; empty lists are left out. Written into checkpoints, and given to restored JVMs.
     */
    public String toArgumentString() {
        StringJoiner joined = new StringJoiner(",");
        for (Option<?> option : Option.ALL) {
            String text = render(option);
            if (text != null && !text.isEmpty()) {
                joined.add(option.name() + "=" + text);
            }
        }
        return joined.toString();
    }

    @Override
    public String toString() {
        return toArgumentString();
    }

    private <T> String render(Option<T> option) {
        T value = get(option);
        return value == null ? null : option.value().render(value);
    }

    /**
     * Options are separated by a comma that starts the next {@code key=}. Splitting only there lets
     * values keep commas, and '=' and ':' need no escaping at all (Windows paths, URLs).
     */
    private static Map<Option<?>, String> splitArgument(String argument) {
        Map<Option<?>, String> items = new LinkedHashMap<>();
        if (argument == null || argument.isBlank()) {
            return items;
        }
        int start = 0;
        while (true) {
            int comma = nextOptionStart(argument, start);
            String item = argument.substring(start, comma < 0 ? argument.length() : comma);
            if (!item.isBlank()) {
                int eq = item.indexOf('=');
                if (eq < 0) {
                    Option<?> option = optionNamed(item);
                    throw new OptionException("stasis: option '" + option.name() + "' needs a value ("
                            + option.name() + "=VALUE, where VALUE is " + option.value().accepted() + ")");
                }
                items.put(optionNamed(item.substring(0, eq)), item.substring(eq + 1));
            }
            if (comma < 0) {
                return items;
            }
            start = comma + 1;
        }
    }

    /**
     * The index of the first comma at or after {@code from} that starts an option, that is, one
     * followed by a key ({@code [A-Za-z][A-Za-z0-9_.-]*}) and '=', with optional whitespace around
     * the key; -1 when there is none. Plain code rather than a regular expression: this runs in
     * {@code premain}, where compiling one costs the application's start-up some milliseconds.
     */
    private static int nextOptionStart(String s, int from) {
        for (int comma = s.indexOf(',', from); comma >= 0; comma = s.indexOf(',', comma + 1)) {
            int k = skipSpace(s, comma + 1);
            if (k < s.length() && isAsciiLetter(s.charAt(k))) {
                k++;
                while (k < s.length() && (isAsciiLetter(s.charAt(k)) || isKeyPunctuationOrDigit(s.charAt(k)))) {
                    k++;
                }
                k = skipSpace(s, k);
                if (k < s.length() && s.charAt(k) == '=') {
                    return comma;
                }
            }
        }
        return -1;
    }

    /** Past whitespace as {@code \s} means it in a regular expression: space, and tab to carriage return. */
    private static int skipSpace(String s, int k) {
        while (k < s.length() && (s.charAt(k) == ' ' || (s.charAt(k) >= '\t' && s.charAt(k) <= '\r'))) {
            k++;
        }
        return k;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static boolean isKeyPunctuationOrDigit(char c) {
        return (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
    }

    private static Option<?> optionNamed(String key) {
        String name = key.trim().toLowerCase(Locale.ROOT);
        Option<?> option = Option.named(name);
        if (option == null) {
            StringJoiner known = new StringJoiner(", ");
            Option.ALL.forEach(o -> known.add(o.name()));
            throw new OptionException("stasis: unknown option '" + printable(key.trim()) + "' (known: " + known + ")");
        }
        return option;
    }

    private static <T> T parseValue(Option<T> option, String text, String source) {
        T value = option.value().parse(text.trim());
        if (value == null) {
            throw new OptionException("stasis: bad value '" + printable(text) + "' for option '" + option.name()
                    + "'" + source + " (accepted: " + option.value().accepted() + ")");
        }
        return value;
    }

    /** The text with control characters escaped, so that a message stays on one line. */
    private static String printable(String text) {
        StringBuilder s = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                s.append(String.format("\\u%04x", c));
            } else {
                s.appendCodePoint(c);
            }
        });
        return s.toString();
    }
}
