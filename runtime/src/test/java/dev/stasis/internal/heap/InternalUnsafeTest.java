package dev.stasis.internal.heap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Application objects' fields loaded by offset ({@link InternalUnsafe}, what the agent makes
 * available) and by reflection (the runtime without the agent) are written as the same bytes,
 * which read back to the same values.
 */
class InternalUnsafeTest {

    @SuppressWarnings("unused")
    static final class AllKinds {
        final int i;
        long l;
        boolean z;
        byte b;
        short s;
        char c;
        float f;
        final double d;
        Object none;
        String text;

        AllKinds(int i, double d) {
            this.i = i;
            this.d = d;
        }
    }

    @Test
    void theTestsRunWithWhatTheAgentGives() {
        assertTrue(InternalUnsafe.AVAILABLE, "run with --add-exports java.base/jdk.internal.misc=ALL-UNNAMED");
    }

    @Test
    void byOffsetAndByReflectionAgree() {
        AllKinds a = new AllKinds(-7, Math.PI);
        a.l = Long.MIN_VALUE;
        a.z = true;
        a.b = -128;
        a.s = 31_000;
        a.c = '\u2603';
        a.f = -0.5f;
        byte[] direct = write(AppFields.of(AllKinds.class, true), a);
        assertArrayEquals(direct, write(AppFields.of(AllKinds.class, false), a));
        AllKinds r = (AllKinds) Instantiators.bare(AllKinds.class).newInstance();
        AppFields.of(AllKinds.class).read(kryo(), new HeapInput(new ByteArrayInputStream(direct),
                new ReadLimits(direct.length)), r);
        assertEquals(-7, r.i);
        assertEquals(Long.MIN_VALUE, r.l);
        assertTrue(r.z);
        assertEquals(-128, r.b);
        assertEquals(31_000, r.s);
        assertEquals('\u2603', r.c);
        assertEquals(-0.5f, r.f);
        assertEquals(Math.PI, r.d);
        assertNull(r.none);
    }

    static final class AnyHolder {
        Object value;
    }

    static final class TextHolder {
        String value;
    }

    /** A value of another type than its field's, in a damaged or forged heap, is refused. */
    @Test
    void aValueOfTheWrongTypeIsRefusedBeforeItIsStored() {
        AnyHolder any = new AnyHolder();
        any.value = 42L;
        byte[] heap = write(AppFields.of(AnyHolder.class, true), any);
        TextHolder text = new TextHolder();
        CorruptData e = assertThrows(CorruptData.class, () -> AppFields.of(TextHolder.class).read(kryo(),
                new HeapInput(new ByteArrayInputStream(heap), new ReadLimits(heap.length)), text));
        assertTrue(e.getMessage().contains("java.lang.Long in field"), e.getMessage());
        assertNull(text.value);
    }

    private static byte[] write(AppFields fields, Object o) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        HeapOutput out = new HeapOutput(bytes);
        HeapKryo k = kryo();
        k.tokens = new JvmTokens(InternalUnsafeTest.class.getClassLoader(), java.util.Map.of(), java.util.Map.of());
        k.late = new LateBindings();
        fields.write(k, out, o);
        out.flush();
        return bytes.toByteArray();
    }

    private static HeapKryo kryo() {
        return HeapKryo.create(InternalUnsafeTest.class.getClassLoader(), RoundTrip.TEST_CLASSES);
    }
}
