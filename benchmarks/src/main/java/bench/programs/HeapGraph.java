package bench.programs;

/**
 * The checkpoint benchmark's live heap: small {@link Node}s held by arrays of 1024, each linked to
 * an earlier node (shared references, as in real heaps).
 */
public final class HeapGraph {

    private static final int ROW = 1024;

    private HeapGraph() {
    }

    /** Nodes for about {@code megabytes} MB of heap, counting the node arrays. */
    public static Node[][] build(int megabytes) {
        long perNode = Node.HEAP_BYTES + 4;
        int nodes = (int) Math.max(ROW, (long) megabytes * 1024 * 1024 / perNode);
        Node[][] rows = new Node[(nodes + ROW - 1) / ROW][];
        long x = 12345;
        int id = 0;
        Node previous = null;
        for (int r = 0; r < rows.length; r++) {
            rows[r] = new Node[Math.min(ROW, nodes - r * ROW)];
            for (int i = 0; i < rows[r].length; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
                // Every fourth node points back to a random earlier node of its row, the others to the previous one.
                Node link = (x & 3) == 0 && i > 0 ? rows[r][(int) ((x >>> 40) % i)] : previous;
                Node n = new Node(id++, x >>> 20, link);
                rows[r][i] = n;
                previous = n;
            }
        }
        return rows;
    }

    public static long objects(Node[][] rows) {
        long n = 1 + rows.length;
        for (Node[] row : rows) {
            n += row.length;
        }
        return n;
    }

    /** Field data: each node's fields, each array's references and length, the outer array. */
    public static long fieldBytes(Node[][] rows) {
        long bytes = 4 + 4L * rows.length;
        for (Node[] row : rows) {
            bytes += 4 + 4L * row.length + (long) Node.FIELD_BYTES * row.length;
        }
        return bytes;
    }

    public static long checksum(Node[][] rows) {
        long h = 0;
        for (Node[] row : rows) {
            for (Node n : row) {
                h = h * 31 + n.id + n.value + (n.link == null ? 0 : n.link.id);
            }
        }
        return h;
    }
}
