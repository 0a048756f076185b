package dev.stasis.internal.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The MBean is registered once the JVM's MBean server class loads, and only then (tools that
 * reach it, the checkpoint command, JConsole, a JMX connector, all create that server first), or
 * at once when the server was created before the agent started.
 */
class JmxStartTest {

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final List<ClassFileTransformer> added = new ArrayList<>();
    private final List<ClassFileTransformer> removed = new ArrayList<>();
    private ObjectName name;

    @BeforeEach
    void unregistered() throws Exception {
        name = new ObjectName(Checkpointer.NAME);
        if (server.isRegistered(name)) {
            server.unregisterMBean(name);
        }
    }

    @AfterEach
    void unregister() throws Exception {
        if (server.isRegistered(name)) {
            server.unregisterMBean(name);
        }
    }

    /** An Instrumentation whose JVM has loaded {@code loaded}, recording transformers added and removed. */
    private Instrumentation instrumentation(Class<?>... loaded) {
        return (Instrumentation) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Instrumentation.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "addTransformer":
                            added.add((ClassFileTransformer) args[0]);
                            return null;
                        case "removeTransformer":
                            removed.add((ClassFileTransformer) args[0]);
                            return true;
                        case "getAllLoadedClasses":
                            return loaded;
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });
    }

    private boolean awaitRegistered() throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!server.isRegistered(name) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return server.isRegistered(name);
    }

    @Test
    void registersTheMBeanWhenTheJdksMBeanServerLoadsThenStepsAside() throws Exception {
        JmxStart watch = JmxStart.watch(instrumentation(String.class, JmxStartTest.class), new Checkpointer());
        assertEquals(List.of(watch), added);

        assertNull(watch.transform(getClass().getClassLoader(), "com/acme/Main", null, null, new byte[0]));
        assertNull(watch.transform(getClass().getClassLoader(), JmxStart.SERVER_CLASS, null, null, new byte[0]));
        assertNull(watch.transform(null, null, null, null, new byte[0]));
        Thread.sleep(200);
        assertFalse(server.isRegistered(name), "registered before the MBean server class loaded");
        assertTrue(removed.isEmpty());

        assertNull(watch.transform(null, JmxStart.SERVER_CLASS, null, null, new byte[0]));
        assertNull(watch.transform(null, JmxStart.SERVER_CLASS, null, null, new byte[0]));
        assertTrue(awaitRegistered(), "the MBean was not registered within 10 s");
        assertEquals(List.of(watch), removed);
        assertEquals(0L, server.getAttribute(name, "CheckpointCount"));
    }

    @Test
    void registersAtOnceWhenAnotherAgentStartedJmxBefore() throws Exception {
        Class<?> serverClass = Class.forName(JmxStart.SERVER_CLASS.replace('/', '.'), false, null);
        JmxStart watch = JmxStart.watch(instrumentation(String.class, serverClass), new Checkpointer());
        assertTrue(awaitRegistered(), "the MBean was not registered within 10 s");
        assertEquals(List.of(watch), removed);
        assertNull(watch.transform(null, JmxStart.SERVER_CLASS, null, null, new byte[0]));
        assertEquals(List.of(watch), removed);
    }
}
