package e2e.resources;

import java.io.FileWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * An application written for CRaC, unchanged: a journal file open for appending is a CRaC
 * {@link Resource} registered with the global context, closed before the checkpoint and reopened
 * after the restore; {@link Core#checkpointRestore()} asks for the checkpoint. Argument: the
 * journal's path. At the end it prints the journal, whose four entries were written on both sides
 * of the checkpoint.
 */
public final class CracJournal {

    /** The open journal; an open file cannot be checkpointed, so it is closed around the checkpoint. */
    static final class Journal implements Resource {
        private final String path;
        private Writer out;

        Journal(String path) throws IOException {
            this.path = path;
            this.out = new FileWriter(path, true);
        }

        void append(String line) throws IOException {
            out.write(line + "\n");
            out.flush();
        }

        void close() throws IOException {
            out.close();
        }

        @Override
        public void beforeCheckpoint(Context<? extends Resource> context) throws Exception {
            out.close();
            out = null;
            System.out.println("beforeCheckpoint: journal closed");
        }

        @Override
        public void afterRestore(Context<? extends Resource> context) throws Exception {
            out = new FileWriter(path, true);
            System.out.println("afterRestore: journal reopened");
        }
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        Files.deleteIfExists(file);
        Journal journal = new Journal(file.toString());
        Core.getGlobalContext().register(journal);
        for (int i = 1; i <= 4; i++) {
            journal.append("entry " + i);
            System.out.println("wrote entry " + i);
            if (i == 2) {
                Core.checkpointRestore();
                System.out.println("checkpointRestore returned");
            }
        }
        journal.close();
        System.out.print(Files.readString(file));
    }
}
