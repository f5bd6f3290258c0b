package parley.client.terminal;

import java.util.concurrent.CompletableFuture;
import parley.protocol.api.DeviceList;
import parley.protocol.frame.ServerFrame;
import parley.protocol.model.ChatPage;
import parley.protocol.model.ChatSummary;
import parley.protocol.model.MessagePage;

/** What the terminal client needs from the SDK: the seam that lets the REPL be tested alone. */
public interface ChatBackend {
    /** The logged-in user. */
    long userId();

    String username();

    CompletableFuture<ChatSummary> openChat(String username);

    CompletableFuture<ChatPage> listChats(int limit);

    /** The newest {@code limit} messages of the chat. */
    CompletableFuture<MessagePage> history(long chatId, int limit);

    CompletableFuture<ServerFrame.Ack> send(long chatId, String text);

    void markRead(long chatId, long seq);

    /** Blocking: my logged-in devices. */
    DeviceList devices();
}
