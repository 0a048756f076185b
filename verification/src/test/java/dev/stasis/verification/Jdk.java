package dev.stasis.verification;

import java.nio.file.Path;

/** One installed Java runtime the tests can start programs on. */
record Jdk(Path home, int major, String version) {

    Path java() {
        return home.resolve("bin").resolve(isWindows() ? "java.exe" : "java");
    }

    /** "17", "25": how the JDK is named in test names and messages. */
    String label() {
        return Integer.toString(major);
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").startsWith("Windows");
    }

    @Override
    public String toString() {
        return "JDK " + version + " (" + home + ")";
    }
}
