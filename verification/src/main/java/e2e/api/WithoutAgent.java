package e2e.api;

import dev.stasis.CheckpointListener;
import dev.stasis.Stasis;

/** Every API call is harmless without the agent: prints what each returns. */
public final class WithoutAgent {

    public static void main(String[] args) {
        System.out.println("checkpoint: " + Stasis.checkpoint());
        System.out.println("isRestored: " + Stasis.isRestored());
        Stasis.addListener(new CheckpointListener() {
            @Override
            public void beforeCheckpoint() {
                System.out.println("listener called");
            }
        });
        Stasis.requestCheckpoint();
        System.out.println("checkpoint again: " + Stasis.checkpoint());
        System.out.println("program goes on");
    }
}
