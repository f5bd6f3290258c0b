package parley.bench.abuse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The attacks of the abuse scenario, by the name {@code --attacks} takes. */
enum AttackKind {
    PIPELINED_HEALTHZ("pipelined-healthz", "pipelined GET /healthz on one raw TCP connection that never reads its answers"),
    PING_FLOOD("ping-flood", "WebSocket pings (control frames) flooded before logging in, on a connection that never reads"),
    LOGIN_FLOOD("login-flood", "wrong-password logins with junk usernames, from many requests at once"),
    POLL_SESSIONS("poll-sessions", "long-poll sessions opened in bulk by one device and never polled"),
    JPEG_BOMB("jpeg-bomb", "progressive-JPEG bombs (thousands of scans) uploaded and completed at once"),
    SEND_FLOOD_WS("send-flood-ws", "one client sending as fast as it can on a WebSocket"),
    SEND_FLOOD_POLL("send-flood-poll", "one client sending as fast as it can over long polling"),
    GROUP_FLOOD("group-flood", "one user creating many large groups"),
    CONNECTION_FLOOD("connection-flood", "thousands of idle TCP connections from one address"),
    SLOW_UPLOAD("slow-upload", "upload chunks (and create-upload bodies) dribbled a byte at a time");

    private final String wire;
    private final String description;

    AttackKind(String wire, String description) {
        this.wire = wire;
        this.description = description;
    }

    String wire() {
        return wire;
    }

    String description() {
        return description;
    }

    Attack create(AttackSetup setup) {
        return switch (this) {
            case PIPELINED_HEALTHZ -> new RawFlood(setup.net(), new byte[0],
                    setup.net().head("GET", "/healthz", null, -1, null).getBytes(StandardCharsets.ISO_8859_1), "requests",
                    "HTTP/1.1 ".getBytes(StandardCharsets.ISO_8859_1));
            case PING_FLOOD -> new RawFlood(setup.net(), upgrade(setup.net()), pingFrame(), "pings",
                    new byte[] {(byte) 0x8A, 125});
            case LOGIN_FLOOD -> new LoginFlood(setup);
            case POLL_SESSIONS -> new PollSessionFlood(setup);
            case JPEG_BOMB -> new JpegBombs(setup);
            case SEND_FLOOD_WS -> new SendFloodWebSocket(setup);
            case SEND_FLOOD_POLL -> new SendFloodLongPoll(setup);
            case GROUP_FLOOD -> new GroupFlood(setup);
            case CONNECTION_FLOOD -> new ConnectionFlood(setup);
            case SLOW_UPLOAD -> new SlowUploads(setup);
        };
    }

    /** "all", or names separated by commas; unknown names are an error that lists the known ones. */
    static List<AttackKind> parse(String list) {
        if (list.isBlank() || list.strip().equalsIgnoreCase("all")) {
            return List.of(values());
        }
        List<AttackKind> kinds = new ArrayList<>();
        for (String name : list.split(",")) {
            String wanted = name.strip().toLowerCase(Locale.ROOT);
            AttackKind kind = Arrays.stream(values()).filter(k -> k.wire.equals(wanted)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown attack '" + wanted + "'; known: all, "
                            + String.join(", ", Arrays.stream(values()).map(AttackKind::wire).toList())));
            if (!kinds.contains(kind)) {
                kinds.add(kind);
            }
        }
        return kinds;
    }

    /** The WebSocket upgrade without a token: the connection is not logged in. */
    private static byte[] upgrade(AttackerNet net) {
        return ("GET /ws HTTP/1.1\r\nHost: " + net.hostHeader() + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: cGFybGV5LWFidXNlLWtleQ==\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Protocol: parley.v1\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A masked WebSocket ping with the largest payload a control frame may carry (125 bytes). */
    private static byte[] pingFrame() {
        byte[] mask = {0x37, (byte) 0xfa, 0x21, 0x3d};
        byte[] frame = new byte[2 + 4 + 125];
        frame[0] = (byte) 0x89;
        frame[1] = (byte) (0x80 | 125);
        System.arraycopy(mask, 0, frame, 2, 4);
        for (int i = 0; i < 125; i++) {
            frame[6 + i] = (byte) ('p' ^ mask[i % 4]);
        }
        return frame;
    }
}
