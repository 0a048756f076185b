package dev.stasis.agent.cli;

import dev.stasis.internal.config.OptionException;
import dev.stasis.internal.format.CheckpointFileException;
import dev.stasis.internal.format.StasisVersion;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar stasis-agent.jar COMMAND ...}: the command line of Stasis. Exit status 0 on
 * success, 1 when verify finds the checkpoint incompatible with the application or a program
 * asked to checkpoint did not, 2 for a damaged, missing or unreadable checkpoint, a missing
 * process and usage errors; restore exits with the application's status. Reports go to stdout,
 * problems to stderr.
 */
@Command(name = "stasis", mixinStandardHelpOptions = true, versionProvider = StasisCommand.Version.class,
        subcommands = {RestoreCommand.class, InspectCommand.class, VerifyCommand.class, CheckpointCommand.class},
        description = "Continue Java programs from checkpoints written by the Stasis agent, on any JDK 17+"
                + " and any OS or CPU.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:success", "1:verify: the checkpoint does not fit the application's classes;"
                + " checkpoint: the program did not take the checkpoint",
            "2:the checkpoint is missing, damaged or unreadable, no such process, or the command line is wrong",
            "3:an internal error of Stasis (please report it)"})
public final class StasisCommand implements Runnable {

    static final int INCOMPATIBLE = 1;
    static final int UNUSABLE = 2;
    static final int INTERNAL_ERROR = 3;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(execute(out, err, args));
    }

    /** Runs one command line, printing to {@code out} and {@code err}; returns the exit status. */
    static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new StasisCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof CheckpointFileException || e instanceof OptionException) {
                String message = e.getMessage();
                err.println(message.startsWith("stasis: ") ? message : "stasis: " + message);
                return UNUSABLE;
            }
            err.println("stasis: internal error, please report it with the trace below.");
            e.printStackTrace(err);
            return INTERNAL_ERROR;
        });
        int status = cli.execute(args);
        err.flush();
        out.flush();
        return status;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(),
                "Missing command: give restore, inspect, verify or checkpoint.");
    }

    /** The version line of --version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Stasis " + StasisVersion.current() + " (checkpoint format version "
                    + StasisVersion.formatVersion() + ") on Java " + System.getProperty("java.version") + " ("
                    + System.getProperty("java.vendor") + ", " + System.getProperty("os.name") + " "
                    + System.getProperty("os.arch") + ")"};
        }
    }
}
