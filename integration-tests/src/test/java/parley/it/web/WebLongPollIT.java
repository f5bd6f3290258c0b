package parley.it.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import parley.it.kit.WebTest;
import parley.it.kit.WebUser;

/**
 * The chat works the same where WebSockets do not: a browser without {@code window.WebSocket},
 * and one whose WebSocket is refused on the way, fall back to long polling on their own; ticks,
 * order, typing and presence hold, against a person on a WebSocket.
 */
class WebLongPollIT extends WebTest {
    private static final String NO_WEBSOCKET = "delete window.WebSocket;";

    @Test
    void chatWithWebSocketsDisabledInThePage() {
        WebUser mia = person("mia");
        WebUser ned = person("ned", NO_WEBSOCKET);
        List<String> polls = new CopyOnWriteArrayList<>();
        ned.page().onRequest(request -> {
            if (request.url().contains("/api/poll/sessions")) {
                polls.add(request.method() + " " + request.url());
            }
        });
        assertThat(ned.page().getByTestId("app")).hasAttribute("data-transport", "long-poll");
        assertThat(mia.page().getByTestId("app")).hasAttribute("data-transport", "websocket");

        // ticks over long polling, both ways
        ned.closePage();
        mia.chatWith("ned");
        mia.send("Can you hear me?");
        assertThat(mia.lastTick()).hasAttribute("data-state", "sent");
        ned.reopen();
        ned.page().onRequest(request -> {
            if (request.url().contains("/api/poll/sessions")) {
                polls.add(request.method() + " " + request.url());
            }
        });
        assertThat(ned.page().getByTestId("app")).hasAttribute("data-transport", "long-poll");
        assertThat(mia.lastTick()).hasAttribute("data-state", "delivered");
        ned.openChat("mia");
        assertThat(mia.lastTick()).hasAttribute("data-state", "read");

        ned.send("Loud and clear, over long polling");
        assertThat(ned.lastTick()).hasAttribute("data-state", "read");
        assertThat(mia.page().getByTestId("message-text").last()).hasText("Loud and clear, over long polling");

        // order and completeness in a burst, both directions at once
        for (int i = 1; i <= 10; i++) {
            mia.send("m" + i);
            ned.send("n" + i);
        }
        Locator texts = ned.page().getByTestId("message-text");
        assertThat(texts).hasCount(22);
        List<String> seenByNed = ned.messageTexts();
        List<String> seenByMia = mia.messageTexts();
        assertThat(seenByMia).isEqualTo(seenByNed);
        assertThat(seenByNed.stream().filter(t -> t.startsWith("m")).toList())
                .containsExactly("m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9", "m10");
        assertThat(seenByNed.stream().filter(t -> t.startsWith("n")).toList())
                .containsExactly("n1", "n2", "n3", "n4", "n5", "n6", "n7", "n8", "n9", "n10");

        // typing and presence over long polling
        // typed at a person's pace: the burst above used up the server's typing allowance (a burst of
        // 10, then 1 a second), and the client renews its "typing" every 3 s while keys come
        mia.page().getByTestId("composer").pressSequentially("typing to ned",
                new com.microsoft.playwright.Locator.PressSequentiallyOptions().setDelay(400));
        assertThat(ned.subtitle()).hasText("typing…");
        assertThat(ned.subtitle()).hasText("online");
        assertThat(mia.subtitle()).hasText("online");
        ned.page().getByTestId("settings").click();
        assertThat(ned.page().getByTestId("transport")).containsText("long polling");
        ned.screenshot("long-poll-chat");

        assertThat(polls).as("the page talked to the long-poll endpoints").isNotEmpty();
    }

    @Test
    void aRefusedWebSocketFallsBackToLongPolling() {
        WebUser ola = person("ola");
        WebUser pat = WebUser.at(browser, url(), "pat", browser.desktop(), null);
        try {
            pat.context().routeWebSocket("**/ws", ws -> ws.close());
            pat.page().reload();
            pat.register();
            assertThat(pat.page().getByTestId("app")).hasAttribute("data-transport", "long-poll");
            pat.chatWith("ola");
            pat.send("through the fallback");
            ola.openChat("pat");
            assertThat(pat.lastTick()).hasAttribute("data-state", "read");
        } finally {
            pat.close();
        }
    }
}
