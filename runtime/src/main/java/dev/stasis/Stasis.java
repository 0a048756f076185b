package dev.stasis;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The application's handle on Stasis: take a checkpoint here, ask for one at the next safe point,
 * learn whether this JVM was restored, and register listeners.
 *
 * <p>This class is in the small API jar applications compile against and in the agent jar. Without
 * the agent every method is harmless: {@link #checkpoint()} returns {@link Outcome#UNAVAILABLE},
 * {@link #isRestored()} is false and listeners are kept but never called.
 */
public final class Stasis {

    /** What {@link #checkpoint()} did. */
    public enum Outcome {
        /** A checkpoint was written and this JVM goes on running. */
        TAKEN,
        /** Execution resumed here in a new JVM restored from a checkpoint. */
        RESTORED,
        /**
         * No checkpoint was taken: no agent is running, the stack could not be captured here (a
         * frame of code that is not instrumented lies below this call; stderr names it), or the
         * checkpoint could not be written (stderr says why).
         */
        UNAVAILABLE
    }

    private Stasis() {
    }

    /**
     * Takes a checkpoint of the running program at this call. In the JVM that took it the call
     * returns {@link Outcome#TAKEN} (unless the agent was started with {@code exit=true}, which ends
     * the JVM once the file is on disk); when a restored JVM continues from this checkpoint the same
     * call returns {@link Outcome#RESTORED} there.
     */
    public static Outcome checkpoint() {
        MethodHandle h = Engine.CHECKPOINT;
        if (h == null) {
            return Outcome.UNAVAILABLE;
        }
        try {
            return (Outcome) h.invokeExact();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * Asks for a checkpoint at the next safe point any application thread reaches, and returns at
     * once. Does nothing without the agent.
     */
    public static void requestCheckpoint() {
        MethodHandle h = Engine.REQUEST;
        if (h == null) {
            return;
        }
        try {
            h.invokeExact();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** True in a JVM that was restored from a checkpoint. */
    public static boolean isRestored() {
        MethodHandle h = Engine.IS_RESTORED;
        if (h == null) {
            return false;
        }
        try {
            return (boolean) h.invokeExact();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * Registers a listener called before each checkpoint and after each restore. Listeners are
     * called in registration order before a checkpoint and in reverse order after it.
     */
    public static void addListener(CheckpointListener listener) {
        if (listener == null) {
            throw new NullPointerException("listener");
        }
        MethodHandle h = Engine.ADD_LISTENER;
        if (h == null) {
            return;
        }
        try {
            h.invokeExact(listener);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * Finds the agent's engine once. The API class may come from the application's copy of the API
     * jar while the engine lives in the agent jar on the system class path, so the link is made by
     * name; when the agent is absent (or not started) every handle is null.
     */
    private static final class Engine {
        static final MethodHandle CHECKPOINT;
        static final MethodHandle REQUEST;
        static final MethodHandle IS_RESTORED;
        static final MethodHandle ADD_LISTENER;

        static {
            MethodHandle checkpoint = null;
            MethodHandle request = null;
            MethodHandle isRestored = null;
            MethodHandle addListener = null;
            try {
                Class<?> api = Class.forName("dev.stasis.internal.coordinator.ApiBridge", true,
                        ClassLoader.getSystemClassLoader());
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                if ((boolean) lookup.findStatic(api, "agentRunning", MethodType.methodType(boolean.class))
                        .invokeExact()) {
                    checkpoint = lookup.findStatic(api, "checkpoint", MethodType.methodType(Outcome.class));
                    request = lookup.findStatic(api, "requestCheckpoint", MethodType.methodType(void.class));
                    isRestored = lookup.findStatic(api, "isRestored", MethodType.methodType(boolean.class));
                    addListener = lookup.findStatic(api, "addListener",
                            MethodType.methodType(void.class, CheckpointListener.class));
                }
            } catch (Throwable absent) {
                // No agent jar on the class path, or one from an incompatible version: behave as
                // without an agent, which is what the API promises.
            }
            CHECKPOINT = checkpoint;
            REQUEST = request;
            IS_RESTORED = isRestored;
            ADD_LISTENER = addListener;
        }
    }
}
