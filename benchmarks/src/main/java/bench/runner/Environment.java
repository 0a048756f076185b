package bench.runner;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/** Where the built artifacts are and where the benchmark's files go. */
final class Environment {
    final Path root;
    final Path agentJar;
    /**
     * The class path of every JVM started, as an application has it: the workloads and programs,
     * JMH, the samples and their library, and the API jar. Built from where those classes were
     * loaded, not from this JVM's class path, which under Maven also holds the agent's and the
     * runtime's unshaded classes: they would shadow the agent jar's.
     */
    final String classPath;
    final Path work;
    final Plan plan;

    Environment(Path root, Path work, Plan plan) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.agentJar = this.root.resolve("agent/target/stasis-agent.jar");
        if (!Files.isRegularFile(agentJar)) {
            throw new IllegalStateException("no agent jar at " + agentJar + "; build it first (mvn -q package"
                    + " -DskipTests at the top, or benchmarks/run.sh, which does)");
        }
        List<String> entries = new ArrayList<>();
        for (String className : CLASS_PATH_OF) {
            entries.add(locationOf(className));
        }
        entries.add(this.root.resolve("runtime/target/stasis-api.jar").toString());
        this.classPath = String.join(File.pathSeparator, entries);
        this.work = work.toAbsolutePath();
        this.plan = plan;
        Files.createDirectories(this.work.resolve("logs"));
    }

    /** One class of each class path entry the started JVMs need. */
    private static final List<String> CLASS_PATH_OF = List.of("bench.runner.BenchmarkRun",
            "org.openjdk.jmh.runner.Runner", "joptsimple.OptionParser", "demo.PiDigits",
            "org.apache.commons.math3.util.FastMath");

    private static String locationOf(String className) {
        try {
            Class<?> c = Class.forName(className, false, Environment.class.getClassLoader());
            return Paths.get(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (ClassNotFoundException | URISyntaxException e) {
            throw new IllegalStateException("the benchmark's class path lacks " + className, e);
        }
    }

    /** The repository root: -Dstasis.bench.root, else the working directory. */
    static Path defaultRoot() {
        return Paths.get(System.getProperty("stasis.bench.root", "."));
    }

    /**
     * The agent with {@code options}; its cache of rewritten classes is this run's own (under the
     * work directory), unless the options name one: so every run starts with the same, empty
     * cache, whatever earlier runs on the machine left behind.
     */
    String agentArgument(String options) {
        String cache = options.contains("cache=") ? "" : "cache=" + work.resolve("rewrite-cache");
        String all = options.isEmpty() ? cache : cache.isEmpty() ? options : options + "," + cache;
        return "-javaagent:" + agentJar + "=" + all;
    }

    Path log(String name) {
        return work.resolve("logs").resolve(name + ".err");
    }
}
