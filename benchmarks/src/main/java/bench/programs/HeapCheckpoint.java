package bench.programs;

import dev.stasis.Stasis;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The checkpoint benchmark's program. Builds a heap of N MB of small objects, writes it with
 * ObjectOutputStream (time and size), then takes two checkpoints-and-continue through the API and
 * times their pauses and the memory they need on top of the live heap ({@link CheckpointMemory}). Restored from that checkpoint it prints the wall-clock time at its first
 * instruction after the checkpoint, and whether the heap came back intact; with
 * {@code -Dbench.checkpointAfterRestore=true} it then takes one more checkpoint, the restored JVM's
 * first, and prints its pause.
 *
 * <p>Arguments: megabytes, file for ObjectOutputStream's copy ({@code -}: none, for a run that
 * measures only the checkpoints' memory). Each pause is also given as the CPU time the whole JVM
 * spent in it (writer, output thread, collector), which another program's load changes less than
 * the wall time.
 */
public final class HeapCheckpoint {

    private HeapCheckpoint() {
    }

    public static void main(String[] args) throws IOException {
        Node[][] heap = HeapGraph.build(Integer.parseInt(args[0]));
        long checksum = HeapGraph.checksum(heap);
        long[] oos = args[1].equals("-") ? new long[2] : writeWithObjectOutputStream(heap, args[1]);
        System.gc();

        // The first checkpoint of a JVM also sets Stasis up (serializers, class metadata); the
        // second is what every later periodic checkpoint costs. keep=1 leaves the second on disk.
        long liveBytes = CheckpointMemory.resetPeaks();
        long cpu = CheckpointMemory.processCpuNanos();
        long start = System.nanoTime();
        Stasis.Outcome first = Stasis.checkpoint();
        long firstInstruction = System.currentTimeMillis();
        long firstPauseNanos = System.nanoTime() - start;
        long firstCpuNanos = CheckpointMemory.processCpuNanos() - cpu;
        long firstExtraBytes = CheckpointMemory.peakAbove(liveBytes);
        if (first == Stasis.Outcome.RESTORED) {
            restored(heap, checksum, firstInstruction);
            return;
        }
        liveBytes = CheckpointMemory.resetPeaks();
        cpu = CheckpointMemory.processCpuNanos();
        start = System.nanoTime();
        Stasis.Outcome second = Stasis.checkpoint();
        firstInstruction = System.currentTimeMillis();
        long pauseNanos = System.nanoTime() - start;
        long cpuNanos = CheckpointMemory.processCpuNanos() - cpu;
        long extraBytes = CheckpointMemory.peakAbove(liveBytes);
        if (second == Stasis.Outcome.RESTORED) {
            restored(heap, checksum, firstInstruction);
            return;
        }
        System.out.println("checkpoint outcome=" + second + " objects=" + HeapGraph.objects(heap) + " fieldBytes="
                + HeapGraph.fieldBytes(heap) + " oosNanos=" + oos[0] + " oosBytes=" + oos[1] + " firstPauseNanos="
                + firstPauseNanos + " pauseNanos=" + pauseNanos + " liveBytes=" + liveBytes + " firstExtraBytes="
                + firstExtraBytes + " extraBytes=" + extraBytes + " firstCpuNanos=" + firstCpuNanos + " cpuNanos="
                + cpuNanos);
    }

    /**
     * {@code firstInstruction}: the wall-clock time the checkpoint call returned, read by the first
     * instruction after it; what main does between that and here (the memory figures' MXBeans,
     * which a cold JVM spends tens of milliseconds setting up) is the program's own work.
     */
    private static void restored(Node[][] heap, long checksum, long firstInstruction) {
        System.out.println("restored firstInstructionMillis=" + firstInstruction + " intact="
                + (HeapGraph.checksum(heap) == checksum));
        if (Boolean.getBoolean("bench.checkpointAfterRestore")) {
            // the restored JVM's first checkpoint: what a job that is preempted again pays. The heap
            // is read after it, so that it is live at the checkpoint and written whole.
            long start = System.nanoTime();
            Stasis.Outcome again = Stasis.checkpoint();
            long pauseNanos = System.nanoTime() - start;
            if (again != Stasis.Outcome.RESTORED) {
                System.out.println("checkpointAfterRestore outcome=" + again + " pauseNanos=" + pauseNanos + " intact="
                        + (HeapGraph.checksum(heap) == checksum));
            }
        }
    }

    /**
     * Writes the heap as ObjectOutputStream does, forced to disk as a checkpoint is; returns
     * {nanoseconds, bytes}. A method of its own, so that no stream or path is among main's locals
     * at the checkpoint.
     */
    private static long[] writeWithObjectOutputStream(Node[][] heap, String file) throws IOException {
        long start = System.nanoTime();
        try (FileOutputStream fileOut = new FileOutputStream(file);
                ObjectOutputStream out = new ObjectOutputStream(new BufferedOutputStream(fileOut, 1 << 16))) {
            out.writeObject(heap);
            out.flush();
            fileOut.getFD().sync();
        }
        return new long[] {System.nanoTime() - start, Files.size(Path.of(file))};
    }
}
