package parley.it;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import parley.it.kit.TestServer;

/**
 * The web client in headless Chromium (Debian's {@code chromium}) against a real server, as two
 * people would use it in two browsers: both register, Alice opens a chat with Bob and writes;
 * her message shows ✓ while Bob is away, ✓✓ once his browser has it, blue ✓✓ once he has the
 * chat open. A message that looks like HTML shows as text and runs nothing. Screenshots of
 * each step go to {@code target/screenshots/}.
 */
class WebClientIT {
    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    private static final Path SCREENSHOTS = Path.of(System.getProperty("basedir", "."), "target", "screenshots");
    private static final String READ_BLUE = "rgb(83, 189, 235)";

    private static TestServer server;
    private static Playwright playwright;
    private static Browser browser;

    private final List<String> dialogs = new CopyOnWriteArrayList<>();
    private final List<String> pageErrors = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new IllegalStateException("browser tests need Debian's chromium: apt-get install -y chromium");
        }
        Files.createDirectories(SCREENSHOTS);
        server = TestServer.start();
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage")));
        PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void twoPeopleChatAndSeeSentDeliveredAndReadTicks() {
        try (BrowserContext alice = newContext(); BrowserContext bob = newContext()) {
            Page a = open(alice);
            Page b = open(bob);
            register(a, "alice");
            register(b, "bob");

            // Bob closes his tab: Alice's message can be stored (✓) but not delivered
            b.close();
            a.getByTestId("new-chat-username").fill("bob");
            a.getByTestId("new-chat-submit").click();
            assertThat(a.getByTestId("chat-title")).hasText("bob");
            a.getByTestId("composer").fill("Hi Bob, lunch at 12:30?");
            a.getByTestId("composer").press("Enter");
            Locator aliceTick = a.getByTestId("message").last().getByTestId("tick");
            assertThat(aliceTick).hasAttribute("data-state", "sent");
            assertThat(aliceTick).hasText("✓");
            screenshot(a, "01-alice-sent");

            // Bob comes back (still logged in): his browser receives it, but he has not opened the chat
            b = open(bob);
            Locator chatWithAlice = b.getByTestId("chat-item").filter(new Locator.FilterOptions().setHasText("alice"));
            assertThat(chatWithAlice.getByTestId("chat-preview")).hasText("Hi Bob, lunch at 12:30?");
            assertThat(chatWithAlice.getByTestId("unread-badge")).hasAttribute("data-count", "1");
            assertThat(aliceTick).hasAttribute("data-state", "delivered");
            assertThat(aliceTick).hasText("✓✓");
            screenshot(a, "02-alice-delivered");
            screenshot(b, "03-bob-chat-list");

            // Bob opens the chat: read, and the ticks turn blue
            chatWithAlice.click();
            assertThat(b.getByTestId("chat-title")).hasText("alice");
            assertThat(b.getByTestId("message-text").last()).hasText("Hi Bob, lunch at 12:30?");
            assertThat(aliceTick).hasAttribute("data-state", "read");
            assertThat(aliceTick).hasCSS("color", READ_BLUE);
            assertThat(chatWithAlice.getByTestId("unread-badge")).hasCount(0);

            // markup in a message is text: no element, no script, no dialog
            String markup = "<img src=x onerror=alert(1)>";
            b.getByTestId("composer").fill(markup);
            b.getByTestId("composer").press("Enter");
            Locator shown = a.getByTestId("message-text").last();
            assertThat(shown).hasText(markup);
            assertThat(a.getByTestId("message-list").locator("img")).hasCount(0);
            a.waitForTimeout(500); // an onerror would have fired by now
            assertThat(b.getByTestId("message").last().getByTestId("tick")).hasAttribute("data-state", "read");
            screenshot(a, "04-alice-chat");
            screenshot(b, "05-bob-chat");

            Assertions.assertThat(dialogs).as("dialogs opened by message content").isEmpty();
            Assertions.assertThat(pageErrors).as("uncaught errors in the pages").isEmpty();
        }
    }

    private BrowserContext newContext() {
        return browser.newContext(new Browser.NewContextOptions().setViewportSize(1200, 800));
    }

    private Page open(BrowserContext context) {
        Page page = context.newPage();
        page.onDialog(dialog -> {
            dialogs.add(dialog.type() + ": " + dialog.message());
            dialog.dismiss();
        });
        page.onPageError(pageErrors::add);
        page.navigate(server.http() + "/");
        return page;
    }

    private static void register(Page page, String username) {
        page.getByTestId("login-username").fill(username);
        page.getByTestId("login-password").fill("correct horse " + username);
        page.getByTestId("register-submit").click();
        assertThat(page.getByTestId("me")).hasText(username);
    }

    private static void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")));
    }
}
