package dev.stasis.verification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The verification matrix's result: for each sample app, scenario and direction, how many checks
 * passed and failed, printed as one table at the end of the run and kept in a file.
 */
final class MatrixTable {

    /** One row; rows sort by app, then scenario, then direction. */
    record Row(String app, String scenario, String direction) implements Comparable<Row> {
        @Override
        public int compareTo(Row o) {
            int c = app.compareTo(o.app);
            if (c == 0) {
                c = scenario.compareTo(o.scenario);
            }
            return c != 0 ? c : direction.compareTo(o.direction);
        }
    }

    private final Map<Row, int[]> counts = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();

    synchronized void passed(Row row) {
        counts.computeIfAbsent(row, r -> new int[2])[0]++;
    }

    synchronized void failed(Row row, String test) {
        counts.computeIfAbsent(row, r -> new int[2])[1]++;
        failures.add(test);
    }

    synchronized boolean isEmpty() {
        return counts.isEmpty();
    }

    /** The table, a total line, and the names of the failed checks. */
    synchronized String render(String title) {
        String[] head = {"app", "scenario", "direction", "pass", "fail"};
        int[] width = {head[0].length(), head[1].length(), head[2].length(), 4, 4};
        for (Row r : counts.keySet()) {
            width[0] = Math.max(width[0], r.app().length());
            width[1] = Math.max(width[1], r.scenario().length());
            width[2] = Math.max(width[2], r.direction().length());
        }
        String format = "%-" + width[0] + "s  %-" + width[1] + "s  %-" + width[2] + "s  %4s  %4s%n";
        StringBuilder out = new StringBuilder(title).append(System.lineSeparator());
        out.append(String.format(format, (Object[]) head));
        int pass = 0;
        int fail = 0;
        for (Map.Entry<Row, int[]> e : counts.entrySet()) {
            Row r = e.getKey();
            int[] c = e.getValue();
            pass += c[0];
            fail += c[1];
            out.append(String.format(format, r.app(), r.scenario(), r.direction(), c[0], c[1] == 0 ? "-" : c[1]));
        }
        out.append(String.format(format, "total", counts.size() + " rows", "", pass, fail));
        for (String f : failures) {
            out.append("FAILED: ").append(f).append(System.lineSeparator());
        }
        return out.toString();
    }

    /** Prints the table on stdout and writes it to {@code file}. */
    void print(String title, Path file) {
        String table = render(title);
        System.out.print(table);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, table, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
