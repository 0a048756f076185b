package e2e.heap;

import dev.stasis.Stasis;
import java.io.InputStream;
import java.io.PrintStream;

/**
 * System.out, System.err and System.in kept in fields and locals are the restored JVM's own
 * streams: printing through them after the restore reaches the new JVM's stdout and stderr.
 */
public final class SystemStreams {

    static PrintStream out = System.out;

    final PrintStream err;

    SystemStreams(PrintStream err) {
        this.err = err;
    }

    public static void main(String[] args) {
        PrintStream local = System.out;
        InputStream in = System.in;
        SystemStreams holder = new SystemStreams(System.err);
        local.println("before via local");
        out.println("before via field");
        Stasis.checkpoint();
        local.println("after via local");
        out.println("after via field");
        holder.err.println("after via field, to stderr");
        System.out.println("identity: " + (local == System.out) + " " + (out == System.out) + " "
                + (holder.err == System.err) + " " + (in == System.in));
    }
}
