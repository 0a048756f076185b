package dev.stasis.agent.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stasis.internal.format.FrameSummary;
import dev.stasis.internal.format.MethodInfo;
import dev.stasis.internal.format.ThreadSummary;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InspectCommandTest {

    private static String inspect() {
        StringWriter text = new StringWriter();
        InspectCommand.print(Summaries.acme(), new PrintWriter(text));
        return text.toString();
    }

    @Test
    void showsWhoWroteTheCheckpointAndHow() {
        String s = inspect();
        assertTrue(s.contains("Java 17.0.15 (Eclipse Adoptium), Linux amd64"), s);
        assertTrue(s.contains("2025-11-26T00:00:00.123Z"), s);
        assertTrue(s.contains("main class  com.acme.Main"), s);
        assertTrue(s.contains("options     dir=ckpt,exit=true,keep=3"), s);
    }

    @Test
    void framesTopFirstLikeAStackTraceWithTheirSavedValues() {
        String s = inspect();
        int top = s.indexOf("at com.acme.Worker.<init>(Worker.java:42)  [call site 1, constructor after super()]");
        int base = s.indexOf("at com.acme.Main.main(Main.java:10)  [call site 0]");
        assertTrue(top > 0 && base > top, s);
        assertTrue(s.contains("saved: locals com.acme.Worker, int 7, long -3; stack String, double 0.25"), s);
        assertTrue(s.contains("saved: locals String[]; stack none"), s);
        assertTrue(s.contains("\"idle\" daemon, priority 1"), s);
        assertTrue(s.contains("(no frames)"), s);
    }

    @Test
    void deepRecursionIsSummarized() {
        MethodInfo fib = new MethodInfo("com/acme/Fib.f(I)I", "cc", "Fib.java", new int[] {7}, new String[] {"I|"});
        List<FrameSummary> frames = new ArrayList<>();
        for (int k = 0; k < 1000; k++) {
            frames.add(new FrameSummary(fib.key, 0, new long[] {1000 - k}, 0));
        }
        StringWriter text = new StringWriter();
        InspectCommand.print(Summaries.of(List.of(fib), List.of(new ThreadSummary("main", false, 5, frames))),
                new PrintWriter(text));
        String s = text.toString();
        assertTrue(s.contains("saved: locals int 1; stack none"), s);
        assertTrue(s.contains("saved: locals int 3; stack none"), s);
        assertTrue(s.contains("    ... 997 more frames of com.acme.Fib.f(Fib.java:7) at the same call site"), s);
        assertTrue(s.lines().count() < 30, s);
    }

    @Test
    void histogramByBytesAndStaticFields() {
        String s = inspect();
        assertTrue(s.contains("Heap: 12 objects, 4,400 bytes"), s);
        assertTrue(s.indexOf("com.acme.Big") < s.indexOf("java.lang.String"), s);
        assertTrue(s.contains("com.acme.Main: counter, cache"), s);
    }
}
