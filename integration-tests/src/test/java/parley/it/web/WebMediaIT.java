package parley.it.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.JSHandle;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Route;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import parley.it.kit.WebTest;
import parley.it.kit.WebUser;

/**
 * Media in the browser: a picture sent with the file picker shows as a thumbnail and opens full
 * size; a file dropped on the chat arrives as a download; a voice note recorded with the
 * (fake) microphone plays inline; an upload in progress can be cancelled.
 */
class WebMediaIT extends WebTest {

    @Test
    void aPictureShowsAsAThumbnailAndOpensFullSize() throws IOException {
        WebUser quinn = person("quinn");
        WebUser rosa = person("rosa");
        quinn.chatWith("rosa");
        quinn.page().getByTestId("composer").fill("The view from the top");
        quinn.page().getByTestId("attach-input").setInputFiles(picture(1280, 960));

        Locator sent = quinn.messages().last();
        assertThat(sent.getByTestId("media-thumbnail")).isVisible();
        assertThat(sent.getByTestId("message-text")).hasText("The view from the top");
        assertThat(sent.getByTestId("tick")).hasAttribute("data-state", java.util.regex.Pattern.compile("sent|delivered"));

        assertThat(rosa.chatItem("quinn").getByTestId("chat-preview")).hasText("Photo: The view from the top");
        rosa.openChat("quinn");
        Locator thumbnail = rosa.messages().last().getByTestId("media-thumbnail");
        assertThat(thumbnail).isVisible();
        assertThat(thumbnail).hasAttribute("src", java.util.regex.Pattern.compile("/thumbnail$"));
        assertThat(naturalWidth(thumbnail)).as("the thumbnail loaded, at most 320 px wide").isBetween(1, 320);
        rosa.screenshot("media-01-thumbnail");

        rosa.messages().last().getByTestId("media-open").click();
        Locator full = rosa.page().getByTestId("media-viewer").getByTestId("media-full");
        assertThat(full).isVisible();
        rosa.page().waitForFunction("img => img.complete && img.naturalWidth > 0", full.elementHandle());
        assertThat(naturalWidth(full)).isEqualTo(1280);
        rosa.screenshot("media-02-full-picture");
        rosa.page().keyboard().press("Escape");
        assertThat(rosa.page().getByTestId("media-viewer")).hasCount(0);
        assertThat(sent.getByTestId("tick")).hasAttribute("data-state", "read");

        rosa.send("Wow, what a view! Which route did you take?");
        quinn.send("The north ridge: https://example.org/routes/north-ridge");
        assertThat(quinn.lastTick()).hasAttribute("data-state", "read");
        quinn.screenshot("media-05-conversation");
    }

    @Test
    void aDroppedFileAndAVoiceNoteArrive() {
        WebUser sam = person("sam");
        WebUser tess = person("tess");
        talking(sam, tess, "The minutes, and a word about them");

        JSHandle files = sam.page().evaluateHandle("() => { const dt = new DataTransfer();"
                + " dt.items.add(new File(['minutes of the meeting'], 'minutes.txt', { type: 'text/plain' }));"
                + " return dt; }");
        sam.page().getByTestId("chat").dispatchEvent("drop", Map.of("dataTransfer", files));
        Locator file = tess.messages().last().getByTestId("media-file");
        assertThat(file).containsText("minutes.txt");
        assertThat(file).hasAttribute("download", "minutes.txt");
        String body = (String) tess.page().evaluate("href => fetch(href).then(r => r.text())", file.getAttribute("href"));
        assertThat(body).isEqualTo("minutes of the meeting");

        sam.page().getByTestId("record").click();
        assertThat(sam.page().getByTestId("recording-clock")).hasText("0:01");
        sam.page().getByTestId("recording-send").click();
        Locator audio = tess.messages().last().getByTestId("media-audio");
        assertThat(audio).isVisible();
        tess.page().waitForFunction("a => a.readyState >= 1 && a.duration > 0", audio.elementHandle());
        assertThat(tess.chatItem("sam").getByTestId("chat-preview")).hasText("Voice note");
        tess.screenshot("media-03-file-and-voice");
    }

    @Test
    void anUploadCanBeCancelled() throws IOException {
        WebUser uma = person("uma");
        WebUser vic = person("vic");
        uma.chatWith("vic");
        List<Route> held = new CopyOnWriteArrayList<>();
        uma.page().route("**/api/media/uploads/*?offset=*", held::add); // the chunk never gets through
        uma.page().getByTestId("attach-input").setInputFiles(picture(64, 64));

        Locator upload = uma.page().getByTestId("upload");
        assertThat(upload.getByTestId("upload-progress")).isVisible();
        uma.screenshot("media-04-uploading");
        upload.getByTestId("upload-cancel").click();
        assertThat(upload).hasCount(0);
        uma.send("never mind the picture");
        vic.openChat("uma");
        assertThat(vic.page().getByTestId("message-text").last()).hasText("never mind the picture");
        assertThat(vic.messages().getByTestId("media-thumbnail")).hasCount(0);
        assertThat(held).hasSize(1);
    }

    private static int naturalWidth(Locator img) {
        return ((Number) img.evaluate("img => img.naturalWidth")).intValue();
    }

    private static Path picture(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0x87CEEB));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(0x2E8B57));
        g.fillPolygon(new int[] {0, width / 2, width}, new int[] {height, height / 3, height}, 3);
        g.dispose();
        Path file = Files.createTempFile("summit", ".png");
        ImageIO.write(image, "png", file.toFile());
        return file;
    }
}
