package parley.server.media.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The {@code filename} parameters of a Content-Disposition header (RFC 6266): an ASCII fallback
 * with quotes, backslashes and anything outside printable ASCII replaced, and the exact name in
 * UTF-8 as {@code filename*}.
 */
final class ContentDisposition {
    private ContentDisposition() {
    }

    static String filename(String name) {
        StringBuilder ascii = new StringBuilder(name.length());
        for (char c : name.toCharArray()) {
            ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%' ? c : '_');
        }
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return "filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
