package dev.stasis.agent.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
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
        assertTrue(s.contains("saved: com.acme.Worker, int 7, long -3, String, double 0.25"), s);
        assertTrue(s.contains("saved: String[]"), s);
        assertTrue(s.contains("\"idle\" daemon, priority 1"), s);
        assertTrue(s.contains("(no frames)"), s);
    }

    @Test
    void histogramByBytesAndStaticFields() {
        String s = inspect();
        assertTrue(s.contains("Heap: 12 objects, 4,400 bytes"), s);
        assertTrue(s.indexOf("com.acme.Big") < s.indexOf("java.lang.String"), s);
        assertTrue(s.contains("com.acme.Main: counter, cache"), s);
    }
}
