package dev.stasis.internal.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stasis.internal.capture.FrameRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class JvmBoundObjectsTest {

    static final class Service {
        Map<String, Object> cache = new HashMap<>();
    }

    @Test
    void systemStreamsLoadersAndJdkSingletonsResolveToTheReadingJvmsObjects() {
        ClassLoader app = getClass().getClassLoader();
        Object[] back = RoundTrip.copy(System.out, System.err, System.in, ClassLoader.getSystemClassLoader(), app,
                Collections.emptyList(), Collections.reverseOrder(), String.CASE_INSENSITIVE_ORDER, Function.identity(),
                ThreadLocalRandom.current(), Runtime.getRuntime(), java.util.logging.Logger.getLogger("stasis.test"),
                java.time.format.DateTimeFormatter.ISO_LOCAL_DATE);
        assertSame(System.out, back[0]);
        assertSame(System.err, back[1]);
        assertSame(System.in, back[2]);
        assertSame(ClassLoader.getSystemClassLoader(), back[3]);
        assertSame(app, back[4]);
        assertSame(Collections.emptyList(), back[5]);
        assertSame(Collections.reverseOrder(), back[6]);
        assertSame(String.CASE_INSENSITIVE_ORDER, back[7]);
        assertSame(Function.identity(), back[8]);
        assertSame(ThreadLocalRandom.current(), back[9]);
        assertSame(Runtime.getRuntime(), back[10]);
        assertSame(java.util.logging.Logger.getLogger("stasis.test"), back[11]);
        assertSame(java.time.format.DateTimeFormatter.ISO_LOCAL_DATE, back[12]);
        UncheckpointableObjectException e = assertThrows(UncheckpointableObjectException.class,
                () -> RoundTrip.write(java.time.format.DateTimeFormatter.ofPattern("yyyy")));
        assertTrue(e.getMessage().contains("predefined formatters"), e.getMessage());
    }

    @Test
    void boundObjectsAreWrittenAsNamesAndResolvedByTheReader() throws Exception {
        Thread worker = new Thread(() -> { });
        Service s = new Service();
        s.cache.put("owner", worker);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new HeapWriter(getClass().getClassLoader()).bind(worker, "thread:1").write(new Object[] {s}, out);
        Thread replacement = new Thread(() -> { });
        HeapReader reader = new HeapReader(getClass().getClassLoader(), RoundTrip.TEST_CLASSES).bind("thread:1", replacement);
        Object[] back = reader.read(new ByteArrayInputStream(out.toByteArray()));
        reader.completeDeferred();
        assertSame(replacement, ((Service) back[0]).cache.get("owner"));
    }

    @Test
    void aSocketInAMapIsRefusedWithItsPath() throws Exception {
        Service service = new Service();
        try (Socket socket = new Socket()) {
            service.cache.put("conn", socket);
            FrameRecord frame = new FrameRecord("com/acme/Main.run(I)V", 3, new long[] {1}, new Object[] {service});
            UncheckpointableObjectException e = assertThrows(UncheckpointableObjectException.class,
                    () -> RoundTrip.write("first", frame));
            String m = e.getMessage();
            assertTrue(m.contains("java.net.Socket"), m);
            assertTrue(m.contains("root[1] (frame com.acme.Main.run(...))"), m);
            assertTrue(m.contains(".cache -> java.util.HashMap value for key \"conn\" -> java.net.Socket"), m);
        }
    }

    @Test
    void rootsCanBeNamedForTheMessage() {
        Service service = new Service();
        service.cache.put("t", Thread.currentThread());
        UncheckpointableObjectException e = assertThrows(UncheckpointableObjectException.class,
                () -> new HeapWriter(getClass().getClassLoader()).nameRoots("statics of com.acme.Cache", "frame com.acme.Main.run(...)")
                        .write(new Object[] {new Object[0], new Object[] {service}}, new ByteArrayOutputStream()));
        assertTrue(e.getMessage().contains("root[1] (frame com.acme.Main.run(...)) [0] -> "
                + Service.class.getName() + " .cache -> java.util.HashMap value for key \"t\" -> java.lang.Thread"), e.getMessage());
    }

    @Test
    void threadsStreamsAndProcessesAreRefused() {
        UncheckpointableObjectException e = assertThrows(UncheckpointableObjectException.class,
                () -> RoundTrip.write(List.of(new Object(), Thread.currentThread())));
        assertTrue(e.getMessage().contains("element #1 -> java.lang.Thread"), e.getMessage());
        assertThrows(UncheckpointableObjectException.class, () -> RoundTrip.write(new java.io.PipedInputStream()));
        assertThrows(UncheckpointableObjectException.class, () -> RoundTrip.write(List.of(1, 2).stream()));
        assertThrows(UncheckpointableObjectException.class, () -> RoundTrip.write((Runnable) () -> { }));
    }

    @Test
    void frameRecordsAndStatistics() throws Exception {
        Service shared = new Service();
        FrameRecord a = new FrameRecord("com/acme/A.f()V", 1 | FrameRecord.CTOR_INITIALIZED, new long[] {7, -1}, new Object[] {shared, "s"});
        FrameRecord b = new FrameRecord("com/acme/B.g()V", 2, new long[0], new Object[] {shared, null});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HeapStats stats = new HeapWriter(getClass().getClassLoader()).write(new Object[] {a, b}, out);
        assertEquals(out.size(), stats.bytes);
        assertEquals(2, stats.histogram.get(FrameRecord.class.getName())[0]);
        assertEquals(1, stats.histogram.get(Service.class.getName())[0]);
        assertTrue(stats.objects >= 5);
        Object[] back = RoundTrip.read(out.toByteArray());
        FrameRecord a2 = (FrameRecord) back[0];
        FrameRecord b2 = (FrameRecord) back[1];
        assertEquals("com/acme/A.f()V", a2.method());
        assertTrue(a2.isInitializedConstructor());
        assertEquals(7, a2.nextLong());
        assertSame(a2.refs()[0], b2.refs()[0]);
        assertEquals(2, b2.refs().length);
    }
}
