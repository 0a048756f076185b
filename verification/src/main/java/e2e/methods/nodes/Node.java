package e2e.methods.nodes;

/** A public base class whose subclasses share a package-private one (see e2e.methods.MergedTypes). */
public abstract class Node {
    public abstract String text();
}
