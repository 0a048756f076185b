package dev.stasis.internal.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The kinds of values an agent option can take: how text becomes a value, how a value becomes
 * text again (so that {@link AgentOptions#toArgumentString()} parses back to the same options),
 * and what to tell a user who wrote something else.
 *
 * <p>Parsing runs in {@code premain}, on the application's start-up path: it is plain code over
 * characters, without regular expressions or lambdas, whose first use loads and generates dozens
 * of classes.
 */
public final class OptionValue<T> {

    private enum Kind {
        PATH, BOOLEAN, POSITIVE_INT, PACKAGE_LIST, POSITIVE_LONG, DURATION, SIGNAL, LOG_LEVEL, PATH_MAP, MEMBER_LIST,
        COMPRESSION
    }

    public static final OptionValue<Path> PATH = new OptionValue<>(Kind.PATH, "a file or directory path");

    public static final OptionValue<Boolean> BOOLEAN = new OptionValue<>(Kind.BOOLEAN, "true or false");

    public static final OptionValue<Integer> POSITIVE_INT = new OptionValue<>(Kind.POSITIVE_INT, "a whole number >= 1");

    /** Package prefixes separated by ';' (a Windows-style list separator, since ',' separates options). */
    public static final OptionValue<List<String>> PACKAGE_LIST = new OptionValue<>(Kind.PACKAGE_LIST,
            "package prefixes separated by ';', like com.acme;org.example");

    public static final OptionValue<Long> POSITIVE_LONG = new OptionValue<>(Kind.POSITIVE_LONG, "a whole number >= 1");

    /** A positive duration: a number and a unit (ms, s, m, h, d), or ISO-8601 such as PT1M30S. */
    public static final OptionValue<Duration> DURATION = new OptionValue<>(Kind.DURATION,
            "a duration such as 500ms, 30s, 5m, 2h or 1d");

    /** A signal name for sun.misc.Signal: upper case, without "SIG" (USR2, TERM, HUP). */
    public static final OptionValue<String> SIGNAL = new OptionValue<>(Kind.SIGNAL,
            "a signal name such as USR2, TERM or HUP");

    /**
     * How much Stasis says: {@code quiet} (problems only, on stderr), {@code debug} (a trace too) or
     * {@code system} (everything to System.Logger "dev.stasis", the application's logging set-up).
     */
    public static final OptionValue<String> LOG_LEVEL = new OptionValue<>(Kind.LOG_LEVEL, "quiet, debug or system");

    /** Path prefix pairs FROM=TO separated by ';' (',' separates options); both sides non-empty. */
    public static final OptionValue<List<String>> PATH_MAP = new OptionValue<>(Kind.PATH_MAP,
            "FROM=TO path prefixes separated by ';', like /old/data=/new/data;C:\\work=/home/me/work");

    /** Class names or Class.field names (binary names, '$' for nested classes) separated by ';'. */
    public static final OptionValue<List<String>> MEMBER_LIST = new OptionValue<>(Kind.MEMBER_LIST,
            "class names or Class.field names separated by ';', like com.acme.Cache;com.acme.Main.connection");

    /**
     * A heap compression: {@code none}, {@code lz4} (fast) or {@code deflate} (smaller). The names
     * are dev.stasis.internal.format.Compression's; this package does not depend on the format.
     */
    public static final OptionValue<String> COMPRESSION = new OptionValue<>(Kind.COMPRESSION, "none, lz4 or deflate");

    private final Kind kind;
    private final String accepted;

    private OptionValue(Kind kind, String accepted) {
        this.kind = kind;
        this.accepted = accepted;
    }

    /** What a user may write, for error messages: "true or false". */
    public String accepted() {
        return accepted;
    }

    /** The value of {@code text}, or null when it is not acceptable. */
    @SuppressWarnings("unchecked")
    T parse(String text) {
        return (T) parsed(text);
    }

    private Object parsed(String text) {
        switch (kind) {
            case PATH:
                return path(text);
            case BOOLEAN:
                if (text.equalsIgnoreCase("true")) {
                    return Boolean.TRUE;
                }
                return text.equalsIgnoreCase("false") ? Boolean.FALSE : null;
            case POSITIVE_INT:
                try {
                    int n = Integer.parseInt(text.trim());
                    return n >= 1 ? n : null;
                } catch (NumberFormatException e) {
                    return null;
                }
            case PACKAGE_LIST:
                return names(text, true);
            case POSITIVE_LONG:
                try {
                    long n = Long.parseLong(text);
                    return n >= 1 ? n : null;
                } catch (NumberFormatException e) {
                    return null;
                }
            case DURATION:
                return duration(text);
            case SIGNAL:
                return signal(text);
            case LOG_LEVEL:
                String level = text.toLowerCase(Locale.ROOT);
                return level.equals("quiet") || level.equals("debug") || level.equals("system") ? level : null;
            case PATH_MAP:
                return pathMap(text);
            case MEMBER_LIST:
                return names(text, false);
            default:
                String name = text.trim().toLowerCase(Locale.ROOT);
                return name.equals("none") || name.equals("lz4") || name.equals("deflate") ? name : null;
        }
    }

    /** Text that {@link #parse} turns back into {@code value}. */
    @SuppressWarnings("unchecked")
    String render(T value) {
        switch (kind) {
            case DURATION:
                return renderDuration((Duration) value);
            case PACKAGE_LIST:
            case PATH_MAP:
            case MEMBER_LIST:
                return String.join(";", (List<String>) value);
            default:
                return value.toString();
        }
    }

    private static Path path(String text) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /**
     * Dotted Java names separated by ';': package prefixes (which may end with a '.') when
     * {@code prefixes}, else class names or Class.field names. Null when one is not such a name.
     */
    private static List<String> names(String text, boolean prefixes) {
        List<String> names = new ArrayList<>();
        for (String item : text.split(";")) {
            String name = item.trim();
            if (name.isEmpty()) {
                continue;
            }
            if (!isDottedName(prefixes && name.endsWith(".") ? name.substring(0, name.length() - 1) : name)) {
                return null;
            }
            names.add(name);
        }
        return List.copyOf(names);
    }

    /** Java identifiers joined by single dots: {@code com.acme.Main$Inner}. */
    private static boolean isDottedName(String name) {
        boolean start = true;
        for (int k = 0; k < name.length(); ) {
            int c = name.codePointAt(k);
            if (start ? !Character.isJavaIdentifierStart(c) : c != '.' && !Character.isJavaIdentifierPart(c)) {
                return false;
            }
            start = c == '.';
            k += Character.charCount(c);
        }
        return !start;
    }

    private static List<String> pathMap(String text) {
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
    }

    /** An upper-case letter, then upper-case letters and digits; a leading "SIG" is dropped. */
    private static String signal(String text) {
        String name = text.toUpperCase(Locale.ROOT);
        if (name.startsWith("SIG")) {
            name = name.substring(3);
        }
        if (name.isEmpty() || !isUpperAscii(name.charAt(0))) {
            return null;
        }
        for (int k = 1; k < name.length(); k++) {
            char c = name.charAt(k);
            if (!isUpperAscii(c) && (c < '0' || c > '9')) {
                return null;
            }
        }
        return name;
    }

    private static boolean isUpperAscii(char c) {
        return c >= 'A' && c <= 'Z';
    }

    /** 1 to 18 digits, optional whitespace and a unit (ms, s, m, h, d); else ISO-8601 (PT1M30S). */
    private static Duration duration(String text) {
        Duration d;
        String lower = text.toLowerCase(Locale.ROOT);
        int digits = 0;
        while (digits < lower.length() && lower.charAt(digits) >= '0' && lower.charAt(digits) <= '9') {
            digits++;
        }
        int unit = digits;
        while (unit < lower.length() && isRegexSpace(lower.charAt(unit))) {
            unit++;
        }
        String suffix = lower.substring(unit);
        try {
            if (digits >= 1 && digits <= 18 && isUnit(suffix)) {
                long n = Long.parseLong(lower.substring(0, digits));
                switch (suffix) {
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
        return d.isNegative() || d.isZero() || d.getNano() % 1_000_000 != 0 ? null : d;
    }

    private static boolean isUnit(String s) {
        return s.equals("ms") || s.equals("s") || s.equals("m") || s.equals("h") || s.equals("d");
    }

    /** Whitespace as {@code \s} means it in a regular expression: space, and tab to carriage return. */
    private static boolean isRegexSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
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
