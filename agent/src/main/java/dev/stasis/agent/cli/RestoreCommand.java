package dev.stasis.agent.cli;

import dev.stasis.internal.config.AgentOptions;
import dev.stasis.internal.config.Option;
import dev.stasis.internal.config.OptionException;
import dev.stasis.internal.format.CheckpointFileException;
import dev.stasis.internal.format.CheckpointKey;
import dev.stasis.internal.format.CheckpointReader;
import dev.stasis.internal.format.CheckpointSummary;
import dev.stasis.internal.restore.LauncherWatch;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Starts the application again from a checkpoint: a new JVM of the same Java installation as this
 * launcher, with the Stasis agent, the checkpoint's options and class path, and its main class.
 * The application's output and exit status are the launcher's.
 */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Continue a program from a checkpoint in a new JVM (the Java installation running this"
                + " command). PATH is a checkpoint file, or a directory whose newest valid checkpoint is used.",
            "Exits with the program's exit status."})
final class RestoreCommand implements Callable<Integer> {

    /** How long the launcher, when it is asked to stop, waits for the application to stop too. */
    private static final long STOP_WAIT_SECONDS = 30;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PATH", description = "checkpoint file or directory")
    Path path;

    @picocli.CommandLine.Option(names = {"--cp", "--class-path"}, paramLabel = "CLASSPATH",
            description = "the application's class path, instead of the one recorded in the checkpoint")
    String classPath;

    @picocli.CommandLine.Option(names = "--option", paramLabel = "KEY=VALUE",
            description = "an agent option replacing the recorded one (repeatable), e.g. --option dir=other")
    List<String> overrides = new ArrayList<>();

    @picocli.CommandLine.Option(names = "--map", paramLabel = "FROM=TO",
            description = "files open at the checkpoint under FROM are reopened under TO (repeatable), e.g."
                    + " --map /old/data=/new/data; the agent option map=FROM=TO;...")
    List<String> maps = new ArrayList<>();

    @picocli.CommandLine.Option(names = "--jvm-arg", paramLabel = "ARG",
            description = "an argument for the new JVM (repeatable), e.g. --jvm-arg=-Xmx2g")
    List<String> jvmArgs = new ArrayList<>();

    @picocli.CommandLine.Option(names = "--key", paramLabel = "FILE",
            description = "the file holding the key the checkpoint was signed with (agent option key=); a signed"
                    + " checkpoint is restored only with it, and the restored JVM signs its checkpoints with it")
    Path keyFile;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        CheckpointKey key = CheckpointKey.load(keyFile);
        Path file = CheckpointReader.resolve(path, key, skipped -> err.println("stasis: " + skipped));
        CheckpointSummary summary = CheckpointReader.readHeader(file, key);
        Path agentJar = AgentJar.path();
        if (agentJar == null) {
            err.println(AgentJar.missing("restore"));
            return StasisCommand.UNUSABLE;
        }
        List<String> options = new ArrayList<>(overrides);
        if (!maps.isEmpty()) {
            options.add(Option.MAP.name() + "=" + String.join(";", maps));
        }
        if (keyFile != null) {
            // The restored JVM checks the signature again and signs what it writes with the same key.
            options.add(Option.KEY.name() + "=" + keyFile.toAbsolutePath());
        }
        List<String> command = command(Path.of(System.getProperty("java.home")), agentJar, summary, classPath,
                options, jvmArgs);
        // The application halts if this launcher is killed without stopping it (LauncherWatch).
        command.add(1, "-D" + LauncherWatch.PROPERTY + "=" + ProcessHandle.current().pid());
        err.flush();
        Process application;
        try {
            application = new ProcessBuilder(command).inheritIO().start();
        } catch (IOException e) {
            err.println("stasis: cannot start " + command.get(0) + " (" + e.getMessage() + "). Run the launcher with"
                    + " a complete Java installation (a JDK or a JRE with bin/java).");
            return StasisCommand.UNUSABLE;
        }
        Thread forwardStop = new Thread(() -> stop(application), "stasis-restore-stop");
        Runtime.getRuntime().addShutdownHook(forwardStop);
        int status = application.waitFor();
        try {
            Runtime.getRuntime().removeShutdownHook(forwardStop);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to; it finds the application already ended.
        }
        return status;
    }

    /**
     * The command line of the restored JVM: {@code java [jvm args] -javaagent:JAR=OPTIONS -cp CP MAIN},
     * OPTIONS being the recorded agent options with the overrides applied and restore= the file.
     */
    static List<String> command(Path javaHome, Path agentJar, CheckpointSummary summary, String classPath,
            List<String> overrides, List<String> jvmArgs) throws CheckpointFileException {
        String mainClass = summary.header().mainClass;
        if (mainClass == null || mainClass.isBlank()) {
            throw new CheckpointFileException(summary.file(), "the checkpoint does not record the application's main"
                    + " class, so it cannot be restored from the command line.");
        }
        AgentOptions options;
        try {
            options = AgentOptions.fromArgument(summary.header().agentOptions);
        } catch (OptionException e) {
            throw new CheckpointFileException(summary.file(), "the agent options recorded in the checkpoint ("
                    + summary.header().agentOptions + ") cannot be used by this Stasis: "
                    + e.getMessage().replaceFirst("^stasis: ", "") + ". It was written by Stasis " + summary.writer()
                    + "; restore it with that version or a newer one.");
        }
        // at=N counted safe points from the original program's start, which the restored JVM has
        // passed: it must not take that checkpoint again. An at= given to the restore counts from it.
        options = options.with(Option.AT, null);
        for (String override : overrides) {
            options = options.withOverride(override);
        }
        options = options.with(Option.RESTORE, summary.file().toAbsolutePath());
        String effectiveClassPath = classPath != null ? classPath : summary.header().classPath;

        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        List<String> command = new ArrayList<>();
        command.add(javaHome.resolve("bin").resolve(windows ? "java.exe" : "java").toString());
        command.addAll(jvmArgs);
        command.add("-javaagent:" + agentJar + "=" + options.toArgumentString());
        if (effectiveClassPath != null && !effectiveClassPath.isEmpty()) {
            command.add("-cp");
            command.add(effectiveClassPath);
        }
        command.add(mainClass);
        return command;
    }

    /** When the launcher is asked to stop (Ctrl-C, a service manager's SIGTERM), the application stops too. */
    private static void stop(Process application) {
        if (!application.isAlive()) {
            return;
        }
        application.destroy();
        try {
            application.waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
