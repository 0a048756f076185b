package dev.stasis.agent.rewrite.copies;

import java.util.List;

/** Methods for RestoreCopyTest: their sizes before and after rewriting are what the test is about. */
public class Shapes {

    private long count;

    /** Five call sites: past 325 bytes rewritten whole, under it without its resume code. */
    public long medium(int x, List<String> log) {
        count++;
        log.add("m" + x);
        log.add(String.valueOf(x));
        int size = log.size();
        log.remove(log.size() - 1);
        return size + log.hashCode() % 7 + count;
    }

    /** The method a copy of {@link #taken(int, List)} would be: that method keeps its resume code. */
    public long taken$resumed(int x, List<String> log, dev.stasis.internal.capture.FrameRecord r) {
        return x;
    }

    public long taken(int x, List<String> log) {
        count++;
        log.add("t" + x);
        log.add(String.valueOf(x));
        int size = log.size();
        log.remove(log.size() - 1);
        return size + log.hashCode() % 7 + count;
    }

    /** One call site: under 325 bytes rewritten whole, split all the same. */
    public static int small(List<String> log) {
        return log.size() + 1;
    }
}
