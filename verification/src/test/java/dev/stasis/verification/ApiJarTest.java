package dev.stasis.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import e2e.api.WithoutAgent;
import e2e.values.OperandStackUnderCalls;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Applications compile against the API jar. Without the agent every call is harmless, whether the
 * API comes from the API jar or from the agent jar used as a plain library; with the agent, an API
 * jar on the class path as well does not stop checkpoints from working.
 */
class ApiJarTest {

    private static final String EXPECTED_WITHOUT_AGENT = String.join("\n",
            "checkpoint: UNAVAILABLE",
            "isRestored: false",
            "checkpoint again: UNAVAILABLE",
            "program goes on",
            "");

    @TestFactory
    Stream<DynamicTest> withoutAgentCheckpointIsUnavailable() {
        return Jdks.installed().stream().flatMap(jdk -> Stream.of(
                Scenario.named("API jar on the class path, JDK " + jdk.label(),
                        () -> runWithoutAgent(jdk, Artifacts.apiJar(), "api-jar")),
                Scenario.named("agent jar as a plain library, JDK " + jdk.label(),
                        () -> runWithoutAgent(jdk, Artifacts.agentJar(), "agent-jar-library"))));
    }

    @TestFactory
    Stream<DynamicTest> withAgentAndApiJarCheckpointWorks() {
        return Scenario.acrossJdks(Program.of(OperandStackUnderCalls.class).withApiJar());
    }

    private static void runWithoutAgent(Jdk jdk, Path apiSource, String name) {
        Program program = Program.of(WithoutAgent.class);
        program = program.withClassPath(program.classPath() + File.pathSeparator + apiSource, name);
        Path work = Artifacts.workDir(program.fileName() + "/" + jdk.label());
        JvmResult run = JvmRun.plain("without-agent", jdk, program).run(work);
        List<JvmResult> runs = List.of(run);
        Scenario.expectExit(run, 0, runs);
        Scenario.expectNoTrace(run, runs);
        assertEquals(EXPECTED_WITHOUT_AGENT, run.stdout(),
                "without the agent every API call should do nothing" + Scenario.describe(runs));
    }
}
