package parley.client.terminal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import parley.client.ParleyException;
import parley.protocol.ErrorCode;
import parley.protocol.api.DeviceInfo;
import parley.protocol.api.DeviceList;
import parley.protocol.frame.ServerFrame;
import parley.protocol.model.ChatKind;
import parley.protocol.model.ChatMessage;
import parley.protocol.model.ChatPage;
import parley.protocol.model.ChatState;
import parley.protocol.model.ChatSummary;
import parley.protocol.model.MessageKind;
import parley.protocol.model.MessagePage;
import parley.protocol.model.UserRef;

/** A connection stand-in that answers at once and records what the REPL did. */
final class FakeBackend implements ChatBackend {
    static final long ALICE = 1;
    static final long BOB = 2;

    final Map<String, ChatSummary> chatsByUser = new HashMap<>();
    final Map<Long, List<ChatMessage>> histories = new HashMap<>();
    final List<String> sent = new ArrayList<>();
    final List<String> reads = new ArrayList<>();
    final List<Integer> historyLimits = new ArrayList<>();
    ErrorCode rejectSendsWith;

    FakeBackend() {
        chatsByUser.put("bob", chat(10, "bob", BOB, 3));
    }

    static ChatSummary chat(long chatId, String other, long otherId, long unread) {
        return new ChatSummary(chatId, ChatKind.DIRECT, List.of(new UserRef(ALICE, "alice"), new UserRef(otherId, other)),
                new ChatState(chatId, 5, 5, 2, 5, 5), null, unread, 1);
    }

    static ChatMessage message(long chatId, long seq, long sender, String text) {
        return new ChatMessage(chatId, seq, sender, UUID.randomUUID(), MessageKind.TEXT, text, seq);
    }

    @Override
    public long userId() {
        return ALICE;
    }

    @Override
    public String username() {
        return "alice";
    }

    @Override
    public CompletableFuture<ChatSummary> openChat(String username) {
        ChatSummary chat = chatsByUser.get(username);
        return chat == null
                ? CompletableFuture.failedFuture(new ParleyException(ErrorCode.NOT_FOUND, 0, "no such user"))
                : CompletableFuture.completedFuture(chat);
    }

    @Override
    public CompletableFuture<ChatPage> listChats(int limit) {
        return CompletableFuture.completedFuture(new ChatPage(List.copyOf(chatsByUser.values()), null));
    }

    @Override
    public CompletableFuture<MessagePage> history(long chatId, int limit) {
        historyLimits.add(limit);
        List<ChatMessage> all = histories.getOrDefault(chatId, List.of());
        List<ChatMessage> newest = all.subList(Math.max(0, all.size() - limit), all.size());
        return CompletableFuture.completedFuture(new MessagePage(chatId, newest, all.size() > limit));
    }

    @Override
    public CompletableFuture<ServerFrame.Ack> send(long chatId, String text) {
        sent.add(chatId + ":" + text);
        if (rejectSendsWith != null) {
            return CompletableFuture.failedFuture(new ParleyException(rejectSendsWith, 0, "rejected"));
        }
        return new CompletableFuture<>();
    }

    @Override
    public void markRead(long chatId, long seq) {
        reads.add(chatId + ":" + seq);
    }

    @Override
    public DeviceList devices() {
        return new DeviceList(List.of(new DeviceInfo(3, "laptop", 1, 2, true), new DeviceInfo(4, "phone", 1, 2, false)));
    }
}
