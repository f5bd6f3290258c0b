package parley.it.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import parley.it.kit.HttpProbe;
import parley.it.kit.RawSocket;
import parley.protocol.JsonCodec;
import parley.protocol.api.LoginResponse;
import parley.protocol.frame.ServerFrame;
import parley.protocol.model.ChatMessage;
import parley.protocol.model.MessagePage;

/**
 * An ordinary user who keeps chatting while someone attacks the node: Alice sends to Bob over a
 * WebSocket and waits for each ack; her API calls must keep being answered; and at the end every
 * message the node acked must be in Bob's history exactly once, in order. Made before the attack,
 * so its own logins and sockets are not refused by the limits the attack trips. Alice's socket
 * pings on its own every few seconds, as every client does, so a quiet spell in a test does not
 * end it as idle. Methods are called from one test thread.
 */
final class Bystander implements AutoCloseable {
    private static final JsonCodec CODEC = new JsonCodec();

    /**
     * How often {@link #isServed} may be called: its ping is a heartbeat, and a node drops pings far
     * more frequent than the heartbeat interval (default 5 s) without an answer.
     */
    static final long SERVED_EVERY_MILLIS = 3_000;

    private final AbuseNode node;
    private final LoginResponse alice;
    private final LoginResponse bob;
    private final long chatId;
    private final RawSocket socket;
    private final List<ServerFrame.Ack> acked = new ArrayList<>();
    private final List<Long> ackMillis = new ArrayList<>();
    /** Half the default heartbeat (5 s), with a margin. */
    private static final long PING_SPACING_MILLIS = 3000;
    /** Under the default heartbeat of 5 s. */
    private static final long KEEP_ALIVE_MILLIS = 4000;
    private final java.util.concurrent.ScheduledExecutorService keepAlive =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().unstarted(r));
    private long lastPing = System.nanoTime() - PING_SPACING_MILLIS * 1_000_000;

    Bystander(AbuseNode node) {
        this.node = node;
        HttpProbe http = node.probe();
        alice = http.newUser("alice");
        bob = http.newUser("bob");
        chatId = http.openChat(alice.token(), bob.username());
        socket = RawSocket.connect(node.ws(), alice.token());
        socket.next(ServerFrame.Ready.class);
        keepAlive.scheduleWithFixedDelay(this::keepAlive, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** A heartbeat when no ping went out lately; its pong is skipped by the waits below. */
    private synchronized void keepAlive() {
        if ((System.nanoTime() - lastPing) / 1_000_000 >= KEEP_ALIVE_MILLIS) {
            lastPing = System.nanoTime();
            socket.send("{\"type\":\"ping\",\"ref\":\"keep-alive\"}");
        }
    }

    private synchronized void sendFrame(String frame) {
        socket.send(frame);
    }

    /** Sends one message and waits for its ack; returns how long the ack took, in milliseconds. */
    long sendAndAwaitAck() {
        String id = UUID.randomUUID().toString();
        long start = System.nanoTime();
        sendFrame("{\"type\":\"send\",\"clientMsgId\":\"" + id + "\",\"chatId\":" + chatId
                + ",\"text\":\"still here " + acked.size() + "\"}");
        ServerFrame answer = socket.next(ServerFrame.class, f -> f instanceof ServerFrame.Ack a
                ? a.clientMsgId().toString().equals(id) : f instanceof ServerFrame.Error e && id.equals(e.ref()));
        if (!(answer instanceof ServerFrame.Ack ack)) {
            throw new AssertionError("the bystander's send was refused: " + answer);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        acked.add(ack);
        ackMillis.add(millis);
        return millis;
    }

    /**
     * Pings over the WebSocket and waits for the pong: the connection is served. The node answers
     * at most one ping per half heartbeat (faster ones are dropped unanswered), so this first waits
     * until {@link #PING_SPACING_MILLIS} have passed since the previous ping.
     */
    void pingAndAwaitPong() {
        String ref = "p" + UUID.randomUUID();
        synchronized (this) {
            long since = (System.nanoTime() - lastPing) / 1_000_000;
            if (since < PING_SPACING_MILLIS) {
                try {
                    Thread.sleep(PING_SPACING_MILLIS - since);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            lastPing = System.nanoTime();
            socket.send("{\"type\":\"ping\",\"ref\":\"" + ref + "\"}");
        }
        socket.next(ServerFrame.Pong.class, p -> ref.equals(p.ref()));
    }

    /** An API read of Alice's: it must be answered 200. */
    void apiAnswers() {
        HttpProbe.Answer me = node.probe().call("GET", "/api/me", null, alice.token());
        assertThat(me.status()).as("GET /api/me of a bystander during the attack: %s", me).isEqualTo(200);
    }

    /** Does all three: an ack, a pong and an API answer. At most every {@link #SERVED_EVERY_MILLIS}. */
    void isServed() {
        sendAndAwaitAck();
        pingAndAwaitPong();
        apiAnswers();
    }

    List<Long> ackMillis() {
        return List.copyOf(ackMillis);
    }

    /** Every acked message is in Bob's history once, at its acked seq, in order. */
    void nothingAckedIsLost() {
        HttpProbe.Answer page = node.probe().call("GET", "/api/chats/" + chatId + "/messages?limit=500", null,
                bob.token());
        assertThat(page.status()).as("history: %s", page).isEqualTo(200);
        List<ChatMessage> messages = CODEC.read(page.body(), MessagePage.class).messages();
        Map<java.util.UUID, Long> seqByClientId = new java.util.HashMap<>();
        for (ChatMessage m : messages) {
            assertThat(seqByClientId.put(m.clientMsgId(), m.seq())).as("stored twice: %s", m.clientMsgId()).isNull();
        }
        for (ServerFrame.Ack ack : acked) {
            assertThat(seqByClientId.get(ack.clientMsgId())).as("acked message %s", ack.clientMsgId())
                    .isEqualTo(ack.seq());
        }
    }

    long chatId() {
        return chatId;
    }

    LoginResponse alice() {
        return alice;
    }

    LoginResponse bob() {
        return bob;
    }

    @Override
    public void close() {
        keepAlive.shutdownNow();
        socket.close();
    }
}
