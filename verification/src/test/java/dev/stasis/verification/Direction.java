package dev.stasis.verification;

/** Checkpoint on one JDK, restore on another (or the same one when only one is installed). */
record Direction(Jdk from, Jdk to) {

    @Override
    public String toString() {
        return from.label() + "->" + to.label();
    }
}
