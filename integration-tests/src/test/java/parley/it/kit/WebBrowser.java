package parley.it.kit;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Headless Chromium (Debian's {@code chromium}) driven by Playwright, for the web client's tests.
 * One browser per test class; each person gets a context of their own (their own storage, as in
 * two browsers). Every page opened through {@link #open} records the dialogs it tried to show and
 * its uncaught errors, which a test expects to be none. Screenshots go to
 * {@code target/screenshots/}.
 */
public final class WebBrowser implements AutoCloseable {
    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    public static final Path SCREENSHOTS = Path.of(System.getProperty("basedir", "."), "target", "screenshots");

    private final Playwright playwright;
    private final Browser browser;
    private final List<String> dialogs = new CopyOnWriteArrayList<>();
    private final List<String> pageErrors = new CopyOnWriteArrayList<>();

    private WebBrowser(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    public static WebBrowser launch() {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new IllegalStateException("browser tests need Debian's chromium: apt-get install -y chromium");
        }
        try {
            Files.createDirectories(SCREENSHOTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                        // a microphone that plays a test tone, for voice notes
                        "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream")));
        PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
        return new WebBrowser(playwright, browser);
    }

    /** A desktop-sized browser of its own. */
    public BrowserContext desktop() {
        return browser.newContext(new Browser.NewContextOptions().setViewportSize(1200, 800));
    }

    /** A phone-sized browser of its own (one pane at a time). */
    public BrowserContext phone() {
        return browser.newContext(new Browser.NewContextOptions().setViewportSize(390, 780).setIsMobile(true)
                .setHasTouch(true));
    }

    /** A new tab at the server's address, watched for dialogs and uncaught errors. */
    public Page open(BrowserContext context, String url) {
        Page page = context.newPage();
        page.onDialog(dialog -> {
            dialogs.add(dialog.type() + ": " + dialog.message());
            dialog.dismiss();
        });
        page.onPageError(pageErrors::add);
        page.navigate(url);
        return page;
    }

    public List<String> dialogs() {
        return dialogs;
    }

    public List<String> pageErrors() {
        return pageErrors;
    }

    public static void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")));
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
