package bench.runner;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/**
 * CI runs the benchmark once, in its quick mode, to make sure it still works: every part runs and
 * the table is printed. Figures are not checked (no timing assertions: this machine is shared).
 */
class BenchmarkQuickModeTest {

    /** Kept after the run: the logs of every JVM started are there. */
    private final Path work = Paths.get(System.getProperty("stasis.bench.work", "target/bench-quick"));

    @Test
    void quickModePrintsTheWholeTable() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            BenchmarkRun.main(new String[] {"--quick", "--work", work.toString()});
        } finally {
            System.setOut(stdout);
        }
        String table = captured.toString(StandardCharsets.UTF_8);
        stdout.println(table);

        assertTrue(table.startsWith("| measurement "), table);
        for (String workload : SteadyStateBenchmark.WORKLOADS) {
            assertTrue(table.contains("| steady state: " + workload + " "), workload + " missing:\n" + table);
        }
        for (String row : new String[] {"sample app: demo.PiDigits, steady state",
                "sample app: samples.LorenzEnsemble, steady state", "sample app: demo.PiDigits 1000 digits, whole run",
                "steady state: geometric mean", "start-up: hello world", "checkpoint pause, 10 MB",
                "checkpoint memory beyond the live heap, 10 MB", "file size, 10 MB, compress=deflate", "restore to first instruction, 10 MB, compress=none",
                "restore to first instruction, 1 MB, compress=deflate"}) {
            assertTrue(table.contains("| " + row), row + " missing:\n" + table);
        }
    }
}
