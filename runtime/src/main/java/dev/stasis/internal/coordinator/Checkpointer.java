package dev.stasis.internal.coordinator;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;

/** The MBean registered as {@code dev.stasis:type=Checkpointer}. */
final class Checkpointer implements CheckpointerMBean {

    static final String NAME = "dev.stasis:type=Checkpointer";

    private volatile long count;
    private volatile Path lastFile;
    private volatile long lastSize;
    private volatile long lastPauseMillis;

    void recorded(Path file, long size, long pauseMillis) {
        count++;
        lastFile = file;
        lastSize = size;
        lastPauseMillis = pauseMillis;
    }

    /**
     * Registers the MBean on a daemon thread of its own: the platform MBean server may be in the
     * middle of its creation on the calling thread ({@link JmxStart}), or slow to create.
     */
    void registerInBackground() {
        Thread t = new Thread(null, this::register, "stasis-jmx", 0, false);
        t.setDaemon(true);
        t.start();
    }

    private void register() {
        try {
            ManagementFactory.getPlatformMBeanServer().registerMBean(this, new ObjectName(NAME));
        } catch (Exception e) {
            Coordinator.warn("stasis: the JMX MBean " + NAME + " could not be registered: " + e);
        }
    }

    @Override
    public String checkpoint() throws Exception {
        return take(Coordinator.request("JMX", -1));
    }

    @Override
    public String checkpointAndExit() throws Exception {
        return take(Coordinator.request("JMX", 0));
    }

    private static String take(CheckpointRequest r) throws Exception {
        CheckpointRequest.Result result = r.done.get(Coordinator.timeoutMillis() + 60_000, TimeUnit.MILLISECONDS);
        r.answered.countDown();
        if (result.failure != null) {
            throw new IllegalStateException(result.failure);
        }
        return result.file.toString();
    }

    @Override
    public long getCheckpointCount() {
        return count;
    }

    @Override
    public String getLastFile() {
        Path f = lastFile;
        return f == null ? "" : f.toString();
    }

    @Override
    public long getLastFileSize() {
        return lastSize;
    }

    @Override
    public long getLastPauseMillis() {
        return lastPauseMillis;
    }
}
