package bench.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One JVM the benchmark starts and times: its standard output is kept for the figures the program
 * prints, its standard error goes to a log file named after the run.
 */
final class ChildJvm {

    /** What a finished JVM left: its output, and wall-clock times around it. */
    static final class Result {
        final String stdout;
        final long launchMillis;
        final long wallNanos;

        Result(String stdout, long launchMillis, long wallNanos) {
            this.stdout = stdout;
            this.launchMillis = launchMillis;
            this.wallNanos = wallNanos;
        }

        /** The value of {@code key=} in the output line starting with {@code prefix}. */
        String value(String prefix, String key) {
            for (String line : stdout.split("\\R")) {
                if (line.startsWith(prefix)) {
                    for (String word : line.split(" ")) {
                        if (word.startsWith(key + "=")) {
                            return word.substring(key.length() + 1);
                        }
                    }
                }
            }
            throw new IllegalStateException("no " + key + "= in a line starting with '" + prefix + "' of:\n" + stdout);
        }

        long longValue(String prefix, String key) {
            return Long.parseLong(value(prefix, key));
        }
    }

    private ChildJvm() {
    }

    /** Runs {@code java jvmArgs... mainAndArgs...} with the JDK at {@code javaHome}; fails on a non-zero exit. */
    static Result run(Path javaHome, List<String> jvmArgs, List<String> mainAndArgs, Path log, long timeoutSeconds)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(javaHome.resolve("bin/java").toString());
        command.addAll(jvmArgs);
        command.addAll(mainAndArgs);
        Files.createDirectories(log.getParent());
        Path out = log.resolveSibling(log.getFileName() + ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(log.toFile());
        long launchMillis = System.currentTimeMillis();
        long start = System.nanoTime();
        Process p = builder.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new IllegalStateException("timed out after " + timeoutSeconds + " s: " + String.join(" ", command)
                    + " (stderr in " + log + ")");
        }
        long wall = System.nanoTime() - start;
        String stdout = Files.readString(out);
        if (p.exitValue() != 0) {
            throw new IllegalStateException("exit status " + p.exitValue() + ": " + String.join(" ", command)
                    + "\nstdout: " + stdout + "\nstderr: " + tail(log));
        }
        return new Result(stdout, launchMillis, wall);
    }

    private static String tail(Path log) throws IOException {
        String text = Files.readString(log);
        return text.length() > 4000 ? "..." + text.substring(text.length() - 4000) : text;
    }
}
