package e2e.api;

import dev.stasis.Stasis;

/** Two checkpoints in a row, for restoring a chain of checkpoints and overriding options. */
public final class TwoCheckpoints {

    public static void main(String[] args) {
        StringBuilder trail = new StringBuilder("start");
        System.out.println("one: " + trail);
        Stasis.checkpoint();
        trail.append(">first");
        System.out.println("two: " + trail);
        Stasis.checkpoint();
        trail.append(">second");
        System.out.println("three: " + trail);
    }
}
