package parley.client.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.client.terminal.FakeBackend.ALICE;
import static parley.client.terminal.FakeBackend.BOB;
import static parley.client.terminal.FakeBackend.message;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import parley.client.connection.ConnectionState;
import parley.protocol.ErrorCode;
import parley.protocol.frame.ServerFrame;
import parley.protocol.model.ChatState;

class ChatReplTest {
    private final FakeBackend backend = new FakeBackend();
    private final StringWriter output = new StringWriter();
    private final ChatRepl repl = new ChatRepl(backend, new PrintWriter(output), Duration.ofSeconds(1));

    private List<String> lines() {
        return output.toString().lines().toList();
    }

    private String lastLine() {
        return lines().getLast();
    }

    @Test
    void openSelectsTheChatShowsItsNewestMessagesAndMarksThemRead() {
        backend.histories.put(10L, List.of(message(10, 1, BOB, "hi"), message(10, 2, ALICE, "hello")));
        assertThat(repl.handle("/open bob")).isTrue();
        assertThat(repl.selected().chatId()).isEqualTo(10);
        assertThat(lines()).containsExactly("Now in the chat with bob (3 unread).", "#1 bob: hi", "#2 me: hello ✓");
        assertThat(backend.reads).containsExactly("10:2");
    }

    @Test
    void openWithoutAUsernameExplainsItself() {
        repl.handle("/open");
        assertThat(lastLine()).isEqualTo("Usage: /open <username>");
        assertThat(repl.selected()).isNull();
    }

    @Test
    void openingAnUnknownUserReportsTheError() {
        repl.handle("/open nobody");
        assertThat(lastLine()).startsWith("! not_found");
        assertThat(repl.selected()).isNull();
    }

    @Test
    void plainLinesAreSentToTheSelectedChat() {
        repl.handle("  hello there ");
        assertThat(lastLine()).isEqualTo("No chat selected: /open <username> first.");
        assertThat(backend.sent).isEmpty();
        repl.handle("/open bob");
        repl.handle("  hello there ");
        assertThat(backend.sent).containsExactly("10:  hello there ");
        repl.handle("   ");
        assertThat(backend.sent).hasSize(1);
    }

    @Test
    void aRejectedSendIsReported() {
        repl.handle("/open bob");
        backend.rejectSendsWith = ErrorCode.TEXT_TOO_LONG;
        repl.handle("way too long");
        assertThat(lastLine()).startsWith("! not sent (way too long): text_too_long");
    }

    @Test
    void historyTakesAnOptionalCount() {
        repl.handle("/history");
        assertThat(lastLine()).isEqualTo("No chat selected: /open <username> first.");
        repl.handle("/open bob");
        repl.handle("/history");
        repl.handle("/history 5");
        repl.handle("/history zero");
        assertThat(lastLine()).startsWith("Usage: /history");
        repl.handle("/history -3");
        assertThat(backend.historyLimits).containsExactly(10, 20, 5);
    }

    @Test
    void chatsListsUnreadCountsAndMarksTheSelectedOne() {
        backend.chatsByUser.put("carol", FakeBackend.chat(11, "carol", 3, 0));
        repl.handle("/open bob");
        output.getBuffer().setLength(0);
        repl.handle("/chats");
        assertThat(lines()).containsExactlyInAnyOrder("* chat with bob  (3 unread)", "  chat with carol");
    }

    @Test
    void devicesMarksThisDevice() {
        repl.handle("/devices");
        assertThat(lines()).containsExactly("  #3 laptop  (this device)", "  #4 phone");
    }

    @Test
    void helpQuitAndUnknownCommands() {
        repl.handle("/help");
        assertThat(output.toString()).contains("/open <username>", "/history [n]", "/quit");
        repl.handle("/frobnicate now");
        assertThat(lastLine()).isEqualTo("Unknown command /frobnicate. Type /help.");
        assertThat(repl.handle("/quit")).isFalse();
    }

    @Test
    void incomingMessagesPrintWithTheirChatAndTheSelectedChatIsMarkedRead() {
        backend.chatsByUser.put("carol", FakeBackend.chat(11, "carol", 3, 0));
        repl.handle("/open bob");
        output.getBuffer().setLength(0);
        backend.reads.clear();
        repl.onMessage(message(10, 12, BOB, "how are you?"));
        repl.onMessage(message(11, 4, 3, "psst")); // unknown chat until the list is fetched
        repl.onMessage(message(10, 13, ALICE, "from my phone"));
        assertThat(lines()).containsExactly(
                "[chat with bob] #12 bob: how are you?",
                "[chat with carol] #4 carol: psst",
                "[chat with bob] #13 me: from my phone ✓");
        assertThat(backend.reads).containsExactly("10:12");
    }

    @Test
    void ownMessagesShowTheirTicksAsWatermarksMove() {
        repl.handle("/open bob");
        output.getBuffer().setLength(0);
        repl.onMessage(message(10, 6, ALICE, "one"));
        repl.onMessage(message(10, 7, ALICE, "two"));
        repl.onWatermark(new ServerFrame.Watermark(10, BOB, 7, 0, 1));
        repl.onWatermark(new ServerFrame.Watermark(10, BOB, 7, 6, 2));
        repl.onWatermark(new ServerFrame.Watermark(10, ALICE, 7, 7, 3)); // my own devices: no ticks
        repl.onChatState(new ChatState(10, 7, 7, 7, 7, 7));
        assertThat(lines()).containsExactly(
                "[chat with bob] #6 me: one ✓",
                "[chat with bob] #7 me: two ✓",
                "[chat with bob] #6-#7 ✓✓ delivered to bob",
                "[chat with bob] #6 ✓✓ read by bob",
                "[chat with bob] #7 ✓✓ read by bob");
    }

    @Test
    void connectionEventsAreShown() {
        repl.onStateChange(ConnectionState.OFFLINE);
        repl.onStateChange(ConnectionState.ONLINE);
        repl.onError(new ServerFrame.Error(null, ErrorCode.SESSION_REVOKED, "device revoked"));
        assertThat(lines()).containsExactly("* offline, reconnecting...", "* online", "! server: session_revoked (device revoked)");
    }

    @Test
    void runReadsLinesUntilQuit() throws Exception {
        backend.histories.put(10L, List.of());
        repl.run(new BufferedReader(new StringReader("/open bob\nhi\n/quit\nnever sent\n")));
        assertThat(backend.sent).containsExactly("10:hi");
        assertThat(lines().getFirst()).isEqualTo("Logged in as alice. Type /help for commands.");
    }
}
