package parley.client.connection;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A minimal RFC 6455 server on the loopback interface, enough to check the JDK transport:
 * the upgrade (or a refusal with a status), text frames both ways (client frames masked, long
 * lengths, continuation), and close frames with a reason.
 */
final class MiniWebSocketServer implements AutoCloseable {
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final ServerSocket server;
    private final BlockingQueue<Peer> peers = new LinkedBlockingQueue<>();
    private volatile int refuseWith;

    MiniWebSocketServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("mini-ws-accept").start(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Answers the next upgrades with this HTTP status instead of 101 (0 to accept). */
    void refuseWith(int status) {
        refuseWith = status;
    }

    Peer nextPeer() throws InterruptedException {
        Peer peer = peers.poll(5, TimeUnit.SECONDS);
        if (peer == null) {
            throw new AssertionError("no client connected within 5 s");
        }
        return peer;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread.ofPlatform().daemon().name("mini-ws-peer").start(() -> serve(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            Map<String, String> headers = readHeaders(in);
            if (refuseWith != 0) {
                out.write(("HTTP/1.1 " + refuseWith + " Refused\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                socket.close();
                return;
            }
            String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((headers.get("sec-websocket-key") + GUID).getBytes(StandardCharsets.US_ASCII)));
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept + "\r\nSec-WebSocket-Protocol: parley.v1\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Peer peer = new Peer(socket, headers);
            peers.add(peer);
            peer.readLoop();
        } catch (IOException | NoSuchAlgorithmException e) {
            // the test ended the connection
        }
    }

    private static Map<String, String> readHeaders(InputStream in) throws IOException {
        Map<String, String> headers = new HashMap<>();
        String line;
        boolean first = true;
        while (!(line = readLine(in)).isEmpty()) {
            if (first) {
                headers.put(":request", line);
                first = false;
                continue;
            }
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        return headers;
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    /** One connected client. */
    static final class Peer {
        final Map<String, String> headers;
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        volatile boolean clientClosed;
        private final Socket socket;
        private final OutputStream out;

        Peer(Socket socket, Map<String, String> headers) throws IOException {
            this.socket = socket;
            this.headers = headers;
            this.out = socket.getOutputStream();
        }

        String receive() throws InterruptedException {
            String text = received.poll(5, TimeUnit.SECONDS);
            if (text == null) {
                throw new AssertionError("the client sent nothing within 5 s");
            }
            return text;
        }

        synchronized void send(String text) throws IOException {
            writeFrame(0x1, text.getBytes(StandardCharsets.UTF_8));
        }

        synchronized void closeWith(int code, String reason) throws IOException {
            byte[] why = reason.getBytes(StandardCharsets.UTF_8);
            byte[] payload = new byte[2 + why.length];
            payload[0] = (byte) (code >> 8);
            payload[1] = (byte) code;
            System.arraycopy(why, 0, payload, 2, why.length);
            writeFrame(0x8, payload);
        }

        void drop() throws IOException {
            socket.close();
        }

        private void writeFrame(int opcode, byte[] payload) throws IOException {
            out.write(0x80 | opcode);
            if (payload.length < 126) {
                out.write(payload.length);
            } else if (payload.length < 65536) {
                out.write(126);
                out.write(payload.length >> 8);
                out.write(payload.length);
            } else {
                out.write(127);
                long length = payload.length;
                for (int shift = 56; shift >= 0; shift -= 8) {
                    out.write((int) (length >> shift));
                }
            }
            out.write(payload);
            out.flush();
        }

        private void readLoop() throws IOException {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            ByteArrayOutputStream message = new ByteArrayOutputStream();
            while (true) {
                int b0 = in.readUnsignedByte();
                int b1 = in.readUnsignedByte();
                long length = b1 & 0x7F;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                byte[] mask = new byte[4];
                if ((b1 & 0x80) != 0) {
                    in.readFully(mask);
                }
                byte[] payload = new byte[(int) length];
                in.readFully(payload);
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i % 4];
                }
                int opcode = b0 & 0x0F;
                if (opcode == 0x8) {
                    clientClosed = true;
                    synchronized (this) {
                        writeFrame(0x8, payload.length >= 2 ? new byte[] {payload[0], payload[1]} : new byte[0]);
                    }
                    socket.close();
                    return;
                }
                if (opcode == 0x1 || opcode == 0x0) {
                    message.write(payload);
                    if ((b0 & 0x80) != 0) {
                        received.add(message.toString(StandardCharsets.UTF_8));
                        message.reset();
                    }
                }
            }
        }
    }
}
