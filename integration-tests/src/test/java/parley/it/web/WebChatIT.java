package parley.it.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import org.junit.jupiter.api.Test;
import parley.it.kit.WebTest;
import parley.it.kit.WebUser;

/**
 * Two people chat in two browsers: Alice's message shows ✓ while Bob is away, ✓✓ once his browser
 * has it, blue ✓✓ once he has the chat open. A message that looks like HTML shows as text and runs
 * nothing; only http(s) links are clickable. The same at phone width.
 */
class WebChatIT extends WebTest {
    private static final String READ_BLUE = "rgb(83, 189, 235)";

    @Test
    void twoPeopleChatAndSeeSentDeliveredAndReadTicks() {
        WebUser alice = person("alice");
        WebUser bob = person("bob");

        // Bob closes his tab: Alice's message can be stored (✓) but not delivered
        bob.closePage();
        alice.chatWith("bob");
        alice.send("Hi Bob, lunch at 12:30?");
        Locator aliceTick = alice.lastTick();
        assertThat(aliceTick).hasAttribute("data-state", "sent");
        assertThat(aliceTick).hasText("✓");
        alice.screenshot("01-alice-sent");

        // Bob comes back (still logged in): his browser receives it, but he has not opened the chat
        bob.reopen();
        Locator chatWithAlice = bob.chatItem("alice");
        assertThat(chatWithAlice.getByTestId("chat-preview")).hasText("Hi Bob, lunch at 12:30?");
        assertThat(chatWithAlice.getByTestId("unread-badge")).hasAttribute("data-count", "1");
        assertThat(aliceTick).hasAttribute("data-state", "delivered");
        assertThat(aliceTick).hasText("✓✓");
        alice.screenshot("02-alice-delivered");
        bob.screenshot("03-bob-chat-list");

        // Bob opens the chat: read, and the ticks turn blue
        bob.openChat("alice");
        assertThat(bob.page().getByTestId("message-text").last()).hasText("Hi Bob, lunch at 12:30?");
        assertThat(aliceTick).hasAttribute("data-state", "read");
        assertThat(aliceTick).hasCSS("color", READ_BLUE);
        assertThat(chatWithAlice.getByTestId("unread-badge")).hasCount(0);

        // markup in a message is text: no element, no script, no dialog
        String markup = "<img src=x onerror=alert(1)>";
        bob.send(markup);
        Locator shown = alice.page().getByTestId("message-text").last();
        assertThat(shown).hasText(markup);
        assertThat(alice.page().getByTestId("message-list").locator("img")).hasCount(0);
        alice.page().waitForTimeout(500); // an onerror would have fired by now
        assertThat(bob.lastTick()).hasAttribute("data-state", "read");

        // only http and https links become links
        bob.send("docs at https://example.org/guide and javascript:alert(2) here");
        Locator links = alice.messages().last().locator("a");
        assertThat(links).hasCount(1);
        assertThat(links).hasAttribute("href", "https://example.org/guide");
        assertThat(links).hasAttribute("rel", "noopener noreferrer");
        alice.screenshot("04-alice-chat");
        bob.screenshot("05-bob-chat");
    }

    @Test
    void anUnknownNameIsRefusedAndShiftEnterBreaksALine() {
        WebUser erin = person("erin");
        person("frank");
        erin.page().getByTestId("new-chat-username").fill("nobody.here");
        erin.page().getByTestId("new-chat-submit").click();
        assertThat(erin.page().getByTestId("new-chat-error")).not().isEmpty();
        assertThat(erin.page().getByTestId("chat-item")).hasCount(0);
        erin.chatWith("frank");
        Locator composer = erin.page().getByTestId("composer");
        composer.click();
        composer.pressSequentially("first line");
        composer.press("Shift+Enter");
        composer.pressSequentially("second line");
        composer.press("Enter");
        assertThat(erin.page().getByTestId("message-text").last()).hasText("first line\nsecond line");
        assertThat(composer).hasValue("");
        assertThat(composer).isFocused();

        // from the keyboard: Escape leaves the chat, arrows move through the list, Enter opens
        erin.page().getByTestId("new-chat-username").fill("erin");
        erin.page().getByTestId("new-chat-submit").click();
        assertThat(erin.page().getByTestId("chat-title")).hasText("erin (you)");
        erin.send("a note to self");
        composer.press("Escape");
        assertThat(erin.chatItem("erin")).isFocused();
        erin.page().keyboard().press("ArrowDown");
        assertThat(erin.chatItem("frank")).isFocused();
        erin.page().keyboard().press("Enter");
        assertThat(erin.page().getByTestId("chat-title")).hasText("frank");
    }
}
