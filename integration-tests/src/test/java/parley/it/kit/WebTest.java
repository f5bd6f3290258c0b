package parley.it.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * The common set-up of a browser test class: one real server and one headless Chromium for the
 * class; people made with {@link #person} are closed after each test, which then checks that no
 * page opened a dialog or threw an uncaught error.
 */
public abstract class WebTest {
    protected static TestServer server;
    protected static WebBrowser browser;
    private final List<WebUser> people = new ArrayList<>();

    @BeforeAll
    static void startServerAndBrowser() {
        server = TestServer.start(Map.of("presence.grace-seconds", "1"));
        browser = WebBrowser.launch();
    }

    @AfterAll
    static void stopServerAndBrowser() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** A new person, registered, in a desktop browser of their own. */
    protected WebUser person(String username) {
        WebUser user = WebUser.registered(browser, url(), username);
        people.add(user);
        return user;
    }

    /** A new person whose browser runs initScript before every page (e.g. to take WebSocket away). */
    protected WebUser person(String username, String initScript) {
        WebUser user = WebUser.at(browser, url(), username, browser.desktop(), initScript).register();
        people.add(user);
        return user;
    }

    /** from opens a chat with to and writes first; to opens it: both now see the chat. */
    protected static void talking(WebUser from, WebUser to, String first) {
        from.chatWith(to.username());
        from.send(first);
        to.openChat(from.username());
    }

    protected static String url() {
        return server.http() + "/";
    }

    @AfterEach
    void closePeopleAndCheckPages() {
        people.forEach(WebUser::close);
        people.clear();
        assertThat(browser.dialogs()).as("dialogs opened by the pages").isEmpty();
        assertThat(browser.pageErrors()).as("uncaught errors in the pages").isEmpty();
    }
}
