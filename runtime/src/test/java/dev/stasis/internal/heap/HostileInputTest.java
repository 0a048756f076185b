package dev.stasis.internal.heap;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Damaged and forged heaps end in CorruptHeapException, quickly, without allocating what they announce. */
class HostileInputTest {

    static final class Victim {
        String name = "v";
        Map<String, Object> data = new HashMap<>(Map.of("k", List.of(1, 2, 3)));
        int[] numbers = {1, 2, 3};
        Victim self = this;
    }

    private static Object[] sample() {
        TreeMap<String, Integer> tree = new TreeMap<>(Map.of("a", 1, "b", 2));
        return new Object[] {new Victim(), tree, "text é 日本", new ArrayList<>(List.of(tree)), new Object[] {null, 4L}};
    }

    private static void read(byte[] heap, boolean withLength) throws IOException {
        HeapReader reader = new HeapReader(HostileInputTest.class.getClassLoader(), RoundTrip.TEST_CLASSES);
        ByteArrayInputStream in = new ByteArrayInputStream(heap);
        if (withLength) {
            reader.read(in, heap.length);
        } else {
            reader.read(in);
        }
        reader.completeDeferred();
    }

    @Test
    void everyTruncationIsDetected() {
        byte[] heap = RoundTrip.write(sample());
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int n = 0; n < heap.length; n++) {
                byte[] cut = java.util.Arrays.copyOf(heap, n);
                assertThrows(CorruptHeapException.class, () -> read(cut, true), "prefix " + n);
                assertThrows(CorruptHeapException.class, () -> read(cut, false), "prefix " + n);
            }
        });
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void randomBytesAreRejected(long seed) {
        Random random = new Random(seed);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (int i = 0; i < 200; i++) {
                byte[] junk = new byte[random.nextInt(400)];
                random.nextBytes(junk);
                if (i % 2 == 0 && junk.length >= 5) {
                    System.arraycopy(new byte[] {0x53, 0x54, 0x48, 0x50, 1}, 0, junk, 0, 5);
                }
                boolean withLength = i % 3 == 0;
                assertThrows(CorruptHeapException.class, () -> read(junk, withLength));
            }
        });
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14})
    void flippedBytesGiveAHeapOrACleanError(long seed) {
        byte[] heap = RoundTrip.write(sample());
        Random random = new Random(seed);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (int i = 0; i < 300; i++) {
                byte[] damaged = heap.clone();
                for (int f = 0; f < 1 + random.nextInt(3); f++) {
                    damaged[random.nextInt(damaged.length)] ^= (byte) (1 + random.nextInt(255));
                }
                try {
                    read(damaged, i % 2 == 0);
                } catch (CorruptHeapException e) {
                    // expected for most
                } catch (dev.stasis.internal.resources.FileReopenException e) {
                    // a flip inside an open file's path or mode that still decodes: the clean error of a missing file
                } catch (java.io.UncheckedIOException e) {
                    assertTrue(e.getCause() instanceof CorruptHeapException, e.toString());
                }
            }
        });
    }

    @Test
    void classesOutsideTheAllowListAreNeverResolved() {
        byte[] heap = RoundTrip.write(new Victim());
        List<String> asked = new ArrayList<>();
        HeapReader reader = new HeapReader(getClass().getClassLoader(), name -> {
            asked.add(name);
            return false;
        });
        CorruptHeapException e = assertThrows(CorruptHeapException.class, () -> reader.read(new ByteArrayInputStream(heap)));
        assertTrue(e.getMessage().contains(Victim.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains("not allowed"), e.getMessage());
        assertTrue(asked.contains(Victim.class.getName()));
    }

    /** Builds a heap by hand: header, one root written by {@code body}. */
    private static byte[] forge(Consumer<HeapOutput> body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        HeapOutput out = new HeapOutput(bytes);
        out.writeInt(HeapFormat.MAGIC);
        out.writeByte(HeapFormat.VERSION);
        body.accept(out);
        out.flush();
        return bytes.toByteArray();
    }

    private static int id(Class<?> type) {
        HeapKryo kryo = HeapKryo.create(HostileInputTest.class.getClassLoader(), RoundTrip.TEST_CLASSES);
        return kryo.classes.registrationFor(type).getId();
    }

    @Test
    void forgedHugeLengthsAreRejectedBeforeAllocating() {
        List<byte[]> forged = new ArrayList<>();
        forged.add(forge(out -> out.writeVarInt(Integer.MAX_VALUE, true)));
        for (Class<?> type : new Class<?>[] {int[].class, long[].class, byte[].class, ArrayList.class, HashMap.class}) {
            forged.add(forge(out -> {
                out.writeVarInt(1, true);
                out.writeVarInt(id(type) + 2, true);
                out.writeVarInt(1, true);
                out.writeVarInt(Integer.MAX_VALUE - 3, true);
            }));
        }
        forged.add(forge(out -> {
            out.writeVarInt(1, true);
            out.writeVarInt(id(String.class) + 2, true);
            out.writeVarInt(1, true);
            out.writeVarLong((long) Integer.MAX_VALUE << 1, true);
        }));
        forged.add(forge(out -> {
            out.writeVarInt(1, true);
            out.writeVarInt(id(Object[].class) + 2, true);
            out.writeVarInt(1, true);
            out.writeVarInt(0, true);
            out.writeHeapString("java.lang.Object");
            out.writeVarInt(Integer.MAX_VALUE - 8, true);
        }));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (byte[] heap : forged) {
                assertThrows(CorruptHeapException.class, () -> read(heap, true));
                assertThrows(CorruptHeapException.class, () -> read(heap, false));
            }
        });
    }

    @Test
    void nestedContainersEachAnnouncingTheWholeRemainderAreRejected() {
        int arrayId = id(Object[].class);
        byte[] heap = forge(out -> {
            out.writeVarInt(1, true);
            for (int level = 0; level < 200_000; level++) {
                out.writeVarInt(arrayId + 2, true);
                out.writeVarInt(1, true);
                out.writeVarInt(level == 0 ? 0 : 1, true);
                if (level == 0) {
                    out.writeHeapString("java.lang.Object");
                }
                out.writeVarInt(400_000, true);
            }
        });
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            assertThrows(CorruptHeapException.class, () -> read(heap, true));
            assertThrows(CorruptHeapException.class, () -> read(heap, false));
        });
    }

    @Test
    void jdkClassesCannotBeSmuggledInByName() {
        byte[] heap = forge(out -> {
            out.writeVarInt(1, true);
            out.writeVarInt(1, true);
            out.writeVarInt(0, true);
            out.writeHeapString("java.lang.ProcessBuilder");
            out.writeInt(0x1234_5678);
        });
        CorruptHeapException e = assertThrows(CorruptHeapException.class, () -> read(heap, true));
        assertTrue(e.getMessage().contains("java.lang.ProcessBuilder"), e.getMessage());
    }

    @Test
    void backReferencesMustPointBackwards() {
        byte[] heap = forge(out -> {
            out.writeVarInt(1, true);
            out.writeVarInt(id(ArrayList.class) + 2, true);
            out.writeVarInt(1000 + 2, true);
        });
        assertThrows(CorruptHeapException.class, () -> read(heap, true));
    }
}
