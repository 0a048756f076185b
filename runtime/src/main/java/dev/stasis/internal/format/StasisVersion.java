package dev.stasis.internal.format;

/** The version of Stasis running now, as recorded in the files it writes and shown by the CLI. */
public final class StasisVersion {

    private StasisVersion() {
    }

    /**
     * The Implementation-Version of the jar this class was loaded from (the agent jar's manifest
     * carries it), or "development build" when running from class directories.
     */
    public static String current() {
        String v = StasisVersion.class.getPackage().getImplementationVersion();
        return v != null && !v.isBlank() ? v : "development build";
    }

    /** The checkpoint format version this Stasis writes, and the newest it reads. */
    public static int formatVersion() {
        return FileLayout.VERSION;
    }
}
