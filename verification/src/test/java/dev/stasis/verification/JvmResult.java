package dev.stasis.verification;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What one JVM run did: its exit status and everything it printed. */
record JvmResult(String name, List<String> command, int exitCode, boolean timedOut,
                 String stdout, String stderr, Path stdoutFile, Path stderrFile) {

    /** Lines a Java exception trace consists of, whoever printed it. */
    private static final Pattern TRACE_LINE = Pattern.compile(
            "(?m)^(\\s+at [\\w$.<>/]+\\(.*\\)|Exception in thread .*|Caused by: .*|\\s+\\.\\.\\. \\d+ more)$");

    private static final int SHOWN_CHARS = 6000;

    /** The first line of an exception trace on stderr, if any. */
    Optional<String> exceptionTrace() {
        Matcher m = TRACE_LINE.matcher(stderr);
        return m.find() ? Optional.of(m.group(1).strip()) : Optional.empty();
    }

    /** Everything a failure message needs to understand this run without rerunning it. */
    String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("\n----- ").append(name).append(": ")
                .append(timedOut ? "TIMED OUT and was killed" : "exit status " + exitCode).append(" -----\n");
        sb.append("command: ").append(String.join(" ", command)).append('\n');
        sb.append("stdout (").append(stdoutFile).append("):\n").append(shown(stdout));
        sb.append("stderr (").append(stderrFile).append("):\n").append(shown(stderr));
        return sb.toString();
    }

    private static String shown(String text) {
        if (text.isEmpty()) {
            return "  <empty>\n";
        }
        String body = text.length() <= SHOWN_CHARS
                ? text
                : text.substring(0, SHOWN_CHARS) + "\n  ... " + (text.length() - SHOWN_CHARS) + " more characters";
        return body.endsWith("\n") ? body : body + "\n";
    }
}
