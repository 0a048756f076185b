package dev.stasis.internal.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints and restores are JFR events with the figures a user looks for; a recording started
 * in-process reads them back. (A restored JVM runs the program from the agent's premain, before a
 * -XX:StartFlightRecording recording starts, so the restore event is only seen in-process here.)
 */
class ObservationTest {

    @Test
    void checkpointAndRestoreAreRecorded(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("recording.jfr");
        try (Recording r = new Recording()) {
            r.enable("dev.stasis.Checkpoint");
            r.enable("dev.stasis.Restore");
            r.start();
            Observation.checkpoint("interval").succeeded(Path.of("/ck/a.stasis"), 4096, 1, 7, 1234);
            Observation.checkpoint("signal").failed("a socket");
            Observation.restore(Path.of("/ck")).succeeded(Path.of("/ck/a.stasis"), 4096, 1, 7, 1234);
            r.stop();
            r.dump(file);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().startsWith("dev.stasis."))
                .collect(Collectors.toList());
        assertEquals(3, events.size(), events.toString());

        RecordedEvent taken = events.get(0);
        assertEquals("dev.stasis.Checkpoint", taken.getEventType().getName());
        assertEquals("interval", taken.getString("trigger"));
        assertTrue(taken.getBoolean("written"));
        assertEquals("/ck/a.stasis", taken.getString("file"));
        assertEquals(4096, taken.getLong("bytes"));
        assertEquals(1, taken.getInt("threads"));
        assertEquals(7, taken.getInt("frames"));
        assertEquals(1234, taken.getLong("objects"));
        assertFalse(taken.getDuration().isNegative());

        RecordedEvent failed = events.get(1);
        assertFalse(failed.getBoolean("written"));
        assertEquals("a socket", failed.getString("failure"));

        RecordedEvent restored = events.get(2);
        assertEquals("dev.stasis.Restore", restored.getEventType().getName());
        assertTrue(restored.getBoolean("restored"));
        assertEquals(7, restored.getInt("frames"));
        assertEquals(1234, restored.getLong("objects"));
        assertTrue(Files.size(file) > 0);
    }
}
