package dev.stasis.verification;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/**
 * The verification matrix: every sample app through every scenario, in every direction, with a
 * table of the results at the end (also in {@code target/e2e/matrix.txt}).
 *
 * <ul>
 *   <li>{@code at=N}: checkpoint at the N-th safe point with {@code exit=true}, restore on the other
 *       JDK; N = the first, the middle and the last safe point (the full matrix adds the powers of 4
 *       and seven evenly spaced points, in both directions);
 *   <li>{@code continue}: checkpoint at N and go on in the same JVM: the output must not change;
 *   <li>{@code chain x3}: three generations, each restored on the other JDK and checkpointed again;
 *   <li>{@code kill -9}: periodic checkpoints, SIGKILL at random moments, restart from the newest;
 *   <li>{@code cpu}: restore on an emulated s390x or arm64 JVM, and checkpoint there and restore here.
 * </ul>
 *
 * <p>{@code mvn verify} runs a bounded part of it (every app and scenario in one direction, the
 * CPUs spread over the apps); {@code -Dstasis.matrix=full} runs all of it: see verification/README.md.
 */
class AppMatrixTest {

    static final String MODE_PROPERTY = "stasis.matrix";
    private static final boolean FULL = "full".equals(System.getProperty(MODE_PROPERTY, "ci"));
    private static final MatrixTable TABLE = new MatrixTable();
    private static final Duration KILL_INTERVAL = Duration.ofMillis(250);
    private static final String HOST_CPU = System.getProperty("os.arch").replace("amd64", "x86-64");

    @TestFactory
    Stream<DynamicNode> everySampleAppInEveryScenario() {
        List<DynamicNode> nodes = new ArrayList<>();
        List<SampleApp> apps = SampleApp.selected();
        for (int i = 0; i < apps.size(); i++) {
            SampleApp app = apps.get(i);
            List<DynamicNode> tests = new ArrayList<>();
            tests.addAll(sweep(app, i));
            tests.addAll(continueMode(app, i));
            tests.addAll(chains(app, i));
            tests.addAll(kills(app, i));
            tests.addAll(otherCpus(app, i));
            nodes.add(DynamicContainer.dynamicContainer(app.name(), tests));
        }
        return nodes.stream();
    }

    @AfterAll
    static void printTable() {
        if (!TABLE.isEmpty()) {
            Path file = Paths.get(System.getProperty("stasis.verification.work", "target/e2e")).resolve("matrix.txt");
            TABLE.print("Stasis verification matrix (" + (FULL ? "full" : "CI subset; -D" + MODE_PROPERTY
                    + "=full for all") + ")", file);
        }
    }

    private static List<DynamicTest> sweep(SampleApp app, int index) {
        List<DynamicTest> tests = new ArrayList<>();
        List<Direction> directions = Jdks.directions();
        for (Direction direction : directions) {
            if (!FULL && directions.size() > 1 && direction != directions.get(0)) {
                break;
            }
            long total = SafePoints.count(app.shortRun(), direction.from());
            List<Long> points = SafePoints.sweep(total, FULL);
            for (int k = 0; k < points.size(); k++) {
                long n = points.get(k);
                Direction d = FULL ? direction : directions.get((index + k) % directions.size());
                tests.add(check(app, "at=N exit, restore", d.toString(),
                        app.name() + " at=" + n + " of " + total + " " + d,
                        () -> Scenario.checkpointAtAndRestore(app.shortRun(), n, d, "matrix/" + app.name())));
            }
        }
        return tests;
    }

    private static List<DynamicTest> continueMode(SampleApp app, int index) {
        List<DynamicTest> tests = new ArrayList<>();
        List<Jdk> jdks = Jdks.installed();
        for (int j = 0; j < jdks.size(); j++) {
            Jdk jdk = jdks.get(j);
            if (!FULL && j != index % jdks.size()) {
                continue;
            }
            long total = SafePoints.count(app.shortRun(), jdk);
            for (long n : FULL ? SafePoints.sweep(total, false) : List.of(Math.max(1, total / 3))) {
                tests.add(check(app, "continue at=N", jdk.label(), app.name() + " continue at=" + n + " on " + jdk.label(),
                        () -> Scenario.checkpointAtAndContinue(app.shortRun(), n, jdk,
                                "matrix/" + app.shortRun().fileName() + "/continue-at-" + n + "-" + jdk.label())));
            }
        }
        return tests;
    }

    private static List<DynamicTest> chains(SampleApp app, int index) {
        List<DynamicTest> tests = new ArrayList<>();
        List<Direction> directions = Jdks.directions();
        for (int j = 0; j < directions.size(); j++) {
            Direction d = directions.get(j);
            if (!FULL && j != index % directions.size()) {
                continue;
            }
            String label = d.from().label() + "->" + d.to().label() + "->" + d.from().label() + "->" + d.to().label();
            tests.add(check(app, "chain x3", label, app.name() + " chain of 3 checkpoints " + label, () -> {
                // The first generation stops early; the chain spreads the later ones over what is left.
                long step = Math.max(1, SafePoints.count(app.shortRun(), d.from()) / 16);
                ChainScenario.run(app.shortRun(), d, 3, step, "matrix/" + app.name());
            }));
        }
        return tests;
    }

    private static List<DynamicTest> kills(SampleApp app, int index) {
        List<DynamicTest> tests = new ArrayList<>();
        List<Direction> directions = Jdks.directions();
        int seeds = FULL ? 3 : 1;
        for (int j = 0; j < directions.size(); j++) {
            Direction d = directions.get(j);
            if (!FULL && j != index % directions.size()) {
                continue;
            }
            for (int s = 0; s < seeds; s++) {
                long seed = 1000L * index + s;
                String label = d.from().label() + "<->" + d.to().label();
                tests.add(check(app, "kill -9, restart", label, app.name() + " kill -9 seed " + seed + " " + label,
                        () -> KillScenario.run(app.longRun(), d, seed, KILL_INTERVAL, "matrix/" + app.name())));
            }
        }
        return tests;
    }

    /**
     * Cross-CPU restores. The full matrix runs every app that is the same on every CPU to and from
     * every configured CPU; the CI subset gives the first apps one of those cases each.
     */
    private static List<DynamicTest> otherCpus(SampleApp app, int index) {
        List<DynamicTest> tests = new ArrayList<>();
        if (!app.sameOnEveryCpu()) {
            return tests;
        }
        Jdk here = Jdks.oldest();
        Jdk back = Jdks.newest();
        List<ForeignCpu> cpus = ForeignCpu.configured();
        int cases = 2 * cpus.size();
        for (int c = 0; c < cases; c++) {
            if (!FULL && (index >= cases || c != index)) {
                continue;
            }
            ForeignCpu cpu = cpus.get(c / 2);
            boolean outward = c % 2 == 0;
            String label = outward ? HOST_CPU + "/" + here.label() + "->" + cpu.label()
                    : cpu.label() + "->" + HOST_CPU + "/" + back.label();
            tests.add(check(app, "other CPU", label, app.name() + " " + label, () -> {
                requireEmulator(cpu);
                long n = Math.max(1, SafePoints.count(app.shortRun(), here) / 2);
                if (outward) {
                    CrossCpuScenario.toForeign(app.shortRun(), here, cpu, n, "matrix/" + app.name());
                } else {
                    CrossCpuScenario.fromForeign(app.shortRun(), cpu, back, n, "matrix/" + app.name());
                }
            }));
        }
        return tests;
    }

    static void requireEmulator(ForeignCpu cpu) {
        JvmResult probe = cpu.probe();
        if (probe.exitCode() != 0) {
            fail("the emulated " + cpu.arch() + " JVM could not be started (" + ForeignCpu.script()
                    + " downloads Debian's OpenJDK 17 for it and qemu-user-static on first use, which needs"
                    + " apt-get and network access to Debian's archive). Run with -D" + ForeignCpu.CPUS_PROPERTY
                    + "=none to leave the other CPUs out." + probe.describe());
        }
    }

    /** A named test that counts in the table's row (app, scenario, direction). */
    private static DynamicTest check(SampleApp app, String scenario, String direction, String name, Executable body) {
        MatrixTable.Row row = new MatrixTable.Row(app.name(), scenario, direction);
        return Scenario.named(name, () -> {
            try {
                body.execute();
            } catch (Throwable t) {
                TABLE.failed(row, name);
                throw t;
            }
            TABLE.passed(row);
        });
    }
}
