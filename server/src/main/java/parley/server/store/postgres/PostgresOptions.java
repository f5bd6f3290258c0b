package parley.server.store.postgres;

import java.time.Duration;
import java.util.Objects;

/**
 * How the cluster store reaches PostgreSQL.
 *
 * @param jdbcUrl where, as a PostgreSQL JDBC URL: {@code jdbc:postgresql://host:5432/parley}
 *     (driver settings such as {@code sslmode} or {@code socketTimeout} may ride in its query)
 * @param user the role to log in as
 * @param password its password (empty when the server trusts the role without one)
 * @param poolSize how many connections this node keeps open; every node of a cluster opens this
 *     many, so {@code nodes * poolSize} must stay below the server's {@code max_connections}
 * @param connectionTimeout how long a write or read waits for a connection before it fails: short,
 *     so that while the database is down a send fails fast with a retryable error instead of
 *     hanging; also the bound on opening a new connection
 */
public record PostgresOptions(String jdbcUrl, String user, String password, int poolSize,
                              Duration connectionTimeout) {

    public static final int DEFAULT_POOL_SIZE = 10;
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);

    /** HikariCP's floor for a connection timeout. */
    private static final Duration MIN_CONNECTION_TIMEOUT = Duration.ofMillis(250);
    private static final Duration MAX_CONNECTION_TIMEOUT = Duration.ofMinutes(10);
    private static final int MAX_POOL_SIZE = 1000;

    public PostgresOptions {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("the PostgreSQL JDBC URL must start with \"jdbc:postgresql:\""
                    + " (for instance jdbc:postgresql://127.0.0.1:5432/parley), got \""
                    + JdbcUrls.redact(jdbcUrl) + "\"");
        }
        if (user.isBlank()) {
            throw new IllegalArgumentException("the PostgreSQL user must not be blank");
        }
        if (poolSize < 1 || poolSize > MAX_POOL_SIZE) {
            throw new IllegalArgumentException("the PostgreSQL pool size must be between 1 and "
                    + MAX_POOL_SIZE + ", got " + poolSize);
        }
        if (connectionTimeout.compareTo(MIN_CONNECTION_TIMEOUT) < 0
                || connectionTimeout.compareTo(MAX_CONNECTION_TIMEOUT) > 0) {
            throw new IllegalArgumentException("the PostgreSQL connection timeout must be between "
                    + MIN_CONNECTION_TIMEOUT.toMillis() + " ms and " + MAX_CONNECTION_TIMEOUT.toMinutes()
                    + " minutes, got " + connectionTimeout.toMillis() + " ms");
        }
    }

    /** The defaults: a pool of {@value #DEFAULT_POOL_SIZE} connections, a 5 second connection timeout. */
    public PostgresOptions(String jdbcUrl, String user, String password) {
        this(jdbcUrl, user, password, DEFAULT_POOL_SIZE, DEFAULT_CONNECTION_TIMEOUT);
    }

    public PostgresOptions withPoolSize(int size) {
        return new PostgresOptions(jdbcUrl, user, password, size, connectionTimeout);
    }

    public PostgresOptions withConnectionTimeout(Duration timeout) {
        return new PostgresOptions(jdbcUrl, user, password, poolSize, timeout);
    }

    /** Names the database and the user, never the password. */
    @Override
    public String toString() {
        return "PostgresOptions[jdbcUrl=" + JdbcUrls.redact(jdbcUrl) + ", user=" + user + ", poolSize="
                + poolSize + ", connectionTimeout=" + connectionTimeout.toMillis() + "ms]";
    }
}
