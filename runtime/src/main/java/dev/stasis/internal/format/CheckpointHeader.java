package dev.stasis.internal.format;

/** Who wrote a checkpoint, where, when, and how the application was started. */
public final class CheckpointHeader {
    public final String jdkVendor;
    public final String jdkVersion;
    public final String os;
    public final String arch;
    public final long timeMillis;
    public final String mainClass;
    public final String classPath;
    /** The agent options of the run that wrote the file, as {@code key=value,key=value}. */
    public final String agentOptions;

    public CheckpointHeader(String jdkVendor, String jdkVersion, String os, String arch, long timeMillis,
            String mainClass, String classPath, String agentOptions) {
        this.jdkVendor = jdkVendor;
        this.jdkVersion = jdkVersion;
        this.os = os;
        this.arch = arch;
        this.timeMillis = timeMillis;
        this.mainClass = mainClass;
        this.classPath = classPath;
        this.agentOptions = agentOptions;
    }

    /** The header of a checkpoint written now by this JVM. */
    public static CheckpointHeader ofThisJvm(String mainClass, String classPath, String agentOptions) {
        return new CheckpointHeader(System.getProperty("java.vendor", ""), System.getProperty("java.version", ""),
                System.getProperty("os.name", ""), System.getProperty("os.arch", ""), System.currentTimeMillis(),
                mainClass, classPath, agentOptions);
    }
}
