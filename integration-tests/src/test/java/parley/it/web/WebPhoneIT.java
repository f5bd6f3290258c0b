package parley.it.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import org.junit.jupiter.api.Test;
import parley.it.kit.WebTest;
import parley.it.kit.WebUser;

/**
 * At phone width one pane shows at a time: the chat list, or the open chat with a back button;
 * Back returns to the list with focus on the chat just left.
 */
class WebPhoneIT extends WebTest {
    @Test
    void onePaneAtATimeWithBack() {
        person("gina");
        WebUser hank = WebUser.at(browser, url(), "hank", browser.phone(), null).register();
        try {
            assertThat(hank.page().getByTestId("chat-list")).isVisible();
            hank.chatWith("gina");
            assertThat(hank.page().getByTestId("chat-list")).isHidden();
            hank.send("On my way");
            assertThat(hank.lastTick()).hasAttribute("data-state", "sent");
            hank.screenshot("phone-chat");

            hank.page().getByTestId("back").click();
            assertThat(hank.page().getByTestId("chat-list")).isVisible();
            assertThat(hank.page().getByTestId("composer")).isHidden();
            assertThat(hank.chatItem("gina")).isFocused();
            hank.screenshot("phone-chat-list");
        } finally {
            hank.close();
        }
    }
}
