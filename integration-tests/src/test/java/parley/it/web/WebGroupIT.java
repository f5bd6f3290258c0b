package parley.it.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import parley.it.kit.WebTest;
import parley.it.kit.WebUser;

/**
 * A group of three made in the browser: everyone sees its messages; the sender's ticks turn blue
 * only once both others have read, and "message info" shows member by member who has received and
 * who has read it. Then the admin renames the group and removes a member, who can no longer send.
 */
class WebGroupIT extends WebTest {

    @Test
    void aGroupOfThreeWithMessageInfo() {
        WebUser alice = person("galice");
        WebUser bob = person("gbob");
        WebUser carol = person("gcarol");

        // Alice makes the group, adding both by username
        Page a = alice.page();
        a.getByTestId("new-group").click();
        Locator dialog = a.getByTestId("new-group-dialog");
        // bad input first: each is refused with a reason, and nothing is created
        dialog.getByTestId("group-create").click();
        assertThat(dialog.getByTestId("group-error")).hasText("Give the group a name.");
        dialog.getByTestId("group-title").fill("Climbing trip");
        dialog.getByTestId("group-create").click();
        assertThat(dialog.getByTestId("group-error")).hasText("Choose at least one person.");
        dialog.getByTestId("picker-username").fill("nosuchperson");
        dialog.getByTestId("picker-add").click();
        assertThat(dialog.getByTestId("picker-error")).not().isEmpty();
        assertThat(dialog.getByTestId("picker-item")).hasCount(0);
        assertThat(a.getByTestId("chat-item")).hasCount(0);

        for (String name : new String[] {"gbob", "gcarol"}) {
            dialog.getByTestId("picker-username").fill(name);
            dialog.getByTestId("picker-add").click();
            assertThat(dialog.getByTestId("picker-item").filter(new Locator.FilterOptions().setHasText(name))
                    .getByRole(com.microsoft.playwright.options.AriaRole.CHECKBOX)).isChecked();
        }
        alice.screenshot("group-01-new-group");
        dialog.getByTestId("group-create").click();
        assertThat(a.getByTestId("chat-title")).hasText("Climbing trip");
        assertThat(a.getByTestId("system-message").first()).hasText("You created the group “Climbing trip”");

        alice.send("Who brings the rope?");
        assertThat(alice.lastTick()).hasAttribute("data-state", "delivered");

        // both see it in their chat list with the sender's name
        assertThat(bob.chatItem("Climbing trip").getByTestId("chat-preview")).hasText("galice: Who brings the rope?");
        // unread: the group's creation ("galice created the group") and the message
        assertThat(carol.chatItem("Climbing trip").getByTestId("unread-badge")).hasAttribute("data-count", "2");

        // Bob reads; Carol has it but has not read: still grey ✓✓, and message info says so
        bob.openChat("Climbing trip");
        assertThat(bob.page().getByTestId("message-sender").last()).hasText("galice");
        assertThat(bob.page().getByTestId("message-text").last()).hasText("Who brings the rope?");
        assertThat(info(alice, "gbob")).hasAttribute("data-state", "read");
        Locator dialogInfo = a.getByTestId("message-info-dialog");
        assertThat(dialogInfo.getByTestId("message-info-member")
                .filter(new Locator.FilterOptions().setHasText("gcarol"))).hasAttribute("data-state", "delivered");
        assertThat(dialogInfo).containsText("Delivered");
        alice.screenshot("group-02-message-info");
        dialogInfo.getByTestId("modal-close").click();
        assertThat(alice.lastTick()).hasAttribute("data-state", "delivered");

        // Carol reads: now the ticks are blue, and message info has both as read
        carol.openChat("Climbing trip");
        assertThat(alice.lastTick()).hasAttribute("data-state", "read");
        assertThat(info(alice, "gcarol")).hasAttribute("data-state", "read");
        assertThat(a.getByTestId("message-info-member").filter(new Locator.FilterOptions().setHasText("gbob")))
                .hasAttribute("data-state", "read");
        a.keyboard().press("Escape");
        assertThat(a.getByTestId("message-info-dialog")).hasCount(0);
        assertThat(a.getByTestId("chat-title")).hasText("Climbing trip"); // Escape closed the dialog only

        // Carol answers; Alice and Bob see who wrote it
        carol.send("I will!");
        assertThat(a.getByTestId("message-sender").last()).hasText("gcarol");
        bob.screenshot("group-03-bob");

        // Alice renames the group and removes Carol
        a.getByTestId("group-info-open").click();
        Locator groupInfo = a.getByTestId("group-info-dialog");
        assertThat(groupInfo.getByTestId("group-member")).hasCount(3);
        assertThat(groupInfo.getByTestId("group-member").first()).hasAttribute("data-role", "admin");
        groupInfo.getByTestId("group-info-title").fill("Climbing trip, July");
        groupInfo.getByTestId("group-rename").click();
        assertThat(bob.page().getByTestId("chat-title")).hasText("Climbing trip, July");
        groupInfo.getByTestId("group-member").filter(new Locator.FilterOptions().setHasText("gcarol"))
                .getByTestId("group-remove").click();
        assertThat(groupInfo.getByTestId("group-member")).hasCount(2);
        alice.screenshot("group-04-group-info");
        groupInfo.getByTestId("modal-close").click();

        assertThat(carol.page().getByTestId("left-note")).isVisible();
        assertThat(carol.page().getByTestId("composer")).isHidden();
        assertThat(bob.page().getByTestId("system-message").last()).hasText("galice removed gcarol");
        assertThat(bob.subtitle()).hasText("galice, You");

        // a bad title is refused with the server's reason, and nothing changes
        a.getByTestId("group-info-open").click();
        groupInfo.getByTestId("group-info-title").fill("   ");
        groupInfo.getByTestId("group-rename").click();
        assertThat(groupInfo.getByTestId("group-info-error")).not().isEmpty();
        assertThat(a.getByTestId("chat-title")).hasText("Climbing trip, July");
    }

    /** Opens message info on Alice's newest message and returns one member's row. */
    private static Locator info(WebUser sender, String member) {
        Page page = sender.page();
        if (page.getByTestId("message-info-dialog").count() == 0) {
            Locator last = sender.messages().last();
            last.hover();
            last.getByTestId("message-info-open").click();
        }
        return page.getByTestId("message-info-dialog").getByTestId("message-info-member")
                .filter(new Locator.FilterOptions().setHasText(member));
    }
}
