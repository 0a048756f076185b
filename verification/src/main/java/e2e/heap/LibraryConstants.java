package e2e.heap;

import dev.stasis.Stasis;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Static fields holding what cannot be checkpointed (a formatter made by ofPattern, a thread
 * pool), next to a mutable static counter: the former are re-created by running the class's
 * initializer again after the restore, the counter keeps its checkpointed value. The initializer
 * run again reads another class's static array (as Rhino's configuration reads its list of file
 * names), which must be restored by then.
 */
public final class LibraryConstants {

    static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy/MM/dd");
    static final ExecutorService POOL = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "pool");
        t.setDaemon(true);
        return t;
    });
    static int counter;

    static final class Stamps {
        static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern(Patterns.all()[1]);
    }

    static final class Patterns {
        private static final String[] PATTERNS = {"yyyy-MM-dd", "dd.MM.yyyy"};

        static String[] all() {
            return PATTERNS;
        }
    }

    public static void main(String[] args) throws Exception {
        for (int i = 0; i < 4; i++) {
            counter += i * 10;
            System.out.println(FORMAT.format(LocalDate.of(2020, 1, 1 + i)) + " pool " + POOL.submit(() -> 7).get()
                    + " counter " + counter + " " + Stamps.STAMP.format(LocalDate.of(2021, 2, 3)));
            if (i == 1) {
                Stasis.checkpoint();
            }
        }
    }
}
