package e2e.exceptions;

import dev.stasis.Stasis;

/**
 * The checkpoint inside try, inside catch, inside finally, and inside finally while an exception
 * is pending (which must still propagate after the restore); and, in the case "handlers", under
 * application handlers that would misbehave if they ever saw Stasis's unwinding: catch Throwable,
 * catch Error, a finally that prints, and try-with-resources.
 */
public final class TryCatchFinally {

    public static void main(String[] args) {
        switch (args[0]) {
            case "inTry":
                inTry();
                break;
            case "inCatch":
                inCatch();
                break;
            case "inFinally":
                inFinally();
                break;
            case "inFinallyPending":
                try {
                    inFinallyPending();
                    System.out.println("not reached");
                } catch (IllegalArgumentException e) {
                    System.out.println("propagated after restore: " + e.getMessage());
                }
                break;
            case "handlers":
                handlers();
                break;
            default:
                throw new IllegalArgumentException("unknown case " + args[0]);
        }
        System.out.println("end of main");
    }

    static void inTry() {
        int attempts = 0;
        try {
            attempts++;
            System.out.println("in try, attempts=" + attempts);
            point();
            System.out.println("still in try, attempts=" + attempts);
            throw new IllegalStateException("thrown after restore");
        } catch (IllegalStateException e) {
            System.out.println("caught: " + e.getMessage() + " attempts=" + attempts);
        } finally {
            System.out.println("finally after try, attempts=" + attempts);
        }
    }

    static void inCatch() {
        String state = "start";
        try {
            state = "trying";
            throw new IllegalStateException("boom");
        } catch (IllegalStateException e) {
            System.out.println("in catch: " + e.getMessage() + " state=" + state);
            point();
            System.out.println("still in catch: " + e.getMessage() + " state=" + state + " type="
                    + e.getClass().getName());
            state = "caught";
        } finally {
            System.out.println("finally after catch, state=" + state);
        }
    }

    static void inFinally() {
        int value = 1;
        try {
            value = 2;
            System.out.println("try completes normally, value=" + value);
        } finally {
            value *= 10;
            System.out.println("in finally, value=" + value);
            point();
            System.out.println("still in finally, value=" + value);
        }
        System.out.println("after finally, value=" + value);
    }

    static void inFinallyPending() {
        try {
            System.out.println("throwing");
            throw new IllegalArgumentException("pending exception");
        } finally {
            System.out.println("in finally with an exception pending");
            point();
            System.out.println("finally goes on, the exception must still propagate");
        }
    }

    static void handlers() {
        try {
            try (Resource r = new Resource("resource")) {
                try {
                    guarded();
                } catch (Error e) {
                    System.out.println("application caught an Error: " + e);
                } finally {
                    System.out.println("inner finally ran");
                }
                System.out.println("using " + r.name);
            }
        } catch (Throwable t) {
            System.out.println("application caught a Throwable: " + t);
        }
    }

    static void guarded() {
        try {
            System.out.println("guarded before checkpoint");
            point();
            System.out.println("guarded after checkpoint");
        } catch (Throwable t) {
            System.out.println("application caught a Throwable around the checkpoint: " + t);
        }
    }

    static void point() {
        Stasis.checkpoint();
    }

    /** Prints when closed, so an unwinding that ran it would show twice in the joined output. */
    static final class Resource implements AutoCloseable {
        final String name;

        Resource(String name) {
            this.name = name;
            System.out.println("opened " + name);
        }

        @Override
        public void close() {
            System.out.println("closed " + name);
        }
    }
}
