package dev.stasis.verification;

import static org.junit.jupiter.api.Assertions.assertTrue;

import demo.PiDigits;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The demo the README's first command runs: checkpointed, restored on the other JDK, same result. */
class DemoTest {

    @TestFactory
    Stream<DynamicTest> piDigitsAcrossJdks() {
        return Scenario.acrossJdks(Program.sample(PiDigits.class, "2000", "1000"));
    }

    @Test
    void runDemoScriptReportsAMatch() {
        Path work = Artifacts.workDir("run-demo.sh");
        String jdks = Jdks.installed().stream().map(jdk -> jdk.home().toString())
                .collect(Collectors.joining(File.pathSeparator));
        JvmResult run = JvmRun.script("run-demo", Artifacts.root().resolve("sample-apps/run-demo.sh"))
                .env("STASIS_JDKS", jdks)
                .env("TMPDIR", work.toString())
                .timeout(Duration.ofMinutes(3))
                .run(work);
        List<JvmResult> runs = List.of(run);
        Scenario.expectExit(run, 0, runs);
        assertTrue(run.stdout().lines().anyMatch(line -> line.startsWith("MATCH:")),
                "run-demo.sh should report that the restored run matches" + Scenario.describe(runs));
    }
}
