package e2e.resources;

import dev.stasis.Stasis;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * A server socket held by an application object when a checkpoint is asked for, with no listener
 * to close it: the checkpoint must fail with a message naming the path to the socket, and the
 * program goes on.
 */
public final class OpenSocket {

    /** Holds the socket two references away from the frame, so the path has something to show. */
    static final class Server {
        final Listener listener;

        Server(ServerSocket socket) {
            this.listener = new Listener(socket);
        }
    }

    static final class Listener {
        final ServerSocket socket;

        Listener(ServerSocket socket) {
            this.socket = socket;
        }
    }

    public static void main(String[] args) throws IOException {
        Server server = open();
        System.out.println("listening");
        Stasis.checkpoint();
        System.out.println("still listening: " + !server.listener.socket.isClosed());
        server.listener.socket.close();
    }

    private static Server open() throws IOException {
        return new Server(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
    }
}
