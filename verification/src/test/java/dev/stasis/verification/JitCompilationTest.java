package dev.stasis.verification;

import static org.junit.jupiter.api.Assertions.fail;

import e2e.control.LoopPolls;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Rewritten methods must stay compilable by HotSpot's JIT: a method C1 gives up on ("COMPILE
 * SKIPPED") runs interpreted until C2 takes it, which made whole programs several times slower.
 * Each sample app (and the loop program) runs under the agent with {@code -Xcomp} and C1 only, so
 * every application method it calls is compiled on its first call; no application method may be
 * skipped. Nothing here is timed.
 */
class JitCompilationTest {

    private static final List<String> APPLICATION = List.of("samples.", "demo.", "e2e.", "org.apache.commons.math3.");

    @TestFactory
    Stream<DynamicTest> c1CompilesEveryRewrittenMethod() {
        List<Program> programs = new ArrayList<>();
        for (SampleApp app : SampleApp.all()) {
            programs.add(app.shortRun());
        }
        programs.add(Program.of(LoopPolls.class, "20"));
        return programs.stream().map(p -> Scenario.named(p.mainClass() + " " + String.join(" ", p.args()), () -> compileAll(p)));
    }

    private static void compileAll(Program program) {
        List<String> jvmOptions = new ArrayList<>(
                List.of("-XX:TieredStopAtLevel=1", "-Xcomp", "-XX:+PrintCompilation", "-XX:CompileCommand=quiet"));
        for (String prefix : APPLICATION) {
            jvmOptions.add("-XX:CompileCommand=compileonly," + prefix + "*::*");
        }
        Path work = Artifacts.workDir("jit/" + program.fileName());
        JvmResult run = JvmRun.withAgent("c1", Jdks.oldest(), program, "dir=" + work.resolve("checkpoints"), jvmOptions)
                .run(work);
        List<JvmResult> runs = List.of(run);
        Scenario.expectExit(run, 0, runs);
        List<String> skipped = run.stdout().lines()
                .filter(line -> line.contains("COMPILE SKIPPED"))
                .filter(line -> APPLICATION.stream().anyMatch(line::contains))
                .collect(Collectors.toList());
        if (!skipped.isEmpty()) {
            fail("C1 could not compile " + skipped.size() + " rewritten method(s):\n" + String.join("\n", skipped)
                    + Scenario.describe(runs));
        }
        if (run.stdout().lines().noneMatch(line -> APPLICATION.stream().anyMatch(line::contains))) {
            fail("-XX:+PrintCompilation listed no application method: the check saw nothing" + Scenario.describe(runs));
        }
    }
}
