package dev.stasis.internal.format;

/**
 * What the file says about a method on a captured stack: its key ({@code owner.name(desc)}, owner
 * in internal form), the hash of its original bytecode (to detect a changed application), its
 * source file, and per call site the source line and the layout of the values the site saves
 * (JVM type descriptors in saved order, locals first, then operand-stack values, for inspect).
 */
public final class MethodInfo {
    public final String key;
    public final String bytecodeHash;
    public final String sourceFile;
    public final int[] siteLines;
    public final String[] siteLayouts;

    public MethodInfo(String key, String bytecodeHash, String sourceFile, int[] siteLines, String[] siteLayouts) {
        this.key = key;
        this.bytecodeHash = bytecodeHash;
        this.sourceFile = sourceFile;
        this.siteLines = siteLines;
        this.siteLayouts = siteLayouts;
    }
}
