package dev.fetchcors.autoconfigure.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A bare HTTP/1.1 client over a socket: sends the request target and header lines exactly as given (no client
 * normalises a path or merges header lines here), and reads the status, every header line and the body.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /**
     * Sends one request with {@code Connection: close} and reads the whole response.
     *
     * @param port the server's port on loopback
     * @param method the method
     * @param target the request target, sent as is
     * @param headers alternating header names and values, each sent on its own line
     * @return the response
     */
    public static Response send(int port, String method, String target, String... headers) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head(port, method, target, true, headers).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return read(socket.getInputStream(), true);
        }
    }

    /**
     * Opens a connection that sends several requests one after the other, as a browser does over keep-alive: the
     * server sees one remote address for all of them.
     *
     * @param port the server's port on loopback
     * @return the connection
     */
    public static Connection connect(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        return new Connection(socket, port);
    }

    public static String head(int port, String method, String target, boolean close, String... headers) {
        StringBuilder request = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        request.append("Host: 127.0.0.1:").append(port).append("\r\n");
        for (int i = 0; i < headers.length; i += 2) {
            request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        if (close) {
            request.append("Connection: close\r\n");
        }
        return request.append("\r\n").toString();
    }

    /** A kept-alive connection: each request is answered before the next is sent. */
    public static final class Connection implements AutoCloseable {

        private final Socket socket;

        private final int port;

        /** Buffered, so that reading a response costs a few reads of the socket, not one per byte. */
        private final InputStream in;

        Connection(Socket socket, int port) throws IOException {
            this.socket = socket;
            this.port = port;
            this.in = new java.io.BufferedInputStream(socket.getInputStream());
        }

        /**
         * Sends a request with a body (none when {@code null}) and reads its response.
         *
         * @param method the method
         * @param target the request target
         * @param body the body, sent as UTF-8 with its Content-Length, or {@code null}
         * @param headers alternating header names and values
         * @return the response
         */
        public Response send(String method, String target, String body, String... headers) throws IOException {
            byte[] bytes = (body != null) ? body.getBytes(StandardCharsets.UTF_8) : new byte[0];
            String[] all = headers;
            if (body != null) {
                all = Arrays.copyOf(headers, headers.length + 2);
                all[headers.length] = "Content-Length";
                all[headers.length + 1] = Integer.toString(bytes.length);
            }
            OutputStream out = this.socket.getOutputStream();
            out.write(head(this.port, method, target, false, all).getBytes(StandardCharsets.ISO_8859_1));
            out.write(bytes);
            out.flush();
            return read(this.in, true);
        }

        @Override
        public void close() throws IOException {
            this.socket.close();
        }

    }

    /** Reads a response; with {@code toEnd}, the body is whatever follows until the connection closes. */
    public static Response read(InputStream in, boolean toEnd) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            throw new IOException("The server closed the connection without a response");
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        List<String[]> headers = new ArrayList<>();
        for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.add(new String[] { line.substring(0, colon).strip(), line.substring(colon + 1).strip() });
        }
        Response head = new Response(status, headers, "");
        if (!toEnd || status == 101 || status == 204 || status == 304) {
            return head;
        }
        byte[] body;
        String length = head.first("Content-Length");
        if ("chunked".equalsIgnoreCase(head.first("Transfer-Encoding"))) {
            ByteArrayOutputStream chunks = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line(in).split(";")[0].strip(), 16); size > 0;
                    size = Integer.parseInt(line(in).split(";")[0].strip(), 16)) {
                chunks.write(in.readNBytes(size));
                line(in);
            }
            // The trailer section, up to the empty line that ends the message on a kept-alive connection.
            for (String trailer = line(in); trailer != null && !trailer.isEmpty(); trailer = line(in)) {
                // No trailer is read.
            }
            body = chunks.toByteArray();
        }
        else if (length != null) {
            body = in.readNBytes(Integer.parseInt(length));
        }
        else {
            body = in.readAllBytes();
        }
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1; b = in.read()) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return (line.size() > 0) ? line.toString(StandardCharsets.ISO_8859_1) : null;
    }

    /**
     * A response: its status, every header line in order, and its body.
     *
     * @param status the status code
     * @param headers each header line as a name and a value
     * @param body the body, as UTF-8
     */
    public record Response(int status, List<String[]> headers, String body) {

        /** Every value of a header, one per line. */
        public List<String> all(String name) {
            return this.headers.stream().filter((h) -> h[0].equalsIgnoreCase(name)).map((h) -> h[1]).toList();
        }

        /** The first value of a header, or {@code null}. */
        public String first(String name) {
            List<String> all = all(name);
            return all.isEmpty() ? null : all.get(0);
        }

        /** The names of the {@code Access-Control-*} header lines, lower case, one per line. */
        public List<String> corsHeaderLines() {
            return this.headers.stream()
                .map((h) -> h[0].toLowerCase(Locale.ROOT))
                .filter((name) -> name.startsWith("access-control-"))
                .toList();
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder().append(this.status);
            this.headers.forEach((h) -> text.append(" | ").append(h[0]).append(": ").append(h[1]));
            return text.append(" | ").append(this.body.length() > 200 ? this.body.substring(0, 200) : this.body)
                .toString();
        }

    }

}
