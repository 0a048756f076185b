package bench.runner;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The one table the benchmark prints, as Markdown (docs/BENCHMARKS.md holds a copy): per row what
 * was measured, on which JDK, the Stasis figure, the baseline's, their ratio, and the issue's
 * target with whether it was met.
 */
final class Table {

    static final String[] HEADER = {"measurement", "JDK", "Stasis", "baseline", "ratio", "target"};

    private final List<String[]> rows = new ArrayList<>();

    void add(String measurement, Jdk jdk, String stasis, String baseline, String ratio, String target) {
        rows.add(new String[] {measurement, jdk.version, stasis, baseline, ratio, target});
    }

    int size() {
        return rows.size();
    }

    void print(PrintStream out) {
        int[] widths = new int[HEADER.length];
        for (int c = 0; c < HEADER.length; c++) {
            widths[c] = HEADER[c].length();
            for (String[] row : rows) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        out.println(line(HEADER, widths));
        String[] rule = new String[HEADER.length];
        for (int c = 0; c < HEADER.length; c++) {
            rule[c] = "-".repeat(widths[c]);
        }
        out.println(line(rule, widths));
        for (String[] row : rows) {
            out.println(line(row, widths));
        }
        out.flush();
    }

    private static String line(String[] cells, int[] widths) {
        StringBuilder s = new StringBuilder("|");
        for (int c = 0; c < cells.length; c++) {
            s.append(' ').append(cells[c]).append(" ".repeat(widths[c] - cells[c].length())).append(" |");
        }
        return s.toString();
    }

    /** "ok" or "MISSED" after a target, so a reader sees at once which ones were met. */
    static String verdict(String target, boolean met) {
        return target + (met ? " ok" : " MISSED");
    }
}
