package parley.server.store.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.postgresql.Driver;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Opens one connection with the options before a pool is built on them, so that a wrong address,
 * password or database name fails {@link PostgresStorage#open} at once with a message a person can
 * act on ("cannot connect to PostgreSQL at jdbc:postgresql://127.0.0.1:5432/parley as user 'parley':
 * password authentication failed for user "parley""), rather than as a pool's stack trace in the
 * log or a first send that times out. Stateless.
 */
final class ConnectionProbe {

    /** Far above any statement of the store; a migration runs on connections without it. */
    static final int SOCKET_TIMEOUT_SECONDS = 30;

    /** SQLSTATE for "database does not exist". */
    private static final String INVALID_CATALOG_NAME = "3D000";

    private ConnectionProbe() {
    }

    /**
     * Connects once and disconnects.
     *
     * @throws PostgresStorageException naming the server, the user and what went wrong
     */
    static void probe(PostgresOptions options) {
        Properties properties = driverProperties(options);
        properties.setProperty("user", options.user());
        properties.setProperty("password", options.password());
        try (Connection connection = new Driver().connect(options.jdbcUrl(), properties)) {
            if (connection == null) {
                throw new PostgresStorageException(prefix(options) + ": the PostgreSQL driver does not accept"
                        + " this URL", null);
            }
        } catch (SQLException e) {
            throw new PostgresStorageException(prefix(options) + ": " + reason(e), e);
        }
    }

    /**
     * The driver settings every pooled connection of the store gets (the URL's own settings win):
     * connecting and logging in are bounded by the connection timeout, and a statement that gets
     * no answer for {@value #SOCKET_TIMEOUT_SECONDS} s fails (a frozen server, a network cut without
     * a reset) rather than stalling the node's writer for as long as TCP takes to give up.
     */
    static Properties driverProperties(PostgresOptions options) {
        String timeoutSeconds = Long.toString(Math.max(1, (options.connectionTimeout().toMillis() + 999) / 1000));
        Properties properties = new Properties();
        properties.setProperty("connectTimeout", timeoutSeconds);
        properties.setProperty("loginTimeout", timeoutSeconds);
        properties.setProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT_SECONDS));
        properties.setProperty("ApplicationName", "parley");
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("reWriteBatchedInserts", "true");
        return properties;
    }

    static String prefix(PostgresOptions options) {
        return "cannot connect to PostgreSQL at " + JdbcUrls.redact(options.jdbcUrl())
                + " as user '" + options.user() + "'";
    }

    /** What went wrong, in the server's words when it answered, else the driver's and its cause's. */
    static String reason(SQLException e) {
        if (e instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
            ServerErrorMessage server = psql.getServerErrorMessage();
            String text = server.getMessage();
            if (INVALID_CATALOG_NAME.equals(e.getSQLState())) {
                return text + " (create it, or fix the database name in the URL)";
            }
            return text;
        }
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && !text.contains(cause.getMessage())) {
            text += " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")";
        }
        return text;
    }
}
