package dev.stasis.verification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the Java installations the end-to-end tests run on. STASIS_JDKS (java homes separated by
 * the platform's path separator) replaces discovery; otherwise /usr/lib/jvm/*, JAVA_HOME and the
 * running JVM's home are read. One installation is kept per major version (17 and later), and the
 * tests use the oldest and the newest of them, so on this project's machines: 17 and 25.
 */
final class Jdks {

    static final String JDKS_VARIABLE = "STASIS_JDKS";
    static final String REQUIRE_VARIABLE = "STASIS_REQUIRE_CROSS_JDK";

    private static final Pattern JAVA_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"?([^\"\\s]+)\"?");
    private static final int OLDEST_SUPPORTED = 17;

    private static final List<Jdk> INSTALLED = discover();

    private Jdks() {
    }

    /** One JDK per major version, oldest first. Never empty: the running JVM is always there. */
    static List<Jdk> installed() {
        return INSTALLED;
    }

    static Jdk oldest() {
        return INSTALLED.get(0);
    }

    static Jdk newest() {
        return INSTALLED.get(INSTALLED.size() - 1);
    }

    static boolean crossJdkPossible() {
        return INSTALLED.size() >= 2;
    }

    /**
     * CI must prove the cross-JDK promise, so there a missing second JDK is a failure rather than
     * a narrower run.
     */
    static boolean crossJdkRequired() {
        return "true".equalsIgnoreCase(System.getenv("CI"))
                || "true".equalsIgnoreCase(System.getenv(REQUIRE_VARIABLE));
    }

    /** The directions every checkpoint/restore test runs in: oldest to newest and back. */
    static List<Direction> directions() {
        if (!crossJdkPossible()) {
            return List.of(new Direction(oldest(), oldest()));
        }
        return List.of(new Direction(oldest(), newest()), new Direction(newest(), oldest()));
    }

    static String missingSecondJdkMessage() {
        return missingSecondJdkMessage(oldest());
    }

    private static String missingSecondJdkMessage(Jdk only) {
        return "Only one Java installation was found (" + only + "), so checkpoints cannot be restored "
                + "on another JDK version; they are restored on the same JDK in fresh JVMs instead. Install "
                + "a second JDK (17 and 25 are the supported pair) under /usr/lib/jvm, or name the Java "
                + "homes in " + JDKS_VARIABLE + " separated by '" + java.io.File.pathSeparator + "'.";
    }

    private static List<Jdk> discover() {
        Set<Path> candidates = new LinkedHashSet<>();
        String listed = System.getenv(JDKS_VARIABLE);
        if (listed != null && !listed.isBlank()) {
            for (String home : listed.split(Pattern.quote(java.io.File.pathSeparator))) {
                if (!home.isBlank()) {
                    candidates.add(Paths.get(home.trim()));
                }
            }
        } else {
            candidates.addAll(children(Paths.get("/usr/lib/jvm")));
            String javaHome = System.getenv("JAVA_HOME");
            if (javaHome != null && !javaHome.isBlank()) {
                candidates.add(Paths.get(javaHome));
            }
            candidates.add(Paths.get(System.getProperty("java.home")));
        }
        Map<Integer, Jdk> byMajor = new TreeMap<>();
        Set<Path> seen = new LinkedHashSet<>();
        for (Path candidate : candidates) {
            Optional<Jdk> jdk = read(candidate);
            if (jdk.isEmpty()) {
                if (listed != null && !listed.isBlank()) {
                    throw new IllegalStateException(JDKS_VARIABLE + " names " + candidate
                            + ", which is not a Java installation of version " + OLDEST_SUPPORTED
                            + " or later (no bin/java or no JAVA_VERSION in its release file). "
                            + "Fix the list or unset the variable to let the tests find JDKs themselves.");
                }
                continue;
            }
            if (seen.add(realPath(candidate))) {
                byMajor.putIfAbsent(jdk.get().major(), jdk.get());
            }
        }
        if (byMajor.isEmpty()) {
            throw new IllegalStateException("No Java installation of version " + OLDEST_SUPPORTED
                    + " or later was found; set " + JDKS_VARIABLE + " to the Java homes to test on.");
        }
        List<Jdk> found = new ArrayList<>(byMajor.values());
        if (found.size() < 2 && !crossJdkRequired()) {
            System.err.println("[stasis-verification] cross-JDK runs were not possible. "
                    + missingSecondJdkMessage(found.get(0)));
        }
        return List.copyOf(found);
    }

    private static Optional<Jdk> read(Path home) {
        Path release = home.resolve("release");
        Path java = home.resolve("bin").resolve("java");
        if (!Files.isRegularFile(release) || !Files.isExecutable(java)) {
            return Optional.empty();
        }
        try {
            Matcher m = JAVA_VERSION.matcher(Files.readString(release));
            if (!m.find()) {
                return Optional.empty();
            }
            String version = m.group(1);
            int major = major(version);
            if (major < OLDEST_SUPPORTED) {
                return Optional.empty();
            }
            return Optional.of(new Jdk(realPath(home), major, version));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** "17.0.15" -> 17, "25" -> 25, "1.8.0_402" -> 8. */
    private static int major(String version) {
        String[] parts = version.split("[._+-]");
        int first = Integer.parseInt(parts[0]);
        return first == 1 && parts.length > 1 ? Integer.parseInt(parts[1]) : first;
    }

    private static List<Path> children(Path dir) {
        List<Path> result = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return result;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            entries.forEach(result::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        result.sort(null);
        return result;
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
