package bench.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A Java installation to benchmark on, named by its feature version ("17", "25"). */
final class Jdk {
    final Path home;
    final String version;

    private Jdk(Path home, String version) {
        this.home = home;
        this.version = version;
    }

    /** The JDK at {@code home}, its version read from its release file. */
    static Jdk at(Path home) {
        String version = "?";
        try {
            List<String> release = Files.readAllLines(home.resolve("release"));
            for (String line : release) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    version = v.split("[.+-]")[0];
                }
            }
        } catch (IOException e) {
            version = home.getFileName().toString();
        }
        if (!Files.isExecutable(home.resolve("bin/java"))) {
            throw new IllegalArgumentException("no Java at " + home + " (expected " + home.resolve("bin/java") + ")");
        }
        return new Jdk(home, version);
    }

    @Override
    public String toString() {
        return version;
    }
}
