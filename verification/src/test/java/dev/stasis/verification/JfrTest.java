package dev.stasis.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import e2e.api.TwoCheckpoints;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A program recorded with JFR ({@code -XX:StartFlightRecording}) takes two checkpoints: the
 * recording holds two {@code dev.stasis.Checkpoint} events with their duration, file, size, threads,
 * frames and objects, as the JDK's own {@code jfr} tool prints them, on each installed JDK.
 */
class JfrTest {

    private static final Pattern OBJECTS = Pattern.compile("objects = (\\d+)");
    private static final Pattern FILE = Pattern.compile("file = \"([^\"]+)\"");

    @TestFactory
    Stream<DynamicTest> checkpointsAreJfrEvents() {
        return Jdks.installed().stream().map(jdk -> Scenario.named("JDK " + jdk.label(), () -> recorded(jdk)));
    }

    private static void recorded(Jdk jdk) throws IOException, InterruptedException {
        Path work = Artifacts.workDir("jfr/" + jdk.label());
        Path recording = work.resolve("recording.jfr");
        Path checkpoints = work.resolve("checkpoints");
        List<JvmResult> runs = new ArrayList<>();
        JvmResult run = JvmRun.withAgent("recorded", jdk, Program.of(TwoCheckpoints.class), "dir=" + checkpoints,
                List.of("-XX:StartFlightRecording=filename=" + recording + ",dumponexit=true", "-Xlog:jfr+startup=warning"))
                .run(work);
        runs.add(run);
        Scenario.expectExit(run, 0, runs);
        Scenario.expectNoTrace(run, runs);

        String printed = jfrPrint(jdk, recording, work);
        String[] events = printed.split("dev\\.stasis\\.Checkpoint \\{");
        assertEquals(3, events.length, "two checkpoint events in the recording:\n" + printed + Scenario.describe(runs));
        for (int i = 1; i < events.length; i++) {
            String e = events[i];
            for (String field : List.of("duration = ", "trigger = \"checkpoint point\"", "written = true", "threads = 1",
                    "frames = 1", "bytes = ")) {
                assertTrue(e.contains(field), "event " + i + " should have " + field + ":\n" + e);
            }
            Matcher objects = OBJECTS.matcher(e);
            assertTrue(objects.find() && Long.parseLong(objects.group(1)) > 0, "event " + i + " counts objects:\n" + e);
            Matcher file = FILE.matcher(e);
            assertTrue(file.find() && Files.isRegularFile(Path.of(file.group(1))), "event " + i
                    + " names the checkpoint file written:\n" + e);
        }
    }

    /** The events as {@code <jdk>/bin/jfr print} shows them: the JDK's own reader of its recordings. */
    private static String jfrPrint(Jdk jdk, Path recording, Path work) throws IOException, InterruptedException {
        Path out = work.resolve("jfr-print.out");
        Process p = new ProcessBuilder(jdk.home().resolve("bin").resolve("jfr").toString(), "print", "--events",
                "dev.stasis.Checkpoint", recording.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("jfr print did not finish");
        }
        String printed = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "jfr print failed:\n" + printed);
        return printed;
    }
}
