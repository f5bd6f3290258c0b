package parley.it.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import parley.it.kit.WebTest;
import parley.it.kit.WebUser;

/**
 * Presence and typing as a person sees them: the contact is "online" (a dot in the chat list),
 * "typing…" while they type, "last seen today at …" after they leave; and the privacy setting
 * "nobody" hides it.
 */
class WebPresenceIT extends WebTest {

    @Test
    void typingOnlineAndLastSeen() {
        WebUser ivy = person("ivy");
        WebUser jon = person("jon");
        talking(ivy, jon, "Are you there?");

        assertThat(ivy.subtitle()).hasText("online");
        assertThat(ivy.chatItem("jon").getByTestId("online-dot")).isVisible();

        // Jon types: Ivy sees it in the chat and in her chat list; it ends when he sends
        Locator composer = jon.page().getByTestId("composer");
        composer.click();
        composer.pressSequentially("Yes, one moment");
        assertThat(ivy.subtitle()).hasText("typing…");
        assertThat(ivy.chatItem("jon").getByTestId("chat-preview")).hasText("typing…");
        ivy.screenshot("presence-typing");
        composer.press("Enter");
        assertThat(ivy.page().getByTestId("message-text").last()).hasText("Yes, one moment");
        assertThat(ivy.subtitle()).hasText("online");

        // Jon leaves: Ivy sees when he was last seen
        jon.closePage();
        assertThat(ivy.subtitle()).hasText(Pattern.compile("^last seen today at \\d"));
        assertThat(ivy.chatItem("jon").getByTestId("online-dot")).hasCount(0);
        ivy.screenshot("presence-last-seen");
    }

    @Test
    void nobodyHidesOnlineAndLastSeen() {
        WebUser kim = person("kim");
        WebUser leo = person("leo");
        talking(kim, leo, "hello");
        assertThat(kim.subtitle()).hasText("online");

        leo.page().getByTestId("settings").click();
        Locator settings = leo.page().getByTestId("settings-dialog");
        assertThat(settings.getByTestId("privacy-everyone")).isChecked();
        assertThat(settings.getByTestId("transport")).hasText("Connected over WebSocket.");
        settings.getByTestId("privacy-nobody").check();
        assertThat(settings.getByTestId("privacy-status")).hasText("Saved.");
        leo.screenshot("settings-privacy");
        settings.getByTestId("modal-close").click();

        assertThat(kim.subtitle()).isEmpty();
        leo.closePage();
        kim.page().waitForTimeout(3000); // past the grace period: still nothing shown
        assertThat(kim.subtitle()).isEmpty();

        leo.reopen();
        leo.page().getByTestId("settings").click();
        assertThat(leo.page().getByTestId("privacy-nobody")).isChecked(); // kept by the server
        leo.page().getByTestId("privacy-everyone").check();
        assertThat(leo.page().getByTestId("privacy-status")).hasText("Saved.");
        assertThat(kim.subtitle()).hasText("online");
    }
}
