package dev.stasis.internal.format;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Names of checkpoint files: {@code checkpoint-<yyyyMMdd-HHmmss-SSS>-<seq>.stasis}, the time in
 * UTC, so that the newest file is the one whose name sorts last whatever the writer's time zone.
 * {@code seq} tells apart checkpoints written within one millisecond.
 */
final class CheckpointNames {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);
    private static final Pattern NAME = Pattern.compile("checkpoint-(\\d{8}-\\d{6}-\\d{3})-(\\d{1,18})\\.stasis");

    /** Newest first: by time, then by sequence number compared as a number. */
    static final Comparator<Path> NEWEST_FIRST = Comparator.<Path, String>comparing(p -> group(p, 1))
            .thenComparingLong(p -> Long.parseLong(group(p, 2)))
            .reversed();

    private CheckpointNames() {
    }

    static String name(Instant time, long seq) {
        return "checkpoint-" + TIME.format(time) + "-" + String.format("%06d", seq) + ".stasis";
    }

    static boolean isCheckpointName(Path p) {
        return NAME.matcher(p.getFileName().toString()).matches();
    }

    /** The checkpoint files in {@code dir}, newest first; temporary files and other names are ignored. */
    static List<Path> list(Path dir) throws IOException {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            entries.filter(p -> isCheckpointName(p) && Files.isRegularFile(p)).forEach(found::add);
        }
        found.sort(NEWEST_FIRST);
        return found;
    }

    private static String group(Path p, int group) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a checkpoint name: " + p);
        }
        return m.group(group);
    }
}
