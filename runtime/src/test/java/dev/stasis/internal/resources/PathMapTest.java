package dev.stasis.internal.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code --map FROM=TO} replaces a directory prefix, whole names only, first match winning, and the
 * rest of the path takes TO's separators (a Windows checkpoint restored on Linux).
 */
class PathMapTest {

    @Test
    void replacesTheFirstMatchingDirectoryPrefix() {
        PathMap m = PathMap.parse(List.of("/data/=/mnt/data", "/data/logs=/var/log/app", "C:\\work=/home/me/work"));
        assertEquals("/mnt/data/logs/a.log", m.apply("/data/logs/a.log"));
        assertEquals("/mnt/data", m.apply("/data"));
        assertEquals("/home/me/work/in/a.txt", m.apply("C:\\work\\in\\a.txt"), "the separators of TO");
        assertEquals("/database/x", m.apply("/database/x"), "only whole directory names match");
        assertEquals("/elsewhere", m.apply("/elsewhere"));
    }

    @Test
    void rootsMapToo() {
        assertEquals("/mnt/old/a/b", PathMap.parse(List.of("/=/mnt/old")).apply("/a/b"));
        assertEquals("/a/b", PathMap.parse(List.of("/old=/")).apply("/old/a/b"));
    }

    @Test
    void itemsWithoutBothSidesAreRejected() {
        assertNull(PathMap.parse(List.of("/data")));
        assertNull(PathMap.parse(List.of("=/x")));
        assertNull(PathMap.parse(List.of("/x=")));
    }
}
