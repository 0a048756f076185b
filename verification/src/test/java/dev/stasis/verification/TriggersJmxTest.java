package dev.stasis.verification;

import static org.junit.jupiter.api.Assertions.fail;

import e2e.triggers.Ticker;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.Test;

/**
 * The MBean {@code dev.stasis:type=Checkpointer}, called over a JMX connection (loopback only) the
 * way a console or a monitoring system would: {@code checkpoint()} returns the file written, the
 * attributes describe it, and the program goes on undisturbed; the file restores on the other JDK.
 */
class TriggersJmxTest {

    private static final Program TICKER = Program.of(Ticker.class, "80", "50");
    private static final String MBEAN = "dev.stasis:type=Checkpointer";

    @Test
    void checkpointOperationAndAttributesOverJmx() throws Exception {
        Direction direction = Jdks.directions().get(0);
        Path work = Artifacts.workDir("triggers/jmx/" + direction.fileName());
        Path checkpoints = work.resolve("checkpoints");
        List<JvmResult> runs = new ArrayList<>();
        JvmResult plain = Scenario.uninterrupted(TICKER, direction.from());
        runs.add(plain);

        int port = freeLoopbackPort();
        JvmRun.Running app = JvmRun.withAgent("app", direction.from(), TICKER, "dir=" + checkpoints, List.of(
                "-Dcom.sun.management.jmxremote.port=" + port,
                "-Dcom.sun.management.jmxremote.rmi.port=" + port,
                "-Dcom.sun.management.jmxremote.authenticate=false",
                "-Dcom.sun.management.jmxremote.ssl=false",
                "-Dcom.sun.management.jmxremote.host=127.0.0.1",
                "-Djava.rmi.server.hostname=127.0.0.1")).start(work);
        String failure = null;
        String returned = null;
        long count = -1;
        String lastFile = null;
        long lastSize = -1;
        long lastPause = -1;
        if (!app.awaitStdoutLines(3, Duration.ofSeconds(30))) {
            failure = "the program did not print 3 lines";
        } else {
            JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
            try (JMXConnector connector = JMXConnectorFactory.connect(url)) {
                MBeanServerConnection server = connector.getMBeanServerConnection();
                ObjectName name = new ObjectName(MBEAN);
                if (!awaitRegistered(server, name, Duration.ofSeconds(10))) {
                    failure = "the MBean " + MBEAN + " was not registered within 10 s";
                } else {
                    returned = (String) server.invoke(name, "checkpoint", new Object[0], new String[0]);
                    count = (Long) server.getAttribute(name, "CheckpointCount");
                    lastFile = (String) server.getAttribute(name, "LastFile");
                    lastSize = (Long) server.getAttribute(name, "LastFileSize");
                    lastPause = (Long) server.getAttribute(name, "LastPauseMillis");
                }
            } catch (IOException | JMException e) {
                failure = "the JMX call failed: " + e;
            }
        }
        JvmResult goesOn = app.finish();
        runs.add(goesOn);
        if (failure != null) {
            fail(failure + Scenario.describe(runs));
        }
        String seen = "\ncheckpoint() returned " + returned + "; CheckpointCount=" + count + " LastFile=" + lastFile
                + " LastFileSize=" + lastSize + " LastPauseMillis=" + lastPause;
        Path file = work.resolve(returned);
        if (!Files.isRegularFile(file)) {
            fail("checkpoint() should return the file written" + seen + Scenario.describe(runs));
        }
        if (count != 1 || !returned.equals(lastFile) || lastSize != Files.size(file) || lastPause < 0) {
            fail("after one checkpoint the attributes should count 1 and describe the file returned" + seen
                    + Scenario.describe(runs));
        }
        Scenario.expectExit(goesOn, 0, runs);
        Scenario.expectNoTrace(goesOn, runs);
        Scenario.expectJoined(goesOn.stdout(), plain, runs);

        JvmResult restored = JvmRun.restore("restore", direction.to(), file).run(work);
        runs.add(restored);
        Scenario.expectExit(restored, 0, runs);
        Scenario.expectNoTrace(restored, runs);
        Scenario.expectSuffix(plain, restored, runs);
    }

    /** The MBean is registered in the background shortly after start-up. */
    private static boolean awaitRegistered(MBeanServerConnection server, ObjectName name, Duration wait)
            throws IOException, InterruptedException {
        long until = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < until) {
            try {
                server.getMBeanInfo(name);
                return true;
            } catch (InstanceNotFoundException e) {
                Thread.sleep(50);
            } catch (JMException e) {
                throw new IllegalStateException(e);
            }
        }
        return false;
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
