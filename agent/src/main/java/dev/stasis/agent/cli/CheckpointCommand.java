package dev.stasis.agent.cli;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Asks a running JVM that runs the Stasis agent to take a checkpoint now. It attaches to the
 * process and loads the agent jar again with {@code command=checkpoint;reply=FILE}; the agent in
 * the process waits for a capturable safe point, writes the checkpoint and answers in FILE with
 * {@code ok <path>} or {@code error <reason>}.
 */
@Command(name = "checkpoint", mixinStandardHelpOptions = true,
        description = {"Ask a running Java program, started with -javaagent:stasis-agent.jar, to take a checkpoint"
                + " at its next safe point. Prints the checkpoint file's path.",
            "Exit status: 0 taken, 1 the program did not take it (the reason is printed), 2 no such process or it"
                + " cannot be attached to."})
final class CheckpointCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PID", description = "the process id of the Java program")
    long pid;

    @Option(names = "--exit", description = "the program exits (status 0) once the checkpoint is on disk")
    boolean exit;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            err.println("stasis: there is no process with id " + pid + ". Check the id (jps lists Java processes).");
            return StasisCommand.UNUSABLE;
        }
        Path agentJar = AgentJar.path();
        if (agentJar == null) {
            err.println(AgentJar.missing("checkpoint"));
            return StasisCommand.UNUSABLE;
        }
        Path reply = Files.createTempFile("stasis-reply-", ".txt");
        try {
            String failure = send(agentJar, "command=checkpoint;reply=" + reply + (exit ? ";exit=true" : ""));
            String answer = Files.readString(reply, StandardCharsets.UTF_8).strip();
            if (answer.startsWith("ok ")) {
                spec.commandLine().getOut().println(answer.substring(3));
                return 0;
            }
            if (answer.startsWith("error ")) {
                String reason = answer.substring(6);
                reason = reason.startsWith("stasis: ") ? reason.substring(8) : reason;
                err.println("stasis: process " + pid + " did not take a checkpoint: " + reason);
                return StasisCommand.INCOMPATIBLE;
            }
            if (failure != null) {
                err.println("stasis: cannot ask process " + pid + " for a checkpoint: " + failure);
                return StasisCommand.UNUSABLE;
            }
            err.println("stasis: process " + pid + " ended without answering; if it took a checkpoint, the checkpoint"
                    + " is in its checkpoint directory (its dir= option).");
            return StasisCommand.INCOMPATIBLE;
        } finally {
            Files.deleteIfExists(reply);
        }
    }

    /** Loads the agent into the process with {@code arguments}; returns why that failed, or null. */
    private String send(Path agentJar, String arguments) {
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(Long.toString(pid));
        } catch (AttachNotSupportedException | IOException e) {
            return "attaching failed (" + e.getMessage() + "). The process must be a Java 17+ JVM run by the same"
                    + " user, not started with -XX:+DisableAttachMechanism.";
        }
        try {
            vm.loadAgent(agentJar.toString(), arguments);
            return null;
        } catch (AgentLoadException | AgentInitializationException e) {
            return "the agent could not be loaded into it (" + e.getMessage() + ").";
        } catch (IOException e) {
            // With --exit the program may end before the attach connection closes; its answer says more.
            return "the connection to it was lost (" + e.getMessage() + ").";
        } finally {
            try {
                vm.detach();
            } catch (IOException e) {
                // The process may have exited (--exit); there is nothing left to detach from.
            }
        }
    }
}
