package parley.server.cluster.redis;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import parley.protocol.ErrorCode;

/**
 * What the bus puts in Redis: channel names and message payloads. Pushes to user U travel on
 * {@code parley:user:<U>}; disconnects on {@code parley:control}, which every node subscribes to.
 * A payload starts with a format version and the publishing bus's origin id (random per bus
 * instance), so that a node can skip what it published itself: it handed that to its own sessions
 * directly.
 *
 * <pre>
 * delivery:   version 1 | origin (8 bytes) | the frame
 * disconnect: version 1 | origin (8 bytes) | device id (8 bytes) | the reason's wire code (UTF-8)
 * </pre>
 */
final class BusWire {
    private static final byte[] CONTROL = "parley:control".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] USER_PREFIX = "parley:user:".getBytes(StandardCharsets.US_ASCII);
    private static final byte VERSION = 1;
    private static final int HEADER = 1 + Long.BYTES;

    private BusWire() {
    }

    static byte[] controlChannel() {
        return CONTROL.clone();
    }

    static byte[] userChannel(long userId) {
        return ("parley:user:" + userId).getBytes(StandardCharsets.US_ASCII);
    }

    /** The user of a {@code parley:user:<U>} channel; empty for any other channel. */
    static Optional<Long> userOf(byte[] channel) {
        if (channel.length <= USER_PREFIX.length
                || !Arrays.equals(channel, 0, USER_PREFIX.length, USER_PREFIX, 0, USER_PREFIX.length)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(new String(channel, USER_PREFIX.length,
                    channel.length - USER_PREFIX.length, StandardCharsets.US_ASCII)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static boolean isControl(byte[] channel) {
        return Arrays.equals(channel, CONTROL);
    }

    static byte[] delivery(long origin, byte[] frame) {
        return ByteBuffer.allocate(HEADER + frame.length).put(VERSION).putLong(origin).put(frame).array();
    }

    static byte[] disconnect(long origin, long deviceId, ErrorCode reason) {
        byte[] code = reason.wire().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(HEADER + Long.BYTES + code.length).put(VERSION).putLong(origin).putLong(deviceId)
                .put(code).array();
    }

    /** The origin of a payload of a known version; empty for a payload this node cannot read. */
    static Optional<Long> originOf(byte[] payload) {
        if (payload.length < HEADER || payload[0] != VERSION) {
            return Optional.empty();
        }
        return Optional.of(ByteBuffer.wrap(payload, 1, Long.BYTES).getLong());
    }

    static byte[] frameOf(byte[] delivery) {
        return Arrays.copyOfRange(delivery, HEADER, delivery.length);
    }

    /** A disconnect's device and reason; empty if the payload is malformed or the code unknown. */
    static Optional<Disconnect> disconnectOf(byte[] payload) {
        if (payload.length < HEADER + Long.BYTES) {
            return Optional.empty();
        }
        long deviceId = ByteBuffer.wrap(payload, HEADER, Long.BYTES).getLong();
        String code = new String(payload, HEADER + Long.BYTES, payload.length - HEADER - Long.BYTES,
                StandardCharsets.UTF_8);
        try {
            return Optional.of(new Disconnect(deviceId, ErrorCode.fromWire(code)));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    record Disconnect(long deviceId, ErrorCode reason) {
    }
}
