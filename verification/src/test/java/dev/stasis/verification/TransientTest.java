package dev.stasis.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import e2e.resources.TransientFields;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code transient=}: a class (a connection holding a socket) and a field (a cache) are left out
 * of the checkpoint as null, so the checkpoint succeeds although the connection holds a socket;
 * the application's listener re-creates both after the restore on the other JDK, and the rest of
 * the object is restored.
 */
class TransientTest {

    private static final String OPTION = "transient=e2e.resources.TransientFields$Connection;"
            + "e2e.resources.TransientFields$Service.cache";

    @TestFactory
    Stream<DynamicTest> transientClassAndFieldAreRecreatedByTheListener() {
        return Jdks.directions().stream().map(direction -> Scenario.named("TransientFields " + direction,
                () -> run(direction)));
    }

    private static void run(Direction direction) {
        Path work = Artifacts.workDir("transient/" + direction.fileName());
        Path checkpoints = work.resolve("checkpoints");
        List<JvmResult> runs = new ArrayList<>();
        JvmResult checkpoint = JvmRun.withAgent("checkpoint", direction.from(), Program.of(TransientFields.class),
                "dir=" + checkpoints + ",exit=true," + OPTION).run(work);
        runs.add(checkpoint);
        Scenario.expectExit(checkpoint, 0, runs);
        Scenario.expectNoTrace(checkpoint, runs);
        assertEquals("apple 50, pear 40, cached 2\n", checkpoint.stdout(), "before the checkpoint" + Scenario.describe(runs));
        assertEquals(1, Scenario.checkpointFiles(checkpoints).size(), "the checkpoint should be written"
                + Scenario.describe(runs));

        JvmResult restored = JvmRun.restore("restore", direction.to(), checkpoints).run(work);
        runs.add(restored);
        Scenario.expectExit(restored, 0, runs);
        Scenario.expectNoTrace(restored, runs);
        assertEquals("afterRestore: connection null, cache null\npricing via reconnected: fig 30, served 3, cached 1\n",
                restored.stdout(), "the listener re-creates what was left out" + Scenario.describe(runs));
    }
}
