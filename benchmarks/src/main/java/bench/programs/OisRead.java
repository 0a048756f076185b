package bench.programs;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The restore benchmark's baseline: a fresh JVM reads the heap ObjectOutputStream wrote and prints
 * the wall-clock time at its first instruction after that.
 */
public final class OisRead {

    private OisRead() {
    }

    public static void main(String[] args) throws IOException, ClassNotFoundException {
        Node[][] heap;
        try (ObjectInputStream in = new ObjectInputStream(new BufferedInputStream(Files.newInputStream(Path.of(args[0])),
                1 << 16))) {
            heap = (Node[][]) in.readObject();
        }
        long firstInstruction = System.currentTimeMillis();
        System.out.println("read firstInstructionMillis=" + firstInstruction + " objects=" + HeapGraph.objects(heap));
    }
}
