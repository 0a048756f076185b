package dev.stasis.agent.cli;

import com.sun.tools.attach.AttachNotSupportedException;
import dev.stasis.agent.AgentEntry;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.management.JMException;
import javax.management.MBeanException;
import javax.management.RuntimeMBeanException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Asks a running JVM that runs the Stasis agent to take a checkpoint now, through the agent's
 * MBean {@code dev.stasis:type=Checkpointer}: it attaches to the process only to start the JVM's
 * local JMX agent (no agent is loaded into it, which newer JDKs warn about), connects, and calls
 * {@code checkpoint()} or {@code checkpointAndExit()}, which answer with the file written once the
 * program has reached a capturable safe point.
 */
@Command(name = "checkpoint", mixinStandardHelpOptions = true,
        description = {"Ask a running Java program, started with -javaagent:stasis-agent.jar, to take a checkpoint"
                + " at its next safe point. Prints the checkpoint file's path.",
            "Exit status: 0 taken, 1 the program did not take it (the reason is printed), 2 no such process or it"
                + " cannot be attached to."})
final class CheckpointCommand implements Callable<Integer> {

    private static final String MBEAN = "dev.stasis:type=Checkpointer";
    private static final long REGISTRATION_WAIT_NANOS = 5_000_000_000L;

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
        String url;
        try {
            VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
            try {
                if (vm.getSystemProperties().getProperty(AgentEntry.AGENT_PROPERTY) == null) {
                    err.println("stasis: process " + pid + " does not run the Stasis agent; start it with"
                            + " -javaagent:stasis-agent.jar to checkpoint it.");
                    return StasisCommand.INCOMPATIBLE;
                }
                url = vm.startLocalManagementAgent();
            } finally {
                vm.detach();
            }
        } catch (AttachNotSupportedException | IOException e) {
            err.println("stasis: cannot ask process " + pid + " for a checkpoint: attaching failed (" + e.getMessage()
                    + "). The process must be a Java 17+ JVM run by the same user, not started with"
                    + " -XX:+DisableAttachMechanism.");
            return StasisCommand.UNUSABLE;
        }
        try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(url))) {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            ObjectName name = new ObjectName(MBEAN);
            if (!registered(server, name)) {
                err.println("stasis: process " + pid + " does not run the Stasis agent (no MBean " + MBEAN
                        + "); start it with -javaagent:stasis-agent.jar to checkpoint it.");
                return StasisCommand.INCOMPATIBLE;
            }
            Object file = server.invoke(name, exit ? "checkpointAndExit" : "checkpoint", null, null);
            spec.commandLine().getOut().println(file);
            return 0;
        } catch (MBeanException | RuntimeMBeanException e) {
            String reason = String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
            reason = reason.startsWith("stasis: ") ? reason.substring(8) : reason;
            err.println("stasis: process " + pid + " did not take a checkpoint: " + reason);
            return StasisCommand.INCOMPATIBLE;
        } catch (JMException | IOException e) {
            err.println("stasis: cannot ask process " + pid + " for a checkpoint: " + e + (exit
                    ? ". If it took a checkpoint before it ended, the file is in its checkpoint directory (dir=)." : ""));
            return StasisCommand.UNUSABLE;
        }
    }

    /**
     * The agent registers its MBean when the JVM's JMX machinery starts, which is when this
     * command started the local management agent (unless something had before): on a thread of its
     * own, a moment after. It gets a few seconds.
     */
    private static boolean registered(MBeanServerConnection server, ObjectName name) throws IOException {
        long deadline = System.nanoTime() + REGISTRATION_WAIT_NANOS;
        while (!server.isRegistered(name)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
