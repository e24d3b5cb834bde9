package dev.fetchcors.autoconfigure.http;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client written out (RFC 6455): the handshake's header lines exactly as given, then masked text
 * frames out and text frames in, so a test sees the server's answer to the handshake itself.
 */
public final class RawWebSocket implements AutoCloseable {

    private final Socket socket;

    private final RawHttp.Response handshake;

    private RawWebSocket(Socket socket, RawHttp.Response handshake) {
        this.socket = socket;
        this.handshake = handshake;
    }

    /**
     * Sends a handshake and reads the answer; the connection stays open when it is 101.
     *
     * @param port the server's port on loopback
     * @param path the request target
     * @param origin the Origin header, or {@code null} for none
     * @param extraHeaders more header lines, as alternating names and values
     * @return the connection
     */
    public static RawWebSocket open(int port, String path, String origin, String... extraHeaders) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        List<String> headers = new ArrayList<>(List.of("Upgrade", "websocket", "Connection", "Upgrade",
                "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version", "13"));
        if (origin != null) {
            headers.add("Origin");
            headers.add(origin);
        }
        headers.addAll(List.of(extraHeaders));
        OutputStream out = socket.getOutputStream();
        out.write(RawHttp.head(port, "GET", path, false, headers.toArray(String[]::new))
            .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return new RawWebSocket(socket, RawHttp.read(socket.getInputStream(), false));
    }

    /** The server's answer to the handshake. */
    public RawHttp.Response handshake() {
        return this.handshake;
    }

    /** The status of the handshake's answer: 101 when the socket is open. */
    public int status() {
        return this.handshake.status();
    }

    /** Sends a text message in one masked frame, as a client must. */
    public void send(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x81);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        }
        else {
            frame.write(0x80 | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length & 0xFF);
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        this.socket.getOutputStream().write(frame.toByteArray());
        this.socket.getOutputStream().flush();
    }

    /** Reads the next text message (one unfragmented frame), skipping pings. */
    public String receive() throws IOException {
        DataInputStream in = new DataInputStream(this.socket.getInputStream());
        while (true) {
            int first = in.readUnsignedByte();
            int second = in.readUnsignedByte();
            long length = second & 0x7F;
            if (length == 126) {
                length = in.readUnsignedShort();
            }
            else if (length == 127) {
                length = in.readLong();
            }
            byte[] payload = new byte[(int) length];
            in.readFully(payload);
            int opcode = first & 0x0F;
            if (opcode == 0x1) {
                return new String(payload, StandardCharsets.UTF_8);
            }
            if (opcode == 0x8) {
                throw new IOException("The server closed the socket");
            }
        }
    }

    /** Whatever the server sent after the handshake, for a failed one. */
    public static String rest(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        this.socket.close();
    }

}
