package parley.it.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import parley.it.kit.WebTest;
import parley.it.kit.WebUser;

/**
 * Coming back: what was sent while a page was closed shows up complete and in order; a long chat
 * scrolls back page by page to its start; a message typed while offline waits in the outbox,
 * survives the tab being closed, and is sent exactly once when the browser is back online.
 */
class WebOfflineIT extends WebTest {

    @Test
    void twentyMessagesSentWhileAwayArriveAllInOrder() {
        WebUser ann = person("ann");
        WebUser ben = person("ben");
        talking(ann, ben, "before you left");
        assertThat(ann.lastTick()).hasAttribute("data-state", "read");

        ben.closePage();
        List<String> sent = IntStream.rangeClosed(1, 20).mapToObj(i -> "while away " + i).toList();
        sent.forEach(ann::send);
        assertThat(ann.lastTick()).hasAttribute("data-state", "sent");
        assertThat(storedTicks(ann)).hasCount(21);

        ben.reopen();
        assertThat(ben.chatItem("ann").getByTestId("unread-badge")).hasAttribute("data-count", "20");
        ben.openChat("ann");
        assertThat(ben.page().getByTestId("message-text")).hasCount(21);
        assertThat(ben.messageTexts().subList(1, 21)).containsExactlyElementsOf(sent);
        assertThat(ben.messageTexts().getFirst()).isEqualTo("before you left");
        assertThat(ann.lastTick()).hasAttribute("data-state", "read");
        ben.screenshot("offline-20-in-order");
    }

    @Test
    void scrollingUpLoadsOlderPagesToTheStartOfTheChat() {
        WebUser cleo = person("cleo");
        WebUser dan = person("dan");
        cleo.chatWith("dan");
        List<String> sent = IntStream.rangeClosed(1, 130).mapToObj(i -> "history line " + i).toList();
        sent.forEach(cleo::send);
        assertThat(storedTicks(cleo)).hasCount(130);

        dan.closePage();
        dan.reopen();
        dan.openChat("cleo");
        assertThat(dan.page().getByTestId("message-text").last()).hasText("history line 130");
        int firstScreen = dan.page().getByTestId("message-text").count();
        assertThat(firstScreen).as("the first screen holds a page, not the whole chat").isLessThan(130);

        Locator older = dan.page().getByTestId("older-status");
        for (int i = 0; i < 10 && !"This is the start of your chat.".equals(older.textContent()); i++) {
            dan.page().getByTestId("message-text").first().scrollIntoViewIfNeeded();
            dan.page().waitForTimeout(300);
        }
        assertThat(older).hasText("This is the start of your chat.");
        assertThat(dan.messageTexts()).containsExactlyElementsOf(sent);
    }

    @Test
    void typedOfflineIsSentOnceAfterTheTabComesBack() {
        WebUser eve = person("eve");
        WebUser fred = person("fred");
        talking(fred, eve, "first");
        assertThat(fred.lastTick()).hasAttribute("data-state", "read");

        // the network goes: the page says so, and says when it is back
        Locator status = fred.page().getByTestId("connection-status");
        fred.context().setOffline(true);
        assertThat(status).isVisible();
        assertThat(status).hasAttribute("data-state", "offline");
        fred.send("typed while offline");
        assertThat(fred.lastTick()).hasAttribute("data-state", "pending");
        fred.screenshot("offline-pending");

        // the tab is closed before the network comes back; the outbox is kept
        fred.closePage();
        fred.context().setOffline(false);
        fred.reopen();
        fred.openChat("eve");
        assertThat(fred.lastTick()).hasAttribute("data-state", "read");
        assertThat(fred.page().getByTestId("message-text")).hasText(new String[] {"first", "typed while offline"});
        assertThat(eve.page().getByTestId("message-text")).hasText(new String[] {"first", "typed while offline"});

        // a reconnect resyncs without showing anything twice
        fred.context().setOffline(true);
        assertThat(status(fred)).hasAttribute("data-state", "offline");
        eve.send("reply while fred is offline");
        fred.context().setOffline(false);
        assertThat(status(fred)).hasText("Back online");
        assertThat(fred.page().getByTestId("message-text"))
                .hasText(new String[] {"first", "typed while offline", "reply while fred is offline"});
        fred.screenshot("back-online");
    }

    /** The ticks of the open chat's messages that the server has stored (no clock any more). */
    private static Locator storedTicks(WebUser user) {
        return user.page().getByTestId("message-list").locator("[data-testid=tick]:not([data-state=pending])");
    }

    private static Locator status(WebUser user) {
        return user.page().getByTestId("connection-status");
    }
}
