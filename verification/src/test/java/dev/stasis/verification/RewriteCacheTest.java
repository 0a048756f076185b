package dev.stasis.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import e2e.constructors.Constructors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The cache of rewritten classes ({@code cache=}): a second run takes its classes from it and
 * behaves exactly as the first, a checkpoint taken with cached classes restores from them, and a
 * damaged cache is rewritten, never trusted. The program is the hardest case for what a cached
 * class must bring back besides its bytes: a base-class constructor captured while a subclass's
 * constructor waits, which needs the registered restore-only constructor copies.
 */
class RewriteCacheTest {

    private static final String HIT = "taken from the cache: e2e.constructors.";

    @Test
    void runsAndRestoresFromCachedClassesAsFromFreshOnes() throws IOException {
        Path work = Artifacts.workDir("rewrite-cache");
        Path cache = work.resolve("cache");
        Program program = Program.of(Constructors.class, "baseBody");
        Jdk jdk = Jdks.oldest();
        List<JvmResult> runs = new ArrayList<>();
        JvmResult plain = JvmRun.plain("plain", jdk, program.withApiJar()).run(work);
        runs.add(plain);
        Scenario.expectExit(plain, 0, runs);

        JvmResult first = cachedRun("first run", jdk, program, work, cache, "dir=" + work.resolve("c1"), runs);
        assertFalse(first.stderr().contains(HIT), "nothing cached yet" + Scenario.describe(runs));
        assertEquals(plain.stdout(), first.stdout(), Scenario.describe(runs));

        JvmResult second = cachedRun("second run", jdk, program, work, cache, "dir=" + work.resolve("c2"), runs);
        assertTrue(second.stderr().contains(HIT + "Constructors$Derived"), "from the cache" + Scenario.describe(runs));
        assertEquals(plain.stdout(), second.stdout(), Scenario.describe(runs));
        assertEquals(debugNotes(first), debugNotes(second), "the same rewrite" + Scenario.describe(runs));

        Path checkpoints = work.resolve("checkpoints");
        JvmResult checkpoint = cachedRun("checkpoint", jdk, program, work, cache,
                "dir=" + checkpoints + ",exit=true", runs);
        assertTrue(checkpoint.stderr().contains(HIT), Scenario.describe(runs));
        JvmResult restored = JvmRun.restore("restore", jdk, checkpoints).run(work);
        runs.add(restored);
        Scenario.expectExit(restored, 0, runs);
        assertTrue(restored.stderr().contains(HIT), "the restoring JVM uses the cache too" + Scenario.describe(runs));
        assertEquals(plain.stdout(), checkpoint.stdout() + restored.stdout(), Scenario.describe(runs));

        int damaged = 0;
        try (Stream<Path> entries = Files.walk(cache)) {
            for (Path entry : entries.filter(Files::isRegularFile).toList()) {
                byte[] b = Files.readAllBytes(entry);
                b[b.length / 2] ^= 0x55;
                Files.write(entry, b);
                damaged++;
            }
        }
        assertTrue(damaged > 0, "entries were written under " + cache);
        JvmResult afterDamage = cachedRun("damaged cache", jdk, program, work, cache, "dir=" + work.resolve("c3"), runs);
        assertFalse(afterDamage.stderr().contains(HIT), "no damaged entry is used" + Scenario.describe(runs));
        assertEquals(plain.stdout(), afterDamage.stdout(), Scenario.describe(runs));
        JvmResult repaired = cachedRun("repaired cache", jdk, program, work, cache, "dir=" + work.resolve("c4"), runs);
        assertTrue(repaired.stderr().contains(HIT), "the damaged entries were replaced" + Scenario.describe(runs));
    }

    private static JvmResult cachedRun(String name, Jdk jdk, Program program, Path work, Path cache, String options,
            List<JvmResult> runs) {
        JvmResult r = JvmRun.withAgent(name, jdk, program, options + ",cache=" + cache + ",log=debug").run(work);
        runs.add(r);
        Scenario.expectExit(r, 0, runs);
        return r;
    }

    /** What the rewriter said about each method, in order, without the lines about the cache itself. */
    private static List<String> debugNotes(JvmResult run) {
        List<String> notes = new ArrayList<>();
        for (String line : run.stderr().split("\n")) {
            if (line.contains("instrumented ") && !line.contains("cache")) {
                notes.add(line);
            }
        }
        return notes;
    }
}
