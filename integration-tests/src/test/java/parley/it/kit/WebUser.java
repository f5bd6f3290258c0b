package parley.it.kit;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.List;

/**
 * One person using the web client in a browser of their own: the steps a person takes (register,
 * open a chat, type and send) and the things they look at (the chat list, the messages, the
 * ticks). Tests read as what the person does and sees.
 */
public final class WebUser implements AutoCloseable {
    private final WebBrowser browser;
    private final BrowserContext context;
    private final String url;
    private final String username;
    private Page page;

    private WebUser(WebBrowser browser, BrowserContext context, String url, String username) {
        this.browser = browser;
        this.context = context;
        this.url = url;
        this.username = username;
    }

    /** A person in a desktop-sized browser, not registered yet; initScript (may be null) runs before the page's own. */
    public static WebUser at(WebBrowser browser, String url, String username, BrowserContext context, String initScript) {
        if (initScript != null) {
            context.addInitScript(initScript);
        }
        WebUser user = new WebUser(browser, context, url, username);
        user.page = browser.open(context, url);
        return user;
    }

    public static WebUser registered(WebBrowser browser, String url, String username) {
        return at(browser, url, username, browser.desktop(), null).register();
    }

    public WebUser register() {
        page.getByTestId("login-username").fill(username);
        page.getByTestId("login-password").fill("correct horse " + username);
        page.getByTestId("register-submit").click();
        assertThat(page.getByTestId("me")).hasText(username);
        return this;
    }

    public Page page() {
        return page;
    }

    public BrowserContext context() {
        return context;
    }

    public String username() {
        return username;
    }

    /** Closes the tab (the browser keeps the login and the outbox). */
    public void closePage() {
        page.close();
    }

    /** Opens the tab again, still logged in. */
    public Page reopen() {
        page = browser.open(context, url);
        assertThat(page.getByTestId("me")).hasText(username);
        return page;
    }

    /** Starts (or opens) the one-on-one chat with someone by username. */
    public void chatWith(String other) {
        page.getByTestId("new-chat-username").fill(other);
        page.getByTestId("new-chat-submit").click();
        assertThat(page.getByTestId("chat-title")).hasText(other);
    }

    /** The chat's entry in the chat list. */
    public Locator chatItem(String title) {
        return page.getByTestId("chat-item").filter(new Locator.FilterOptions().setHasText(title));
    }

    public void openChat(String title) {
        chatItem(title).click();
        assertThat(page.getByTestId("chat-title")).hasText(title);
    }

    public void send(String text) {
        page.getByTestId("composer").fill(text);
        page.getByTestId("composer").press("Enter");
    }

    /** The texts of the open chat's messages, top to bottom. */
    public List<String> messageTexts() {
        return page.getByTestId("message-text").allTextContents();
    }

    public Locator messages() {
        return page.getByTestId("message");
    }

    /** The tick of my newest message in the open chat. */
    public Locator lastTick() {
        return messages().last().getByTestId("tick");
    }

    public Locator subtitle() {
        return page.getByTestId("chat-subtitle");
    }

    public void screenshot(String name) {
        WebBrowser.screenshot(page, name);
    }

    @Override
    public void close() {
        context.close();
    }
}
