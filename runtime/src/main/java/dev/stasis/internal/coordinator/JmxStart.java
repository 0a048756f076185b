package dev.stasis.internal.coordinator;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;

/**
 * Registers the {@link Checkpointer} MBean once the JVM's JMX machinery starts, and not before:
 * creating the platform MBean server loads some 450 classes (every platform MXBean, logging, JFR's
 * diagnostic commands) and takes tens of milliseconds of CPU, which a program nobody looks at with
 * JMX should not pay when it starts. Every way to reach the MBean creates an MBean server first:
 * {@code stasis checkpoint PID} and JConsole start the JVM's local management agent,
 * {@code -Dcom.sun.management.jmxremote...} starts the remote one (after {@code premain}), and the
 * application may call {@code ManagementFactory.getPlatformMBeanServer()} itself. All of them load
 * the JDK's one MBean server implementation, which this transformer watches for; it then registers
 * the MBean on a thread of its own (the class is still being loaded on this one, inside the
 * creation of the server) and takes itself out of the JVM's transformers. Another agent that
 * started before this one (a metrics exporter, say) may have created the server already: then the
 * MBean is registered at once.
 */
final class JmxStart implements ClassFileTransformer {

    /** The class of every MBean server the JDK creates (java.management, since JDK 5). */
    static final String SERVER_CLASS = "com/sun/jmx/mbeanserver/JmxMBeanServer";

    private final Instrumentation inst;
    private final Checkpointer mbean;
    private boolean started;

    private JmxStart(Instrumentation inst, Checkpointer mbean) {
        this.inst = inst;
        this.mbean = mbean;
    }

    /** Registers {@code mbean} once JMX starts, which may be now. */
    static JmxStart watch(Instrumentation inst, Checkpointer mbean) {
        JmxStart watch = new JmxStart(inst, mbean);
        // Watching first, then looking: a server class loaded in between is seen by one of the two.
        inst.addTransformer(watch, false);
        if (serverLoaded(inst)) {
            watch.started();
        }
        return watch;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (loader == null && SERVER_CLASS.equals(className)) {
            started();
        }
        return null;
    }

    private void started() {
        if (first()) {
            inst.removeTransformer(this);
            mbean.registerInBackground();
        }
    }

    private synchronized boolean first() {
        boolean was = started;
        started = true;
        return !was;
    }

    private static boolean serverLoaded(Instrumentation inst) {
        String name = SERVER_CLASS.replace('/', '.');
        for (Class<?> c : inst.getAllLoadedClasses()) {
            if (c.getName().equals(name) && c.getClassLoader() == null) {
                return true;
            }
        }
        return false;
    }
}
