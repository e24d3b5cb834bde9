package dev.fetchcors.autoconfigure.origins;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on loopback in front of a server, whose open connections can be made to stop passing bytes while new
 * ones pass: a network path that drops silently under a connection a pool holds, which no error ends, only a timeout.
 */
final class StallingProxy implements AutoCloseable {

    private final ServerSocket server;

    private final int target;

    private final List<Link> links = new CopyOnWriteArrayList<>();

    private StallingProxy(ServerSocket server, int target) {
        this.server = server;
        this.target = target;
    }

    /** A proxy to the given port of loopback, on a free port of its own. */
    static StallingProxy to(int target) throws IOException {
        StallingProxy proxy = new StallingProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), target);
        Thread acceptor = new Thread(proxy::accept, "stalling-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
        return proxy;
    }

    int port() {
        return this.server.getLocalPort();
    }

    /** The connections open now pass nothing more, either way; later ones pass as usual. */
    void stallOpenConnections() {
        for (Link link : this.links) {
            link.stalled = true;
        }
    }

    private void accept() {
        while (!this.server.isClosed()) {
            try {
                Socket client = this.server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), this.target);
                Link link = new Link(client, upstream);
                this.links.add(link);
                link.pump(client, upstream);
                link.pump(upstream, client);
            }
            catch (IOException ex) {
                // Closed, or the server is down: the client sees its connection fail.
            }
        }
    }

    @Override
    public void close() throws IOException {
        this.server.close();
        for (Link link : this.links) {
            link.close();
        }
    }

    /** One proxied connection. */
    private static final class Link {

        private final Socket client;

        private final Socket upstream;

        volatile boolean stalled;

        Link(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void pump(Socket from, Socket to) {
            Thread thread = new Thread(() -> {
                byte[] buffer = new byte[8192];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                        // Stalled: what was read is held, never written, as a dropped path loses it.
                        while (this.stalled && !from.isClosed()) {
                            Thread.sleep(10);
                        }
                        if (this.stalled) {
                            return;
                        }
                        out.write(buffer, 0, read);
                        out.flush();
                    }
                }
                catch (IOException | InterruptedException ex) {
                    // The other side closed.
                }
                finally {
                    if (!this.stalled) {
                        close();
                    }
                }
            }, "stalling-proxy-pump");
            thread.setDaemon(true);
            thread.start();
        }

        void close() {
            try {
                this.client.close();
            }
            catch (IOException ex) {
                // Closed already.
            }
            try {
                this.upstream.close();
            }
            catch (IOException ex) {
                // Closed already.
            }
        }

    }

}
