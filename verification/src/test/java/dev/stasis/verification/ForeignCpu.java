package dev.stasis.verification;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A JVM of another CPU architecture: Debian's OpenJDK 17 for s390x (big-endian) or arm64, run under
 * qemu's user-mode emulation by {@code verification/cross-cpu/foreign-jvm.sh}, which downloads it
 * on first use. The emulated JVM cannot start a child JVM, so it restores with the agent's own
 * {@code restore=} option rather than the launcher.
 */
record ForeignCpu(String arch) {

    static final String CPUS_PROPERTY = "stasis.matrix.cpus";
    /** Emulation is 10 to 50 times slower than the machine itself. */
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final Map<String, JvmResult> PROBES = new ConcurrentHashMap<>();

    /** The architectures the matrix restores on: {@code -Dstasis.matrix.cpus=s390x,arm64} (the default), or none. */
    static List<ForeignCpu> configured() {
        List<ForeignCpu> cpus = new ArrayList<>();
        for (String arch : System.getProperty(CPUS_PROPERTY, "s390x,arm64").split(",")) {
            if (!arch.isBlank() && !arch.trim().equals("none")) {
                cpus.add(new ForeignCpu(arch.trim()));
            }
        }
        return cpus;
    }

    /** "s390x/17": how the emulated JVM is named in test names and the table. */
    String label() {
        return arch + "/17";
    }

    static Path script() {
        return Artifacts.root().resolve("verification/cross-cpu/foreign-jvm.sh");
    }

    /**
     * {@code java -version} on the emulated JVM, made once: the first call downloads and unpacks
     * it. A failure (no network, no apt-get) says why in its output.
     */
    JvmResult probe() {
        return PROBES.computeIfAbsent(arch, a -> JvmRun.script("probe-" + a, script(), a, "-version")
                .timeout(Duration.ofMinutes(15)).run(Artifacts.workDir("cross-cpu/probe-" + a)));
    }

    /** The program under the agent on the emulated JVM. */
    JvmRun withAgent(String name, Program program, String agentOptions) {
        List<String> args = new ArrayList<>(List.of(arch, "-javaagent:" + Artifacts.agentJar() + "=" + agentOptions,
                "-cp", program.classPath(), program.mainClass()));
        args.addAll(program.args());
        return JvmRun.script(name, script(), args.toArray(new String[0])).timeout(TIMEOUT);
    }
}
