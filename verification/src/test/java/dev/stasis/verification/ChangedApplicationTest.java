package dev.stasis.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Restoring against an application that changed: a method on the captured stack with different
 * bytecode, or a class in the heap whose fields changed, stops the restore with a message naming
 * it, before the program runs; a change to a method that is not on the stack is fine.
 */
class ChangedApplicationTest {

    private static final String SOURCE = """
            package changed;

            public class App {
                static int depth(int n) {
                    if (n == 0) {
                        dev.stasis.Stasis.checkpoint();
                        return %s;
                    }
                    return depth(n - 1) + 1;
                }

                static String unrelated() {
                    return "%s";
                }

                static class State {
                    %s
                }

                public static void main(String[] args) {
                    State state = new State();
                    state.count = 1;
                    System.out.println("before");
                    System.out.println("depth " + depth(3) + " " + unrelated() + " " + state.count);
                }
            }
            """;

    @Test
    void aChangedMethodOnTheStackStopsTheRestoreAndNamesIt() throws IOException {
        Path work = Artifacts.workDir("changed-application");
        Path original = compile(work.resolve("original"), "10", "same", "int count;");
        Path changedOnStack = compile(work.resolve("changed-on-stack"), "20", "same", "int count;");
        Path changedElsewhere = compile(work.resolve("changed-elsewhere"), "10", "other", "int count;");
        Path changedFields = compile(work.resolve("changed-fields"), "10", "same", "long total; int count;");
        Program program = new Program("changed.App", List.of(), original.toString(), "changed.App");
        Path checkpoints = work.resolve("checkpoints");
        List<JvmResult> runs = new ArrayList<>();
        JvmResult checkpoint = JvmRun.withAgent("checkpoint", Jdks.oldest(), program,
                "dir=" + checkpoints + ",exit=true").run(work);
        runs.add(checkpoint);
        Scenario.expectExit(checkpoint, 0, runs);
        assertEquals("before\n", checkpoint.stdout(), Scenario.describe(runs));

        JvmResult refused = JvmRun.restore("restore changed", Jdks.newest(), checkpoints, "--cp",
                changedOnStack.toString()).run(work);
        runs.add(refused);
        Scenario.expectExit(refused, 2, runs);
        assertEquals("", refused.stdout(), "no application output" + Scenario.describe(runs));
        assertTrue(refused.stderr().contains("changed.App.depth(I)I") && refused.stderr().contains("changed"),
                "the message names the changed method" + Scenario.describe(runs));
        Scenario.expectNoTrace(refused, runs);

        JvmResult restored = JvmRun.restore("restore unrelated change", Jdks.newest(), checkpoints, "--cp",
                changedElsewhere.toString()).run(work);
        runs.add(restored);
        Scenario.expectExit(restored, 0, runs);
        assertEquals("depth 13 other 1\n", restored.stdout(), Scenario.describe(runs));

        JvmResult fields = JvmRun.restore("restore changed fields", Jdks.newest(), checkpoints, "--cp",
                changedFields.toString()).run(work);
        runs.add(fields);
        Scenario.expectExit(fields, 2, runs);
        assertEquals("", fields.stdout(), "no application output" + Scenario.describe(runs));
        assertTrue(fields.stderr().contains("changed.App$State") && fields.stderr().contains("changed since"),
                "the message names the class whose fields changed" + Scenario.describe(runs));
        Scenario.expectNoTrace(fields, runs);
    }

    private static Path compile(Path dir, String depthResult, String unrelated, String stateFields)
            throws IOException {
        Path src = dir.resolve("src/changed/App.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, String.format(SOURCE, depthResult, unrelated, stateFields), StandardCharsets.UTF_8);
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "--release", "17", "-cp", Artifacts.apiJar().toString(), "-d",
                classes.toString(), src.toString());
        assertEquals(0, status, "javac failed for " + src);
        return classes;
    }
}
