package dev.stasis.verification;

/** Checkpoint on one JDK, restore on another (or the same one when only one is installed). */
record Direction(Jdk from, Jdk to) {

    /** "17-to-25": the direction as a directory name. */
    String fileName() {
        return from.label() + "-to-" + to.label();
    }

    @Override
    public String toString() {
        return from.label() + "->" + to.label();
    }
}
