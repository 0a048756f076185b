package dev.stasis.internal.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stasis.internal.format.MethodInfo;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class RebuildStackTest {

    private static String registered(String name, int rebuildWords) {
        String key = "t/Rebuild." + name + "()V";
        MethodTable.register(RebuildStackTest.class.getClassLoader(), "t/Rebuild", name, "()V", key, new int[0],
                new int[0], new int[0], rebuildWords,
                new MethodInfo(key, "hash", null, new int[0], new String[0]));
        return key;
    }

    @Test
    void framesTakeMoreStackTheMoreTheirMethodHolds() {
        long small = RebuildStack.of(List.of(registered("small", 20)));
        long large = RebuildStack.of(List.of(registered("large", 200)));
        assertTrue(small >= 20 * 8 && large > small, small + " and " + large + " bytes");
        assertEquals(1000 * small, RebuildStack.of(Collections.nCopies(1000, "t/Rebuild.small()V")),
                "a thread's frames take the sum of theirs");
    }

    @Test
    void aMethodThisJvmDidNotRewriteIsTakenAtALargeFrame() {
        long known = RebuildStack.of(List.of(registered("known", 40)));
        assertTrue(RebuildStack.of(List.of("t/Elsewhere.m()V")) > known);
    }

    @Test
    void aThreadKeepsItsStackUnlessItsFramesNeedMoreThanAQuarterOfIt() {
        long mb = 1 << 20;
        assertEquals(mb, RebuildStack.restoredStack(100 << 10, mb), "shallow frames");
        assertEquals(mb, RebuildStack.restoredStack(200 << 10, mb), "frames under the least that is compared");
        assertEquals(256 * mb, RebuildStack.restoredStack(6 * mb, 256 * mb), "a thread with a large stack of its own");
        assertEquals(mb + 12 * mb, RebuildStack.restoredStack(6 * mb, mb), "frames that need more than it has");
    }
}
