package parley.client.terminal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import parley.client.connection.ConnectionListener;
import parley.client.connection.ConnectionState;
import parley.protocol.api.DeviceInfo;
import parley.protocol.frame.ServerFrame;
import parley.protocol.model.ChatMessage;
import parley.protocol.model.SystemEvent;
import parley.protocol.model.ChatPage;
import parley.protocol.model.ChatState;
import parley.protocol.model.ChatSummary;
import parley.protocol.model.MessagePage;

/**
 * The terminal chat: reads command lines, prints the conversation. Commands: {@code /open
 * <username>}, {@code /chats}, {@code /history [n]}, {@code /devices}, {@code /help},
 * {@code /quit}; any other line is sent to the selected chat. As the connection's listener it
 * prints incoming messages ({@code [chat with bob] #12 bob: text}), the ticks of my own, and
 * marks the selected chat read as its messages are printed.
 *
 * <p>Concurrency: {@link #handle} runs on the input thread, the listener methods on the SDK's
 * callback thread. Shared state is thread-safe ({@link ChatDirectory}, {@link TickBoard}, the
 * {@code selected} field is volatile, held messages are guarded by their map) and printing is
 * one synchronized line at a time. The input thread never holds a lock while it waits for an
 * answer, since the answer completes on the callback thread.
 */
public final class ChatRepl implements ConnectionListener {
    static final String HELP = """
            Commands:
              /open <username>  open the chat with a user and select it
              /chats            list my chats with unread counts
              /history [n]      show the last n messages of the selected chat (default 20)
              /devices          list my logged-in devices
              /help             this help
              /quit             leave
            Any other line is sent to the selected chat.""";
    private static final int HISTORY_DEFAULT = 20;
    private static final int OPEN_SHOWS = 10;

    private final ChatBackend backend;
    private final PrintWriter out;
    private final Duration timeout;
    private final ChatDirectory directory;
    private final TickBoard ticks = new TickBoard(500);
    private final Map<Long, List<ChatMessage>> awaitingName = new HashMap<>();
    private volatile ChatSummary selected;

    public ChatRepl(ChatBackend backend, PrintWriter out, Duration timeout) {
        this.backend = backend;
        this.out = out;
        this.timeout = timeout;
        this.directory = new ChatDirectory(backend.userId(), backend.username());
    }

    /** Reads lines until {@code /quit} or the end of input. */
    public void run(BufferedReader in) throws IOException {
        print("Logged in as " + backend.username() + ". Type /help for commands.");
        String line;
        while ((line = in.readLine()) != null) {
            if (!handle(line)) {
                return;
            }
        }
    }

    /** Handles one input line; false when the user asked to quit. */
    public boolean handle(String line) {
        String trimmed = line.strip();
        if (trimmed.isEmpty()) {
            return true;
        }
        if (!trimmed.startsWith("/")) {
            sendText(line);
            return true;
        }
        String[] words = trimmed.split("\\s+", 2);
        String argument = words.length > 1 ? words[1].strip() : "";
        try {
            switch (words[0]) {
                case "/quit", "/exit" -> {
                    return false;
                }
                case "/help" -> print(HELP);
                case "/open" -> open(argument);
                case "/chats" -> chats();
                case "/history" -> history(argument);
                case "/devices" -> devices();
                default -> print("Unknown command " + words[0] + ". Type /help.");
            }
        } catch (RuntimeException e) {
            print("! " + e.getMessage());
        }
        return true;
    }

    /** The chat lines are sent to, if any. */
    public ChatSummary selected() {
        return selected;
    }

    private void open(String username) {
        if (username.isEmpty() || username.contains(" ")) {
            print("Usage: /open <username>");
            return;
        }
        ChatSummary chat = await(backend.openChat(username));
        directory.learn(chat);
        selected = chat;
        print("Now in the " + directory.label(chat.chatId()) + (chat.unread() > 0 ? " (" + chat.unread() + " unread)" : "") + ".");
        showNewest(chat.chatId(), OPEN_SHOWS);
    }

    private void chats() {
        ChatPage page = await(backend.listChats(50));
        if (page.chats().isEmpty()) {
            print("No chats yet. /open <username> starts one.");
            return;
        }
        ChatSummary current = selected;
        for (ChatSummary chat : page.chats()) {
            directory.learn(chat);
            String marker = current != null && current.chatId() == chat.chatId() ? "*" : " ";
            String unread = chat.unread() > 0 ? "  (" + chat.unread() + " unread)" : "";
            String last = chat.lastMessage() == null ? "" : "  " + directory.name(chat.lastMessage().senderId())
                    + ": " + abbreviate(chat.lastMessage().text());
            print(marker + " " + directory.label(chat.chatId()) + unread + last);
        }
    }

    private void history(String argument) {
        ChatSummary chat = selected;
        if (chat == null) {
            print("No chat selected: /open <username> first.");
            return;
        }
        int count = HISTORY_DEFAULT;
        if (!argument.isEmpty()) {
            try {
                count = Integer.parseInt(argument);
            } catch (NumberFormatException e) {
                count = -1;
            }
            if (count < 1) {
                print("Usage: /history [n], n a positive number");
                return;
            }
        }
        showNewest(chat.chatId(), count);
    }

    private void devices() {
        for (DeviceInfo device : backend.devices().devices()) {
            print("  #" + device.deviceId() + " " + (device.name() == null ? "(unnamed)" : device.name())
                    + (device.current() ? "  (this device)" : ""));
        }
    }

    private void sendText(String text) {
        ChatSummary chat = selected;
        if (chat == null) {
            print("No chat selected: /open <username> first.");
            return;
        }
        CompletableFuture<ServerFrame.Ack> ack;
        try {
            ack = backend.send(chat.chatId(), text);
        } catch (RuntimeException e) {
            print("! not sent: " + e.getMessage());
            return;
        }
        ack.whenComplete((a, error) -> {
            if (error != null) {
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                print("! not sent (" + abbreviate(text) + "): " + cause.getMessage());
            }
        });
    }

    private void showNewest(long chatId, int count) {
        MessagePage page = await(backend.history(chatId, count));
        long last = 0;
        for (ChatMessage message : page.messages()) {
            print(format(message));
            last = message.seq();
        }
        if (last > 0) {
            backend.markRead(chatId, last);
        }
    }

    // ---- listener (the SDK's callback thread) ----

    @Override
    public void onMessage(ChatMessage message) {
        if (directory.knows(message.chatId())) {
            show(message);
            return;
        }
        boolean first;
        synchronized (awaitingName) {
            List<ChatMessage> waiting = awaitingName.computeIfAbsent(message.chatId(), id -> new ArrayList<>());
            first = waiting.isEmpty();
            waiting.add(message);
        }
        if (first) {
            backend.listChats(100).whenComplete((page, error) -> {
                if (page != null) {
                    page.chats().forEach(directory::learn);
                }
                List<ChatMessage> held;
                synchronized (awaitingName) {
                    held = awaitingName.remove(message.chatId());
                }
                if (held != null) {
                    held.forEach(this::show);
                }
            });
        }
    }

    @Override
    public void onWatermark(ServerFrame.Watermark watermark) {
        if (watermark.userId() != backend.userId()) {
            showTicks(watermark.chatId(), watermark.delivered(), watermark.read(), directory.name(watermark.userId()));
        }
    }

    @Override
    public void onChatState(ChatState state) {
        showTicks(state.chatId(), state.othersDelivered(), state.othersRead(), directory.others(state.chatId(), "them"));
    }

    @Override
    public void onStateChange(ConnectionState state) {
        switch (state) {
            case ONLINE -> print("* online");
            case OFFLINE -> print("* offline, reconnecting...");
            case CLOSED -> print("* connection closed");
            case CONNECTING -> {
            }
        }
    }

    @Override
    public void onError(ServerFrame.Error error) {
        print("! server: " + error.code().wire() + (error.message() == null ? "" : " (" + error.message() + ")"));
    }

    private void show(ChatMessage message) {
        print("[" + directory.label(message.chatId()) + "] " + format(message));
        if (message.senderId() == backend.userId()) {
            return;
        }
        ChatSummary current = selected;
        if (current != null && current.chatId() == message.chatId()) {
            backend.markRead(message.chatId(), message.seq());
        }
    }

    private String format(ChatMessage message) {
        if (message.event() != null) {
            SystemEvent event = message.event();
            return "#" + message.seq() + " * " + directory.name(event.actorId()) + " "
                    + event.type().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " "
                    + String.join(", ", event.targetIds().stream().map(directory::name).toList())
                    + (event.title() == null ? "" : " \"" + event.title() + "\"");
        }
        boolean mine = message.senderId() == backend.userId();
        if (mine) {
            ticks.sent(message.chatId(), message.seq());
        }
        return "#" + message.seq() + " " + directory.name(message.senderId()) + ": " + message.text() + (mine ? " ✓" : "");
    }

    private void showTicks(long chatId, long delivered, long read, String who) {
        for (TickBoard.Moved moved : ticks.advance(chatId, delivered, read)) {
            String range = moved.fromSeq() == moved.toSeq() ? "#" + moved.toSeq() : "#" + moved.fromSeq() + "-#" + moved.toSeq();
            String what = moved.tick() == TickBoard.Tick.READ ? "✓✓ read by " + who : "✓✓ delivered to " + who;
            print("[" + directory.label(chatId) + "] " + range + " " + what);
        }
    }

    private <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer within " + timeout.toSeconds() + "s (offline?)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    private void print(String text) {
        synchronized (out) {
            out.println(text);
            out.flush();
        }
    }

    private static String abbreviate(String text) {
        String line = text.replace('\n', ' ');
        return line.length() > 40 ? line.substring(0, 39) + "…" : line;
    }
}
