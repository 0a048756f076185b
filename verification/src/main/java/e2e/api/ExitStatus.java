package e2e.api;

import dev.stasis.Stasis;

/** The restored JVM ends with the application's own exit status. */
public final class ExitStatus {

    public static void main(String[] args) {
        System.out.println("before checkpoint");
        Stasis.checkpoint();
        System.out.println("after checkpoint, exiting with 3");
        System.exit(3);
    }
}
