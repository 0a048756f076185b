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
 * frames and objects, as the JDK's own {@code jfr} tool prints them, on each installed JDK; and a
 * restored JVM recorded the same way holds a {@code dev.stasis.Restore} event.
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

        String printed = jfrPrint(jdk, recording, work, "dev.stasis.Checkpoint");
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

    /**
     * A restored JVM started with {@code -XX:StartFlightRecording} (through the launcher's
     * {@code --jvm-arg}) records its restore: the restore runs once the JVM has started, from main.
     */
    @TestFactory
    Stream<DynamicTest> restoresAreJfrEvents() {
        return Jdks.directions().stream().map(d -> Scenario.named("restore " + d, () -> restoreRecorded(d)));
    }

    private static void restoreRecorded(Direction direction) throws IOException, InterruptedException {
        Path work = Artifacts.workDir("jfr/restore-" + direction.fileName());
        Path recording = work.resolve("restore.jfr");
        Path checkpoints = work.resolve("checkpoints");
        List<JvmResult> runs = new ArrayList<>();
        JvmResult first = JvmRun.withAgent("checkpoint", direction.from(), Program.of(TwoCheckpoints.class),
                "dir=" + checkpoints + ",exit=true").run(work);
        runs.add(first);
        Path file = Scenario.onlyCheckpoint(first, checkpoints, runs);
        JvmResult restored = JvmRun.restore("restore", direction.to(), file, "--option", "exit=false", "--jvm-arg",
                "-XX:StartFlightRecording=filename=" + recording + ",dumponexit=true", "--jvm-arg",
                "-Xlog:jfr+startup=warning").run(work);
        runs.add(restored);
        Scenario.expectExit(restored, 0, runs);
        Scenario.expectNoTrace(restored, runs);
        String printed = jfrPrint(direction.to(), recording, work, "dev.stasis.Restore");
        String[] events = printed.split("dev\\.stasis\\.Restore \\{");
        assertEquals(2, events.length, "one restore event in the recording:\n" + printed + Scenario.describe(runs));
        for (String field : List.of("duration = ", "restored = true", "threads = 1", "frames = 1",
                "file = \"" + file)) {
            assertTrue(events[1].contains(field), "the restore event should have " + field + ":\n" + events[1]);
        }
    }

    /** The events as {@code <jdk>/bin/jfr print} shows them: the JDK's own reader of its recordings. */
    private static String jfrPrint(Jdk jdk, Path recording, Path work, String event)
            throws IOException, InterruptedException {
        Path out = work.resolve("jfr-print.out");
        Process p = new ProcessBuilder(jdk.home().resolve("bin").resolve("jfr").toString(), "print", "--events",
                event, recording.toString())
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
