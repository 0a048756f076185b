package dev.stasis.internal.crac;

import dev.stasis.CheckpointListener;
import dev.stasis.Stasis;
import dev.stasis.internal.log.StasisLog;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * The resources an application registered with CRaC's global context through the org.crac facade,
 * notified around Stasis checkpoints with the global context's rules: checkpoint notification in
 * the reverse order of registration, restore notification in the order of registration, every
 * resource notified whatever the others throw, and failures reported as suppressed exceptions of
 * CRaC's CheckpointException (the checkpoint is not taken, and every resource is told
 * afterRestore at once) or RestoreException. A refusal during a checkpoint that Core.checkpointRestore()
 * did not ask for (an interval, a signal) reaches the thread at its safe point as an unchecked
 * exception.
 *
 * <p>It is one {@link CheckpointListener}: as such it and the resources it holds are part of every
 * checkpoint and registered again in the restored JVM. It holds the resources strongly (CRaC's
 * global context holds them weakly): a resource is an object the checkpoint must bring back anyway.
 * The facade's classes are reached by reflection from its own {@code org.crac.Core}, which the
 * agent rewrites to call {@link #register} and {@link #checkpointed} (see CracFacadeRewriter).
 */
public final class CracResources implements CheckpointListener {

    /** The listener of this JVM, or null before the first registration. */
    private static CracResources current;
    /** An afterRestore failure, kept for the Core.checkpointRestore() call that is returning. */
    private static Throwable restoreFailure;

    private final Class<?> core;
    private final List<Object> resources = new ArrayList<>();

    private CracResources(Class<?> core) {
        this.core = core;
    }

    /** Called by the rewritten {@code org.crac.Core.register(Resource)}. */
    public static void register(Object resource, Class<?> core) {
        if (resource == null) {
            throw new NullPointerException("resource");
        }
        CracResources r;
        synchronized (CracResources.class) {
            if (current == null) {
                current = new CracResources(core);
                Stasis.addListener(current);
            }
            r = current;
        }
        synchronized (r) {
            r.resources.add(resource);
        }
        StasisLog.debug(() -> "CRaC resource registered: a " + resource.getClass().getName());
    }

    /**
     * Called by the rewritten {@code org.crac.Core.checkpointRestore()} once its Stasis checkpoint
     * point returns: nothing when the checkpoint was taken or this JVM was restored from it, CRaC's
     * RestoreException when a resource failed its restore notification, CRaC's CheckpointException
     * when Stasis took no checkpoint (the reason is on stderr).
     */
    public static void checkpointed(Stasis.Outcome outcome, Class<?> core) {
        Throwable failed;
        synchronized (CracResources.class) {
            failed = restoreFailure;
            restoreFailure = null;
        }
        if (failed != null) {
            throw sneaky(failed);
        }
        if (outcome == Stasis.Outcome.UNAVAILABLE) {
            throw sneaky(facadeException(core, "CheckpointException",
                    "Stasis took no checkpoint; the reason is printed on standard error", List.of()));
        }
    }

    /**
     * Called by the rewritten {@code Core.checkpointRestore()} when its checkpoint point threw: a
     * refusal by the resources becomes the CheckpointException it carries; anything else goes on.
     */
    public static Throwable failed(RuntimeException e) {
        return e instanceof Refused ? e.getCause() : e;
    }

    @Override
    public void beforeCheckpoint() {
        synchronized (CracResources.class) {
            // A restore failure of an earlier checkpoint that Core.checkpointRestore() did not take.
            restoreFailure = null;
        }
        List<Object> rs = snapshot();
        List<Throwable> failures = new ArrayList<>();
        for (int k = rs.size() - 1; k >= 0; k--) {
            notify(rs.get(k), "beforeCheckpoint", failures);
        }
        if (!failures.isEmpty()) {
            for (Object r : rs) {
                notify(r, "afterRestore", failures);
            }
            throw new Refused(facadeException(core, "CheckpointException", null, failures));
        }
    }

    @Override
    public void afterRestore() {
        synchronized (CracResources.class) {
            if (current == null) {
                current = this;
            }
        }
        List<Throwable> failures = new ArrayList<>();
        for (Object r : snapshot()) {
            notify(r, "afterRestore", failures);
        }
        if (!failures.isEmpty()) {
            Throwable e = facadeException(core, "RestoreException", null, failures);
            StasisLog.warn("stasis: " + failures.size() + " CRaC resource(s) failed their afterRestore"
                    + " notification: " + failures + ". Core.checkpointRestore() throws RestoreException with them.");
            synchronized (CracResources.class) {
                restoreFailure = e;
            }
        }
    }

    private synchronized List<Object> snapshot() {
        return new ArrayList<>(resources);
    }

    /** Calls {@code resource.<method>(Core.getGlobalContext())}, adding what it throws to {@code failures}. */
    private void notify(Object resource, String method, List<Throwable> failures) {
        try {
            ClassLoader loader = core.getClassLoader();
            Class<?> resourceType = Class.forName("org.crac.Resource", false, loader);
            Class<?> contextType = Class.forName("org.crac.Context", false, loader);
            Object global = core.getMethod("getGlobalContext").invoke(null);
            Method m = resourceType.getMethod(method, contextType);
            m.invoke(resource, global);
        } catch (InvocationTargetException e) {
            failures.add(e.getCause());
        } catch (ReflectiveOperationException e) {
            failures.add(e);
        }
    }

    /** A new org.crac exception of the application's facade, with the failures as suppressed exceptions. */
    private static Throwable facadeException(Class<?> core, String simpleName, String message, List<Throwable> failures) {
        Throwable e;
        try {
            Class<?> type = Class.forName("org.crac." + simpleName, false, core.getClassLoader());
            e = message == null ? (Throwable) type.getConstructor().newInstance()
                    : (Throwable) type.getConstructor(String.class).newInstance(message);
        } catch (ReflectiveOperationException | ClassCastException notThere) {
            e = new IllegalStateException(message != null ? message : "CRaC " + simpleName);
        }
        for (Throwable f : failures) {
            e.addSuppressed(f);
        }
        return e;
    }

    /**
     * CRaC resources refused the checkpoint: thrown unchecked through the checkpoint point (a
     * listener cannot throw checked exceptions) with CRaC's CheckpointException as its cause.
     */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(Throwable checkpointException) {
            super("CRaC resources refused the checkpoint: " + java.util.Arrays.toString(
                    checkpointException.getSuppressed()), checkpointException);
        }
    }

    /** Throws a checked CRaC exception from code that cannot declare it, as the facade's callers expect. */
    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
        throw (T) t;
    }
}
