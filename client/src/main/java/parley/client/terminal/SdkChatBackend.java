package parley.client.terminal;

import java.util.concurrent.CompletableFuture;
import parley.client.connection.ParleyConnection;
import parley.client.http.ParleyHttp;
import parley.protocol.api.DeviceList;
import parley.protocol.api.LoginResponse;
import parley.protocol.frame.ServerFrame;
import parley.protocol.model.ChatPage;
import parley.protocol.model.ChatSummary;
import parley.protocol.model.MessagePage;

/** {@link ChatBackend} over a real connection and the HTTP API. */
public final class SdkChatBackend implements ChatBackend {
    private final ParleyConnection connection;
    private final ParleyHttp http;
    private final LoginResponse login;

    public SdkChatBackend(ParleyConnection connection, ParleyHttp http, LoginResponse login) {
        this.connection = connection;
        this.http = http;
        this.login = login;
    }

    @Override
    public long userId() {
        return login.userId();
    }

    @Override
    public String username() {
        return login.username();
    }

    @Override
    public CompletableFuture<ChatSummary> openChat(String username) {
        return connection.openChat(username);
    }

    @Override
    public CompletableFuture<ChatPage> listChats(int limit) {
        return connection.listChats(null, limit);
    }

    @Override
    public CompletableFuture<MessagePage> history(long chatId, int limit) {
        return connection.history(chatId, null, null, limit);
    }

    @Override
    public CompletableFuture<ServerFrame.Ack> send(long chatId, String text) {
        return connection.send(chatId, text);
    }

    @Override
    public void markRead(long chatId, long seq) {
        connection.markRead(chatId, seq);
    }

    @Override
    public DeviceList devices() {
        return http.devices(login.token());
    }
}
