package parley.it.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import parley.it.kit.HttpProbe;
import parley.it.kit.MediaSamples;
import parley.protocol.JsonCodec;
import parley.protocol.api.LoginResponse;
import parley.protocol.api.UploadStatus;
import parley.protocol.model.MediaRef;

/**
 * Attack 9, turned around: the idle timer must not cut requests that are still working. With a
 * one-second heartbeat (an idle limit of 3 s), a chunk uploaded and a file downloaded over several
 * times that long, at a steady slow pace, arrive whole; an idle keep-alive connection is still
 * closed. The node stays healthy meanwhile and a bystander keeps chatting (at least once a second,
 * or its own WebSocket would rightly be closed as silent).
 */
class SlowTransferAbuseIT {
    private static final JsonCodec CODEC = new JsonCodec();
    private static final int SIZE = 8 * 1024 * 1024;
    /** Bytes a second: an 8 MiB chunk then takes about 10 s, three times the idle limit. */
    private static final int PACE = 800 * 1024;

    @Test
    void aSlowUploadAndASlowDownloadAreNotCutAsIdle() throws Exception {
        try (AbuseNode node = AbuseNode.start(Map.of("gateway.heartbeat-seconds", "1"));
             Bystander bystander = new Bystander(node)) {
            HttpProbe http = node.probe();
            LoginResponse carol = http.newUser("carol");
            byte[] file = MediaSamples.pdf(SIZE, 7);
            HttpProbe.Answer created = http.call("POST", "/api/media/uploads",
                    "{\"size\":" + SIZE + ",\"name\":\"report.pdf\",\"type\":\"application/pdf\"}", carol.token());
            assertThat(created.status()).as("%s", created).isIn(200, 201);
            UploadStatus upload = CODEC.read(created.body().getBytes(StandardCharsets.UTF_8), UploadStatus.class);
            assertThat(upload.chunkBytes()).isGreaterThanOrEqualTo(SIZE);

            String answer;
            try (Socket socket = socket(node.port(), 1024 * 1024)) {
                OutputStream out = socket.getOutputStream();
                out.write(("PUT /api/media/uploads/" + upload.uploadId() + "?offset=0 HTTP/1.1\r\nHost: parley\r\n"
                        + "Authorization: Bearer " + carol.token() + "\r\nContent-Length: " + SIZE
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                paced(file, out, bystander);
                answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            }
            bystander.sendAndAwaitAck(); // with a one-second heartbeat, the bystander keeps talking
            assertThat(answer).as("the slow chunk's answer").startsWith("HTTP/1.1 200").contains("\"offset\":" + SIZE);

            HttpProbe.Answer completed = http.call("POST", "/api/media/uploads/" + upload.uploadId() + "/complete",
                    null, carol.token());
            assertThat(completed.status()).as("%s", completed).isEqualTo(200);
            bystander.sendAndAwaitAck();
            MediaRef media = CODEC.read(completed.body().getBytes(StandardCharsets.UTF_8), MediaRef.class);

            byte[] downloaded;
            try (Socket socket = socket(node.port(), 16 * 1024)) {
                socket.getOutputStream().write(("GET /api/media/" + media.mediaId() + " HTTP/1.1\r\nHost: parley\r\n"
                        + "Authorization: Bearer " + carol.token() + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                downloaded = body(pacedRead(socket.getInputStream(), bystander));
            }
            assertThat(downloaded.length).as("bytes of the slow download").isEqualTo(SIZE);
            assertThat(Arrays.equals(downloaded, file)).isTrue();

            try (Socket idle = socket(node.port(), 16 * 1024)) {
                idle.setSoTimeout(500);
                long start = System.nanoTime();
                int read = 0;
                while (System.nanoTime() - start < 20_000_000_000L) {
                    try {
                        read = idle.getInputStream().read();
                        break;
                    } catch (java.net.SocketTimeoutException e) {
                        bystander.pingAndAwaitPong(); // the bystander's own WebSocket must not fall silent
                    }
                }
                assertThat(read).as("an idle connection is closed").isEqualTo(-1);
                assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(2_000);
            }
            assertThat(node.isAlive()).isTrue();
            assertThat(node.healthy()).isTrue();
            bystander.isServed();
            bystander.nothingAckedIsLost();
        }
    }

    private static Socket socket(int port, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(receiveBuffer);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout(60_000);
        return socket;
    }

    /** Writes the bytes at {@link #PACE}, a tenth of a second's worth at a time. */
    private static void paced(byte[] bytes, OutputStream out, Bystander bystander) throws Exception {
        int step = PACE / 10;
        for (int at = 0; at < bytes.length; at += step) {
            out.write(bytes, at, Math.min(step, bytes.length - at));
            out.flush();
            Thread.sleep(100);
            if (at % (step * 5) == 0) {
                bystander.sendAndAwaitAck();
            }
        }
    }

    /** Reads everything at about {@link #PACE}. */
    private static byte[] pacedRead(InputStream in, Bystander bystander) throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[PACE / 10];
        int steps = 0;
        while (true) {
            int n = in.readNBytes(buffer, 0, buffer.length);
            if (n <= 0) {
                break;
            }
            all.write(buffer, 0, n);
            Thread.sleep(100);
            if (++steps % 5 == 0) {
                bystander.sendAndAwaitAck();
            }
        }
        return all.toByteArray();
    }

    private static byte[] body(byte[] response) {
        for (int i = 0; i + 3 < response.length; i++) {
            if (response[i] == '\r' && response[i + 1] == '\n' && response[i + 2] == '\r' && response[i + 3] == '\n') {
                String head = new String(response, 0, i, StandardCharsets.US_ASCII);
                assertThat(head).startsWith("HTTP/1.1 200");
                return Arrays.copyOfRange(response, i + 4, response.length);
            }
        }
        throw new AssertionError("no HTTP head in " + response.length + " bytes");
    }
}
