package dev.stasis.internal.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kinds of values an agent option can take: how text becomes a value, how a value becomes
 * text again (so that {@link AgentOptions#toArgumentString()} parses back to the same options),
 * and what to tell a user who wrote something else.
 */
public final class OptionValue<T> {

    /** Turns text into a value, or returns null when the text is not acceptable. */
    @FunctionalInterface
    interface Parser<T> {
        T parse(String text);
    }

    /** Turns a value back into text that {@link Parser#parse} accepts. */
    @FunctionalInterface
    interface Renderer<T> {
        String render(T value);
    }

    private static final Pattern PACKAGE_PREFIX =
            Pattern.compile("\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*"
                    + "(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*\\.?");

    private static final Pattern MEMBER_NAME =
            Pattern.compile("\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*"
                    + "(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*");

    private static final Pattern DURATION_TEXT = Pattern.compile("(\\d{1,18})\\s*(ms|s|m|h|d)");
    private static final Pattern SIGNAL_NAME = Pattern.compile("[A-Z][A-Z0-9]*");

    public static final OptionValue<Path> PATH = new OptionValue<>("a file or directory path", text -> {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            return null;
        }
    }, Path::toString);

    public static final OptionValue<Boolean> BOOLEAN = new OptionValue<>("true or false", text -> {
        if (text.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        return text.equalsIgnoreCase("false") ? Boolean.FALSE : null;
    }, String::valueOf);

    public static final OptionValue<Integer> POSITIVE_INT = new OptionValue<>("a whole number >= 1", text -> {
        try {
            int n = Integer.parseInt(text.trim());
            return n >= 1 ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }, String::valueOf);

    /** Package prefixes separated by ';' (a Windows-style list separator, since ',' separates options). */
    public static final OptionValue<List<String>> PACKAGE_LIST = new OptionValue<>(
            "package prefixes separated by ';', like com.acme;org.example", text -> {
                List<String> prefixes = new ArrayList<>();
                for (String item : text.split(";")) {
                    String prefix = item.trim();
                    if (prefix.isEmpty()) {
                        continue;
                    }
                    if (!PACKAGE_PREFIX.matcher(prefix).matches()) {
                        return null;
                    }
                    prefixes.add(prefix);
                }
                return List.copyOf(prefixes);
            }, list -> String.join(";", list));

    public static final OptionValue<Long> POSITIVE_LONG = new OptionValue<>("a whole number >= 1", text -> {
        try {
            long n = Long.parseLong(text);
            return n >= 1 ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }, String::valueOf);

    /** A positive duration: a number and a unit (ms, s, m, h, d), or ISO-8601 such as PT1M30S. */
    public static final OptionValue<Duration> DURATION = new OptionValue<>(
            "a duration such as 500ms, 30s, 5m, 2h or 1d", OptionValue::duration, OptionValue::renderDuration);

    /** A signal name for sun.misc.Signal: upper case, without "SIG" (USR2, TERM, HUP). */
    public static final OptionValue<String> SIGNAL = new OptionValue<>("a signal name such as USR2, TERM or HUP",
            text -> {
                String name = text.toUpperCase(Locale.ROOT);
                if (name.startsWith("SIG")) {
                    name = name.substring(3);
                }
                return SIGNAL_NAME.matcher(name).matches() ? name : null;
            }, name -> name);

    /**
     * How much Stasis says: {@code quiet} (problems only, on stderr), {@code debug} (a trace too) or
     * {@code system} (everything to System.Logger "dev.stasis", the application's logging set-up).
     */
    public static final OptionValue<String> LOG_LEVEL = new OptionValue<>("quiet, debug or system", text -> {
        String level = text.toLowerCase(Locale.ROOT);
        return level.equals("quiet") || level.equals("debug") || level.equals("system") ? level : null;
    }, level -> level);

    /** Path prefix pairs FROM=TO separated by ';' (',' separates options); both sides non-empty. */
    public static final OptionValue<List<String>> PATH_MAP = new OptionValue<>(
            "FROM=TO path prefixes separated by ';', like /old/data=/new/data;C:\\work=/home/me/work", text -> {
                List<String> pairs = new ArrayList<>();
                for (String item : text.split(";")) {
                    String pair = item.trim();
                    if (pair.isEmpty()) {
                        continue;
                    }
                    int eq = pair.indexOf('=');
                    if (eq <= 0 || eq == pair.length() - 1) {
                        return null;
                    }
                    pairs.add(pair);
                }
                return List.copyOf(pairs);
            }, list -> String.join(";", list));

    /** Class names or Class.field names (binary names, '$' for nested classes) separated by ';'. */
    public static final OptionValue<List<String>> MEMBER_LIST = new OptionValue<>(
            "class names or Class.field names separated by ';', like com.acme.Cache;com.acme.Main.connection",
            text -> {
                List<String> names = new ArrayList<>();
                for (String item : text.split(";")) {
                    String name = item.trim();
                    if (name.isEmpty()) {
                        continue;
                    }
                    if (!MEMBER_NAME.matcher(name).matches()) {
                        return null;
                    }
                    names.add(name);
                }
                return List.copyOf(names);
            }, list -> String.join(";", list));

    /**
     * A heap compression: {@code none}, {@code lz4} (fast) or {@code deflate} (smaller). The names
     * are dev.stasis.internal.format.Compression's; this package does not depend on the format.
     */
    public static final OptionValue<String> COMPRESSION = new OptionValue<>("none, lz4 or deflate", text -> {
        String name = text.trim().toLowerCase(Locale.ROOT);
        return name.equals("none") || name.equals("lz4") || name.equals("deflate") ? name : null;
    }, name -> name);

    private final String accepted;
    private final Parser<T> parser;
    private final Renderer<T> renderer;

    private OptionValue(String accepted, Parser<T> parser, Renderer<T> renderer) {
        this.accepted = accepted;
        this.parser = parser;
        this.renderer = renderer;
    }

    /** What a user may write, for error messages: "true or false". */
    public String accepted() {
        return accepted;
    }

    /** The value of {@code text}, or null when it is not acceptable. */
    T parse(String text) {
        return parser.parse(text);
    }

    String render(T value) {
        return renderer.render(value);
    }

    private static Duration duration(String text) {
        Duration d;
        Matcher m = DURATION_TEXT.matcher(text.toLowerCase(Locale.ROOT));
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                switch (m.group(2)) {
                    case "ms":
                        d = Duration.ofMillis(n);
                        break;
                    case "s":
                        d = Duration.ofSeconds(n);
                        break;
                    case "m":
                        d = Duration.ofMinutes(n);
                        break;
                    case "h":
                        d = Duration.ofHours(n);
                        break;
                    default:
                        d = Duration.ofDays(n);
                        break;
                }
            } else {
                d = Duration.parse(text);
            }
        } catch (ArithmeticException | DateTimeParseException e) {
            return null;
        }
        return d.isNegative() || d.isZero() || d.toNanos() % 1_000_000 != 0 ? null : d;
    }

    /** The shortest exact text: 90s stays 90s, 120s becomes 2m. */
    private static String renderDuration(Duration d) {
        long ms = d.toMillis();
        long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1000L};
        String[] units = {"d", "h", "m", "s"};
        for (int k = 0; k < sizes.length; k++) {
            if (ms % sizes[k] == 0) {
                return ms / sizes[k] + units[k];
            }
        }
        return ms + "ms";
    }
}
