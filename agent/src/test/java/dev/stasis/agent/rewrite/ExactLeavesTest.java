package dev.stasis.agent.rewrite;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fixture.leaves.Helpers;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A call to a method of the class's own that a call runs exactly (static, private, final) and
 * that can never reach a safe point (no call but to bounded arithmetic, no loop but short
 * counted ones, which do not poll) is not a call site: it could never stand
 * on a captured stack, and its handler and restore block would only make the caller larger.
 */
class ExactLeavesTest {

    @Test
    void callsToTheClassesOwnExactLeavesAreNotCallSites() throws IOException {
        List<String> notes = new ArrayList<>();
        new ClassInstrumenter(new InstrumentationScope(List.of(), List.of()), notes::add)
                .rewrite(getClass().getClassLoader(), original());
        String log = String.join("\n", notes);
        String name = "fixture/leaves/Helpers.";
        assertFalse(log.contains(name + "mix("), "mix calls only exact leaves, so it is not rewritten:\n" + log);
        // the entry's safe point, the overridable call, and the call to a method whose loop polls
        assertTrue(log.contains("instrumented " + name + "open(I)I: 3 call sites"), log);
    }

    private static byte[] original() throws IOException {
        try (InputStream in = Helpers.class.getResourceAsStream("Helpers.class")) {
            return in.readAllBytes();
        }
    }
}
