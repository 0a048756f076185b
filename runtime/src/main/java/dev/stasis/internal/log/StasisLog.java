package dev.stasis.internal.log;

import java.util.ResourceBundle;
import java.util.function.Supplier;

/**
 * Everything the agent says, through one {@link System.Logger}. By default ({@code log=quiet})
 * that is Stasis's own logger, which prints errors, warnings and the few notices (a checkpoint
 * written before exiting) on stderr as one {@code stasis: ...} line each, as users have always seen
 * them, and drops the trace. {@code log=debug} prints the trace
 * too: what is instrumented, which requests wait and why, what each checkpoint and restore captured.
 * {@code log=system} hands every message to {@code System.getLogger("dev.stasis")}, so that the
 * application's logging set-up (java.util.logging, or a framework bridged to System.Logger) decides
 * where they go: failures at ERROR, problems at WARNING, notices at INFO, the trace at DEBUG.
 */
public final class StasisLog {

    /** The name of the System.Logger used with {@code log=system}. */
    public static final String LOGGER_NAME = "dev.stasis";

    private static volatile System.Logger logger = new StderrLogger(false);

    private StasisLog() {
    }

    /** Sets the level from the {@code log=} option: quiet, debug or system. */
    public static void configure(String level) {
        if ("system".equals(level)) {
            logger = System.getLogger(LOGGER_NAME);
        } else {
            logger = new StderrLogger("debug".equals(level));
        }
    }

    /** A problem the user should see (a checkpoint not taken, a request abandoned); one paragraph. */
    public static void warn(String message) {
        logger.log(System.Logger.Level.WARNING, message);
    }

    /** The end of something the user asked for (a checkpoint written before the JVM exits). */
    public static void info(String message) {
        logger.log(System.Logger.Level.INFO, message);
    }

    /** A failure that ends the JVM (a restore that cannot go on); one paragraph. */
    public static void error(String message) {
        logger.log(System.Logger.Level.ERROR, message);
    }

    /** A trace line, built only when the trace is on. */
    public static void debug(Supplier<String> message) {
        System.Logger l = logger;
        if (l.isLoggable(System.Logger.Level.DEBUG)) {
            l.log(System.Logger.Level.DEBUG, message.get());
        }
    }

    public static boolean debugging() {
        return logger.isLoggable(System.Logger.Level.DEBUG);
    }

    /**
     * Stasis's default logger: stderr, one line per message, {@code stasis: } in front of the trace
     * (messages that are warnings carry their own prefix, as they always did).
     */
    private static final class StderrLogger implements System.Logger {
        private final boolean debug;

        StderrLogger(boolean debug) {
            this.debug = debug;
        }

        @Override
        public String getName() {
            return LOGGER_NAME;
        }

        @Override
        public boolean isLoggable(Level level) {
            return level != Level.OFF && (level.getSeverity() >= Level.INFO.getSeverity() || debug);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            if (isLoggable(level)) {
                print(level, msg);
            }
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            if (isLoggable(level)) {
                print(level, params == null || params.length == 0 ? format
                        : java.text.MessageFormat.format(format, params));
            }
        }

        private static void print(Level level, String msg) {
            System.err.println(msg.startsWith("stasis:") ? msg : "stasis: " + msg);
        }
    }
}
