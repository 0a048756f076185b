package dev.stasis.verification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Where the built jars and the test programs are. Maven passes the locations as system
 * properties; run from an IDE the defaults assume the working directory is this module.
 */
final class Artifacts {

    static final String AGENT_JAR_VARIABLE = "STASIS_AGENT_JAR";

    private Artifacts() {
    }

    static Path root() {
        return Paths.get(System.getProperty("stasis.verification.root", "..")).toAbsolutePath().normalize();
    }

    /** The shaded agent: STASIS_AGENT_JAR, or agent/target/stasis-agent.jar of this build. */
    static Path agentJar() {
        String override = System.getenv(AGENT_JAR_VARIABLE);
        Path jar = override != null && !override.isBlank()
                ? Paths.get(override).toAbsolutePath()
                : root().resolve("agent/target/stasis-agent.jar");
        return requireFile(jar, "the agent jar; build it with `mvn package` at the top, or point "
                + AGENT_JAR_VARIABLE + " at one");
    }

    /** The public API alone, as applications put it on their class path. */
    static Path apiJar() {
        return requireFile(root().resolve("runtime/target/stasis-api.jar"),
                "the API jar; build it with `mvn package` at the top");
    }

    /** The compiled e2e test programs (this module's main classes). */
    static String programClassPath() {
        Path dir = Paths.get(System.getProperty("stasis.verification.programs", "target/classes"))
                .toAbsolutePath().normalize();
        return requireDirectory(dir, "the compiled test programs; run `mvn test-compile` in verification")
                .toString();
    }

    /** The compiled sample applications. */
    static String samplesClassPath() {
        return requireDirectory(root().resolve("sample-apps/target/classes"),
                "the compiled sample applications; build them with `mvn package` at the top").toString();
    }

    /** A fresh, empty directory for one test's files, kept after the run for inspection. */
    static Path workDir(String name) {
        Path base = Paths.get(System.getProperty("stasis.verification.work", "target/e2e")).toAbsolutePath();
        Path dir = base.resolve(name);
        try {
            if (Files.exists(dir)) {
                try (var paths = Files.walk(dir)) {
                    paths.sorted(java.util.Comparator.reverseOrder()).forEach(Artifacts::delete);
                }
            }
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path p) {
        try {
            Files.delete(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path requireFile(Path p, String what) {
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException(p + " does not exist: it should be " + what + ".");
        }
        return p;
    }

    private static Path requireDirectory(Path p, String what) {
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException(p + " does not exist: it should hold " + what + ".");
        }
        return p;
    }
}
