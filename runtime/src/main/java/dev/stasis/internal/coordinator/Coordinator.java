package dev.stasis.internal.coordinator;

import dev.stasis.Stasis;
import dev.stasis.internal.capture.FrameRecord;
import dev.stasis.internal.capture.MethodTable;
import dev.stasis.internal.capture.StackCheck;
import dev.stasis.internal.capture.Unwind;
import dev.stasis.internal.format.CapturedThread;
import dev.stasis.internal.format.CheckpointHeader;
import dev.stasis.internal.format.CheckpointWriter;
import dev.stasis.internal.format.MethodInfo;
import dev.stasis.internal.format.Snapshot;
import dev.stasis.internal.format.StaticFields;
import dev.stasis.internal.heap.UncheckpointableObjectException;
import dev.stasis.internal.resume.Resume;
import dev.stasis.internal.statics.ClassInit;
import dev.stasis.internal.statics.StaticFieldAccess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a checkpoint: decides at a checkpoint point whether the stack can be captured, starts the
 * unwinding, and when the thread's base frame has recorded itself writes the checkpoint and then
 * ends the JVM ({@code exit=true}) or lets the thread re-enter its frames and go on.
 */
public final class Coordinator {

    private static volatile Settings settings;
    private static volatile boolean restored;
    private static volatile Path lastFile;

    private Coordinator() {
    }

    /** Called once by the agent at start-up. */
    public static void install(Settings s) {
        settings = s;
    }

    static boolean isInstalled() {
        return settings != null;
    }

    static boolean isRestored() {
        return restored;
    }

    /** Called by the restore driver before the restored program continues. */
    public static void markRestored() {
        restored = true;
    }

    /** The file the last checkpoint of this JVM was written to, or null. */
    public static Path lastFile() {
        return lastFile;
    }

    static void request() {
        warn("stasis: requestCheckpoint() is not supported yet by this version; use Stasis.checkpoint()"
                + " or @Checkpoint at a point where the program can be captured.");
    }

    /**
     * True when the current thread was re-entering its frames and has now reached the checkpoint
     * point it stopped at: the resume is over, the listeners have been told, and the point must
     * not checkpoint again.
     */
    static boolean resumeEndsHere() {
        if (!Resume.active) {
            return false;
        }
        Stasis.Outcome outcome = Resume.finishIfAtTop();
        if (outcome == null) {
            return false;
        }
        lastOutcome.set(outcome);
        Listeners.afterRestore();
        return true;
    }

    private static final ThreadLocal<Stasis.Outcome> lastOutcome = new ThreadLocal<>();

    /** The checkpoint point of {@link Stasis#checkpoint()}. */
    static Stasis.Outcome checkpoint() {
        if (resumeEndsHere()) {
            Stasis.Outcome o = lastOutcome.get();
            lastOutcome.remove();
            return o;
        }
        StackCheck.Result check = StackCheck.ofCurrentThread();
        if (!check.capturable()) {
            warn("stasis: no checkpoint taken in thread \"" + Thread.currentThread().getName()
                    + "\": its stack cannot be captured because of the frame " + check.blockingFrame
                    + ". Stasis can only capture frames of instrumented application code; move the"
                    + " checkpoint out of code called by the JDK or by an excluded package.");
            return Stasis.Outcome.UNAVAILABLE;
        }
        Listeners.beforeCheckpoint();
        throw new Unwind(check.depth, Coordinator::baseReached);
    }

    /** The base frame has recorded itself: write the checkpoint, then exit or continue. */
    private static boolean baseReached(List<FrameRecord> framesBaseFirst) {
        Settings s = settings;
        Stasis.Outcome outcome;
        try {
            Snapshot snapshot = snapshot(framesBaseFirst, s);
            Path file = CheckpointWriter.write(snapshot, s.dir, s.keep);
            lastFile = file;
            if (s.exit) {
                System.out.flush();
                System.err.println("stasis: checkpoint written to " + file + "; exiting (exit=true)");
                System.exit(0);
            }
            outcome = Stasis.Outcome.TAKEN;
        } catch (UncheckpointableObjectException e) {
            warn("stasis: checkpoint not written: " + e.getMessage());
            outcome = Stasis.Outcome.UNAVAILABLE;
        } catch (Exception | OutOfMemoryError | StackOverflowError e) {
            warn("stasis: checkpoint not written: " + e + ". The program goes on; the previous checkpoint, if"
                    + " any, is kept.");
            outcome = Stasis.Outcome.UNAVAILABLE;
        }
        Resume.begin(framesBaseFirst, outcome);
        return true;
    }

    private static Snapshot snapshot(List<FrameRecord> framesBaseFirst, Settings s) {
        Thread t = Thread.currentThread();
        Map<String, MethodInfo> methods = new LinkedHashMap<>();
        for (FrameRecord r : framesBaseFirst) {
            MethodInfo info = MethodTable.info(r.method());
            if (info != null) {
                methods.put(r.method(), info);
            }
        }
        List<Class<?>> classes = ClassInit.initialized();
        List<String> classNames = new ArrayList<>();
        for (Class<?> c : classes) {
            classNames.add(c.getName());
        }
        List<StaticFields> statics = StaticFieldAccess.read(classes);
        String base = framesBaseFirst.get(0).method();
        String mainClass = base.substring(0, base.indexOf('.')).replace('/', '.');
        CheckpointHeader header = CheckpointHeader.ofThisJvm(mainClass, System.getProperty("java.class.path", ""),
                s.agentArguments);
        CapturedThread thread = new CapturedThread(t.getName(), t.isDaemon(), t.getPriority(), framesBaseFirst);
        return new Snapshot(header, new ArrayList<>(methods.values()), classNames, List.of(thread), statics);
    }

    static void warn(String message) {
        System.err.println(message);
    }
}
