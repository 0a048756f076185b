package e2e.resources;

import dev.stasis.CheckpointListener;
import dev.stasis.Stasis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

/**
 * A service with a connection (it holds a socket, which cannot be checkpointed) and a cache, both
 * declared with {@code transient=e2e.resources.TransientFields$Connection;e2e.resources.TransientFields$Service.cache}:
 * they are written as null, and the application's listener re-creates them after the restore.
 * The rest of the service (its counter, its name) is restored as usual.
 */
public final class TransientFields {

    /** Stands for a database connection: bound to this process. */
    static final class Connection {
        final String name;
        final ServerSocket socket;

        Connection(String name) {
            this.name = name;
            try {
                this.socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static final class Service {
        final String name = "pricing";
        Connection connection = new Connection("first connection");
        Map<String, Integer> cache = new HashMap<>();
        int served;

        int price(String item) {
            served++;
            return cache.computeIfAbsent(item, i -> i.length() * 10);
        }
    }

    public static void main(String[] args) {
        Service service = new Service();
        Stasis.addListener(new CheckpointListener() {
            @Override
            public void afterRestore() {
                System.out.println("afterRestore: connection " + (service.connection == null ? "null" : "kept")
                        + ", cache " + (service.cache == null ? "null" : "kept"));
                if (service.connection == null) {
                    service.connection = new Connection("reconnected");
                }
                if (service.cache == null) {
                    service.cache = new HashMap<>();
                }
            }
        });
        System.out.println("apple " + service.price("apple") + ", pear " + service.price("pear") + ", cached "
                + service.cache.size());
        Stasis.checkpoint();
        System.out.println(service.name + " via " + service.connection.name + ": fig " + service.price("fig")
                + ", served " + service.served + ", cached " + service.cache.size());
    }
}
