package dev.stasis.verification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One JVM (or a script that starts JVMs) run for a test: a command line run in a working directory
 * with its output captured to files, and killed (with every process it started) when it outlives
 * its timeout.
 */
final class JvmRun {

    /** The system property the restore launcher names itself in, on its application JVM's command line. */
    static final String LAUNCHER_PROPERTY = "stasis.launcher.pid";

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final String name;
    private final List<String> command;
    private final Map<String, String> extraEnvironment = new java.util.LinkedHashMap<>();
    private Duration timeout = DEFAULT_TIMEOUT;

    private JvmRun(String name, List<String> command) {
        this.name = name;
        this.command = command;
    }

    /** The program alone, without Stasis's agent. */
    static JvmRun plain(String name, Jdk jdk, Program program) {
        return new JvmRun(name, javaCommand(jdk, List.of(), program));
    }

    /** The program under the agent, {@code -javaagent:stasis-agent.jar=<options>}. */
    static JvmRun withAgent(String name, Jdk jdk, Program program, String agentOptions) {
        String agent = "-javaagent:" + Artifacts.agentJar() + (agentOptions.isEmpty() ? "" : "=" + agentOptions);
        return new JvmRun(name, javaCommand(jdk, List.of(agent), program));
    }

    /** The program under the agent with JVM options before the class path (system properties, JMX). */
    static JvmRun withAgent(String name, Jdk jdk, Program program, String agentOptions, List<String> jvmOptions) {
        List<String> options = new ArrayList<>();
        options.add("-javaagent:" + Artifacts.agentJar() + (agentOptions.isEmpty() ? "" : "=" + agentOptions));
        options.addAll(jvmOptions);
        return new JvmRun(name, javaCommand(jdk, options, program));
    }

    /** The agent jar's command line: {@code <jdk>/bin/java -jar stasis-agent.jar <args>}. */
    static JvmRun agentCommand(String name, Jdk jdk, String... args) {
        List<String> cmd = new ArrayList<>(List.of(jdk.java().toString(), "-jar", Artifacts.agentJar().toString()));
        cmd.addAll(List.of(args));
        return new JvmRun(name, cmd);
    }

    /** The restart launcher: {@code <jdk>/bin/java -jar stasis-agent.jar restore <checkpoint> ...}. */
    static JvmRun restore(String name, Jdk jdk, Path checkpoint, String... launcherArgs) {
        List<String> cmd = new ArrayList<>(List.of(jdk.java().toString(), "-jar",
                Artifacts.agentJar().toString(), "restore", checkpoint.toString()));
        cmd.addAll(List.of(launcherArgs));
        return new JvmRun(name, cmd);
    }

    /** A script run with bash, such as sample-apps/run-demo.sh. */
    static JvmRun script(String name, Path script, String... args) {
        List<String> cmd = new ArrayList<>(List.of("bash", script.toString()));
        cmd.addAll(List.of(args));
        return new JvmRun(name, cmd);
    }

    /** Sets a variable for this run only, after the environment was cleaned. */
    JvmRun env(String key, String value) {
        extraEnvironment.put(key, value);
        return this;
    }

    JvmRun timeout(Duration newTimeout) {
        this.timeout = newTimeout;
        return this;
    }

    /** Runs to completion (or the timeout) in {@code workDir}; output goes to {@code <name>.out/.err}. */
    JvmResult run(Path workDir) {
        return start(workDir).finish();
    }

    /**
     * Starts the run in {@code workDir} and returns at once, for tests that act on a running JVM
     * (signal it, attach to it, call its MBean); {@link Running#finish()} then waits for it.
     */
    Running start(Path workDir) {
        Path out = workDir.resolve(name + ".out");
        Path err = workDir.resolve(name + ".err");
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        cleanEnvironment(pb.environment());
        pb.environment().putAll(extraEnvironment);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            return new Running(p, out, err, System.nanoTime() + timeout.toNanos());
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + String.join(" ", command), e);
        }
    }

    /** A started run; its timeout counts from its start. */
    final class Running {
        private final Process process;
        private final Path out;
        private final Path err;
        private final long deadlineNanos;

        private Running(Process process, Path out, Path err, long deadlineNanos) {
            this.process = process;
            this.out = out;
            this.err = err;
            this.deadlineNanos = deadlineNanos;
        }

        long pid() {
            return process.pid();
        }

        boolean isAlive() {
            return process.isAlive();
        }

        /** Sends SIGTERM on POSIX systems (what {@link Process#destroy()} does there). */
        void terminate() {
            process.destroy();
        }

        /**
         * Kills the run without warning, SIGKILL on POSIX systems: no shutdown hook, no flush.
         * The JVMs it started go first (the restart launcher's application JVM), so none survives
         * its parent.
         */
        void kill() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            // A launcher killed just as it started its application JVM leaves that JVM out of the
            // descendants listed above. It would halt by itself once it sees its launcher gone
            // (LauncherWatch), but a generation that starts at once could meet it still writing.
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            startedBy(process.pid()).forEach(ProcessHandle::destroyForcibly);
        }

        /**
         * Kills the launcher alone, without warning, as a scheduler that knows only its process id
         * would; returns the processes it had started.
         */
        List<ProcessHandle> killAlone() {
            List<ProcessHandle> started = process.descendants().toList();
            process.destroyForcibly();
            return started;
        }

        /** The JVMs the restore launcher with process id {@code pid} started, wherever they are now. */
        private static List<ProcessHandle> startedBy(long pid) {
            String marker = "-D" + LAUNCHER_PROPERTY + "=" + pid;
            return ProcessHandle.allProcesses()
                    .filter(p -> p.info().arguments().map(a -> List.of(a).contains(marker)).orElse(false))
                    .toList();
        }

        /**
         * Waits until the program has printed at least {@code lines} lines on stdout; false if it
         * ended, or {@code wait} passed, first.
         */
        boolean awaitStdoutLines(int lines, Duration wait) {
            long until = System.nanoTime() + wait.toNanos();
            try {
                while (System.nanoTime() < until) {
                    if (Files.readString(out, StandardCharsets.UTF_8).lines().count() >= lines) {
                        return true;
                    }
                    if (!process.isAlive()) {
                        return false;
                    }
                    Thread.sleep(20);
                }
                return false;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while watching " + name, e);
            }
        }

        /** Waits for the end of the run, killing it (and every process it started) at its timeout. */
        JvmResult finish() {
            try {
                long left = Math.max(0, deadlineNanos - System.nanoTime());
                boolean finished = process.waitFor(left, TimeUnit.NANOSECONDS);
                if (!finished) {
                    // The restart launcher runs the application in a child JVM: kill that one too.
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
                return new JvmResult(name, command, finished ? process.exitValue() : -1, !finished,
                        Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8),
                        out, err);
            } catch (IOException e) {
                throw new UncheckedIOException("could not read the output of " + String.join(" ", command), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while running " + name, e);
            }
        }
    }

    private static List<String> javaCommand(Jdk jdk, List<String> jvmOptions, Program program) {
        List<String> cmd = new ArrayList<>();
        cmd.add(jdk.java().toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(program.classPath());
        cmd.add(program.mainClass());
        cmd.addAll(program.args());
        return cmd;
    }

    /**
     * The child JVMs must see only what the test gives them: STASIS_* variables would act as agent
     * options, and the JVM option variables print notices on stderr and change behaviour.
     */
    private static void cleanEnvironment(Map<String, String> env) {
        env.keySet().removeIf(k -> k.startsWith("STASIS_"));
        env.remove("JAVA_TOOL_OPTIONS");
        env.remove("_JAVA_OPTIONS");
        env.remove("JDK_JAVA_OPTIONS");
    }
}
