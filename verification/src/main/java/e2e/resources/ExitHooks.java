package e2e.resources;

import dev.stasis.Stasis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a program asks the JVM to do when it exits: a shutdown hook, an application subclass of
 * {@code Thread} holding the program's running totals, prints the totals the program ended with;
 * a second one, a lambda, writes a marker file; a scratch file is registered with {@code
 * File.deleteOnExit}. A checkpoint is taken half-way. The JVM that exits after the checkpoint must
 * do none of it (the program is suspended, not ended: its scratch file stays); the restored JVM
 * must do all of it when the program ends, as the uninterrupted run does.
 *
 * <p>Argument: the directory for the scratch and marker files.
 */
public final class ExitHooks {

    public static final String SCRATCH = "scratch.tmp";
    public static final String MARKER = "ended.txt";

    /** Prints the totals when the JVM exits. */
    static final class Report extends Thread {
        final long[] totals;

        Report(long[] totals) {
            super("report hook");
            this.totals = totals;
        }

        @Override
        public void run() {
            System.out.println("hook: total " + totals[0] + " after " + totals[1] + " steps");
        }
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        Path scratch = dir.resolve(SCRATCH);
        Files.writeString(scratch, "partial results");
        scratch.toFile().deleteOnExit();
        Path marker = dir.resolve(MARKER);
        Files.deleteIfExists(marker);
        long[] totals = new long[2];
        Runtime.getRuntime().addShutdownHook(new Report(totals));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.writeString(marker, "ended");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "marker hook"));
        for (int i = 1; i <= 10; i++) {
            totals[0] += (long) i * i;
            totals[1] = i;
            System.out.println("step " + i + " total " + totals[0]);
            if (i == 5) {
                Stasis.checkpoint();
            }
        }
        System.out.println("main ends; the scratch file is there: " + Files.exists(scratch));
    }
}
