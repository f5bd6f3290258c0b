package parley.server.store.postgres;

import java.util.regex.Pattern;

/** JDBC URLs as they may be shown to a person: with any password in them masked. Stateless. */
final class JdbcUrls {

    private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^&]*");

    private JdbcUrls() {
    }

    static String redact(String jdbcUrl) {
        return PASSWORD.matcher(jdbcUrl).replaceAll("$1***");
    }
}
