package bench.programs;

import java.io.Serializable;

/**
 * One small object of the checkpoint benchmark's heap: 16 bytes of field data (int, long, one
 * reference), 32 bytes on a 64-bit JVM with compressed references. Its link only ever points to
 * an earlier node, so writing the graph in order never recurses deeper than one link, in Stasis as
 * in ObjectOutputStream.
 */
public final class Node implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Bytes of field data per node: int + long + a 4-byte reference. */
    public static final int FIELD_BYTES = 4 + 8 + 4;
    /** Bytes per node in a HotSpot heap with compressed class pointers and references. */
    public static final int HEAP_BYTES = 32;

    final int id;
    final long value;
    final Node link;

    Node(int id, long value, Node link) {
        this.id = id;
        this.value = value;
        this.link = link;
    }
}
