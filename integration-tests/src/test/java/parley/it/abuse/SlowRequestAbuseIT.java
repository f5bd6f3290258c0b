package parley.it.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Slow requests (a "slowloris"): connections that dribble a request's head, or its body, a byte at a
 * time. Bytes keep moving, so the idle timer never fires; the node cuts them itself: a head not
 * complete within 20 s, a body under 1 KiB a second after 10 s. Each gets {@code 408} (or, if it
 * does not read, just the close); the node stays healthy and a bystander keeps chatting.
 */
class SlowRequestAbuseIT {
    private static final int EACH = 15;
    private static final long DRIBBLE_MILLIS = 500;
    private static final long LIMIT_MILLIS = 60_000;

    @Test
    void dribbledHeadsAndBodiesAreCutWhileOthersAreServed() throws Exception {
        try (AbuseNode node = AbuseNode.start(); Bystander bystander = new Bystander(node)) {
            List<Socket> heads = new ArrayList<>();
            List<Socket> bodies = new ArrayList<>();
            for (int i = 0; i < EACH; i++) {
                heads.add(Flood.connect(node.port()));
                Socket body = Flood.connect(node.port());
                body.getOutputStream().write(("POST /api/register HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 4000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                bodies.add(body);
            }
            byte[] head = "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Pad: ".getBytes(StandardCharsets.US_ASCII);
            long started = System.currentTimeMillis();
            int step = 0;
            long lastServed = 0;
            while (System.currentTimeMillis() - started < LIMIT_MILLIS && !allClosed(heads, bodies)) {
                for (Socket socket : heads) {
                    dribble(socket, step < head.length ? head[step] : (byte) 'a');
                }
                for (Socket socket : bodies) {
                    dribble(socket, (byte) ' ');
                }
                step++;
                if (System.currentTimeMillis() - lastServed > 3000) {
                    bystander.isServed();
                    lastServed = System.currentTimeMillis();
                }
                Thread.sleep(DRIBBLE_MILLIS);
            }
            long took = System.currentTimeMillis() - started;
            System.out.printf("slow requests: all %d cut: %s, after %d ms%n", 2 * EACH, allClosed(heads, bodies), took);
            assertThat(allClosed(heads, bodies)).as("every dribbling connection cut by the node within %d s",
                    LIMIT_MILLIS / 1000).isTrue();
            assertThat(bodies.stream().map(SlowRequestAbuseIT::answer)).as("the refusals").allMatch(a -> a.contains(" 408 "));
            assertThat(node.isAlive()).isTrue();
            assertThat(node.healthy()).isTrue();
            bystander.isServed();
            bystander.nothingAckedIsLost();
            for (Socket socket : heads) {
                socket.close();
            }
            for (Socket socket : bodies) {
                socket.close();
            }
        }
    }

    private static void dribble(Socket socket, byte b) {
        // once the node answered (or closed), stop: a write after its close would reset the
        // connection and lose the answer
        if (socket.isClosed() || endSeen(socket) || READ.containsKey(socket)) {
            return;
        }
        try {
            OutputStream out = socket.getOutputStream();
            out.write(b);
            out.flush();
        } catch (IOException e) {
            closeQuietly(socket);
        }
    }

    /** True once the node closed every one of them (a read sees the end, or a write failed). */
    private static boolean allClosed(List<Socket> heads, List<Socket> bodies) {
        return closedByNode(heads) && closedByNode(bodies);
    }

    private static boolean closedByNode(List<Socket> sockets) {
        for (Socket socket : sockets) {
            if (!socket.isClosed() && !endSeen(socket)) {
                return false;
            }
        }
        return true;
    }

    private static final java.util.Map<Socket, StringBuilder> READ = new java.util.concurrent.ConcurrentHashMap<>();

    // reads what is there without waiting; the end of the stream means the node closed it
    private static boolean endSeen(Socket socket) {
        try {
            socket.setSoTimeout(1);
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            int n;
            while ((n = in.read(buffer)) > 0) {
                READ.computeIfAbsent(socket, s -> new StringBuilder()).append(new String(buffer, 0, n,
                        StandardCharsets.US_ASCII));
            }
            return n < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static String answer(Socket socket) {
        endSeen(socket);
        return READ.getOrDefault(socket, new StringBuilder()).toString();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }
}
