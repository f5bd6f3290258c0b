package parley.it.kit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import parley.client.ParleyClient;
import parley.client.connection.ConnectionListener;
import parley.client.connection.ConnectionState;
import parley.client.connection.ParleyConnection;
import parley.protocol.api.LoginResponse;
import parley.protocol.frame.ServerFrame;
import parley.protocol.model.ChatMessage;

/**
 * One logged-in device of a test user, connected through the SDK, recording everything the SDK
 * hands the application, so that a test reads like what a user sees: the messages of each chat
 * in order, the acks (single ticks) and the watermarks (double and blue ticks).
 */
public final class TestDevice implements AutoCloseable {
    public static final Duration WAIT = Duration.ofSeconds(60);

    private final LoginResponse login;
    private final ParleyConnection connection;
    private final Map<Long, List<ChatMessage>> messages = new ConcurrentHashMap<>();
    private final List<ServerFrame.Ack> acks = new CopyOnWriteArrayList<>();
    private final List<ServerFrame.Watermark> watermarks = new CopyOnWriteArrayList<>();
    private final List<ServerFrame.Error> errors = new CopyOnWriteArrayList<>();
    private final List<ConnectionState> states = new CopyOnWriteArrayList<>();
    private final List<ServerFrame.Presence> presences = new CopyOnWriteArrayList<>();
    private final List<ServerFrame.Typing> typings = new CopyOnWriteArrayList<>();

    private TestDevice(LoginResponse login, ParleyConnection connection) {
        this.login = login;
        this.connection = connection;
    }

    /** Connects a device and waits until it is online and resynced. */
    public static TestDevice connect(ParleyClient client, LoginResponse login) {
        return connect(client, login, Map.of());
    }

    /** Connects a device that already holds each chat up to the given seq. */
    public static TestDevice connect(ParleyClient client, LoginResponse login, Map<Long, Long> held) {
        return connect(login, client.newConnection(), held);
    }

    /** Connects a device over HTTP long polling instead of a WebSocket. */
    public static TestDevice connectLongPolling(ParleyClient client, LoginResponse login) {
        return connect(login, client.newLongPollConnection(), Map.of());
    }

    /** Connects a device through the given connection, holding each chat up to the given seq. */
    public static TestDevice connect(LoginResponse login, ParleyConnection connection, Map<Long, Long> held) {
        TestDevice device = new TestDevice(login, connection);
        try {
            device.connection.connect(login.token(), device.listener(), held).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("device did not come online", e);
        }
        return device;
    }

    private ConnectionListener listener() {
        return new ConnectionListener() {
            @Override
            public void onMessage(ChatMessage message) {
                messages.computeIfAbsent(message.chatId(), id -> new CopyOnWriteArrayList<>()).add(message);
            }

            @Override
            public void onAck(ServerFrame.Ack ack) {
                acks.add(ack);
            }

            @Override
            public void onWatermark(ServerFrame.Watermark watermark) {
                watermarks.add(watermark);
            }

            @Override
            public void onError(ServerFrame.Error error) {
                errors.add(error);
            }

            @Override
            public void onStateChange(ConnectionState state) {
                states.add(state);
            }

            @Override
            public void onPresence(ServerFrame.Presence presence) {
                presences.add(presence);
            }

            @Override
            public void onTyping(ServerFrame.Typing typing) {
                typings.add(typing);
            }
        };
    }

    public ParleyConnection connection() {
        return connection;
    }

    public LoginResponse login() {
        return login;
    }

    public long userId() {
        return login.userId();
    }

    /** The messages of a chat as this device shows them, in the order it got them. */
    public List<ChatMessage> messages(long chatId) {
        return new ArrayList<>(messages.getOrDefault(chatId, List.of()));
    }

    public List<ServerFrame.Watermark> watermarks() {
        return new ArrayList<>(watermarks);
    }

    public List<ServerFrame.Error> errors() {
        return new ArrayList<>(errors);
    }

    public List<ConnectionState> states() {
        return new ArrayList<>(states);
    }

    /** Every presence frame this device got, in order. */
    public List<ServerFrame.Presence> presences() {
        return new ArrayList<>(presences);
    }

    /** The presence frames this device got about one user, in order. */
    public List<ServerFrame.Presence> presencesOf(long userId) {
        return presences.stream().filter(p -> p.userId() == userId).toList();
    }

    /** Waits until the latest presence this device got about the user matches, and returns it. */
    public ServerFrame.Presence awaitPresence(long userId, java.util.function.Predicate<ServerFrame.Presence> matching,
                                              String what) {
        await(() -> !presencesOf(userId).isEmpty() && matching.test(presencesOf(userId).getLast()),
                "presence of user %d: %s; have %s", userId, what, presencesOf(userId));
        return presencesOf(userId).getLast();
    }

    /** Every typing frame this device got, in order. */
    public List<ServerFrame.Typing> typings() {
        return new ArrayList<>(typings);
    }

    /** Waits until the device shows at least {@code count} messages of the chat. */
    public List<ChatMessage> awaitMessages(long chatId, int count) {
        await(() -> messages(chatId).size() >= count, "%d messages in chat %d, have %d", count, chatId,
                messages(chatId).size());
        return messages(chatId);
    }

    /** Waits until some watermark of {@code userId} in the chat reaches these seqs. */
    public ServerFrame.Watermark awaitWatermark(long chatId, long userId, long delivered, long read) {
        await(() -> watermarks.stream().anyMatch(w -> w.chatId() == chatId && w.userId() == userId
                && w.delivered() >= delivered && w.read() >= read),
                "watermark of user %d in chat %d at delivered %d read %d; have %s", userId, chatId, delivered, read,
                watermarks);
        return watermarks.stream().filter(w -> w.chatId() == chatId && w.userId() == userId
                && w.delivered() >= delivered && w.read() >= read).findFirst().orElseThrow();
    }

    public static void await(BooleanSupplier condition, String what, Object... args) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + String.format(what, args));
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Override
    public void close() {
        connection.close();
    }
}
