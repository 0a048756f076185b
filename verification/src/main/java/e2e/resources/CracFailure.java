package e2e.resources;

import org.crac.CheckpointException;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * CRaC's rules when a resource refuses the checkpoint: every resource is told beforeCheckpoint (in
 * the reverse order of registration) and then afterRestore (in order), no checkpoint is taken, and
 * Core.checkpointRestore() throws CheckpointException with the refusal as a suppressed exception.
 */
public final class CracFailure {

    static final class Named implements Resource {
        private final String name;
        private final boolean refuses;

        Named(String name, boolean refuses) {
            this.name = name;
            this.refuses = refuses;
        }

        @Override
        public void beforeCheckpoint(Context<? extends Resource> context) throws Exception {
            System.out.println("beforeCheckpoint " + name);
            if (refuses) {
                throw new IllegalStateException(name + " is busy");
            }
        }

        @Override
        public void afterRestore(Context<? extends Resource> context) {
            System.out.println("afterRestore " + name);
        }
    }

    public static void main(String[] args) {
        Named first = new Named("first", false);
        Named second = new Named("second", true);
        Core.getGlobalContext().register(first);
        Core.getGlobalContext().register(second);
        try {
            Core.checkpointRestore();
            System.out.println("checkpoint taken");
        } catch (CheckpointException e) {
            for (Throwable s : e.getSuppressed()) {
                System.out.println("CheckpointException: " + s.getMessage());
            }
        } catch (Exception e) {
            System.out.println("unexpected " + e);
        }
    }
}
