package dev.stasis.internal.format;

/**
 * What the file says about a method on a captured stack: its key ({@code owner.name(desc)}, owner
 * in internal form), the hash of its original bytecode (to detect a changed application), its
 * source file and the source line of each of its call sites (for {@code inspect}).
 */
public final class MethodInfo {
    public final String key;
    public final String bytecodeHash;
    public final String sourceFile;
    public final int[] siteLines;

    public MethodInfo(String key, String bytecodeHash, String sourceFile, int[] siteLines) {
        this.key = key;
        this.bytecodeHash = bytecodeHash;
        this.sourceFile = sourceFile;
        this.siteLines = siteLines;
    }
}
