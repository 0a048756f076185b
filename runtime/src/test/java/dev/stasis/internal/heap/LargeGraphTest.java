package dev.stasis.internal.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A graph of many small objects held by arrays, written again and again by one writer (as
 * periodic checkpoints are): the reference table is sized from the previous write and looked up
 * ahead for array elements, and identity must come back exactly every time.
 */
class LargeGraphTest {

    static final class Cell {
        int id;
        long value;
        Cell link;
    }

    private static Cell[][] graph(int rows, int perRow) {
        Cell[][] g = new Cell[rows][];
        long x = 42;
        Cell previous = null;
        int id = 0;
        for (int r = 0; r < rows; r++) {
            g[r] = new Cell[perRow];
            for (int i = 0; i < perRow; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
                Cell c = new Cell();
                c.id = id++;
                c.value = x;
                c.link = (x & 3) == 0 && i > 0 ? g[r][(int) ((x >>> 40) % i)] : previous;
                g[r][i] = c;
                previous = c;
            }
            // the same object in two slots, and holes
            if (perRow > 3) {
                g[r][perRow - 1] = g[r][perRow / 2];
                g[r][1] = null;
            }
        }
        return g;
    }

    @Test
    void repeatedWritesOfAGrowingGraphKeepEverySharedReference() throws IOException {
        HeapWriter writer = new HeapWriter(LargeGraphTest.class.getClassLoader());
        for (int rows : new int[] {300, 30, 600}) {
            Cell[][] g = graph(rows, 257);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            writer.write(new Object[] {g, g[rows / 2]}, out);
            byte[] bytes = out.toByteArray();
            HeapReader reader = new HeapReader(LargeGraphTest.class.getClassLoader(), RoundTrip.TEST_CLASSES);
            Object[] roots = reader.read(new ByteArrayInputStream(bytes), bytes.length);
            reader.completeDeferred();
            Cell[][] copy = (Cell[][]) roots[0];
            assertSame(copy[rows / 2], roots[1], "an array shared by two roots");
            assertEquals(rows, copy.length);
            IdentityHashMap<Cell, Cell> copies = new IdentityHashMap<>();
            ArrayDeque<Cell[]> pairs = new ArrayDeque<>();
            for (int r = 0; r < rows; r++) {
                assertEquals(g[r].length, copy[r].length);
                for (int i = 0; i < g[r].length; i++) {
                    pairs.add(new Cell[] {g[r][i], copy[r][i]});
                }
            }
            while (!pairs.isEmpty()) {
                Cell[] p = pairs.poll();
                if (p[0] == null) {
                    assertNull(p[1]);
                    continue;
                }
                Cell earlier = copies.putIfAbsent(p[0], p[1]);
                if (earlier != null) {
                    assertSame(earlier, p[1], "one object, one copy, however it is reached");
                    continue;
                }
                assertEquals(p[0].id, p[1].id);
                assertEquals(p[0].value, p[1].value);
                pairs.add(new Cell[] {p[0].link, p[1].link});
            }
            Set<Cell> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
            distinct.addAll(copies.values());
            assertEquals(copies.size(), distinct.size(), "distinct objects stay distinct");
        }
    }
}
