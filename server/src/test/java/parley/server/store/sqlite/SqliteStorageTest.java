package parley.server.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening the embedded storage: folders, WAL mode, migrations applied once, a closed storage. */
class SqliteStorageTest {

    @TempDir
    Path dir;

    @Test
    void openingCreatesTheFoldersAndAWalDatabaseAtTheNewestSchema() throws Exception {
        Path file = dir.resolve("data").resolve("nested").resolve("parley.db");

        SqliteStorage.open(file, SqliteOptions.defaults()).close();
        SqliteStorage.open(file, SqliteOptions.defaults()).close();

        assertThat(file).isRegularFile();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement()) {
            assertThat(single(statement, "PRAGMA journal_mode")).isEqualTo("wal");
            assertThat(single(statement, "SELECT group_concat(version) FROM flyway_schema_history"
                    + " WHERE success = 1 AND version IS NOT NULL")).as("each migration applied once").isEqualTo(migrationVersions());
        }
    }

    @Test
    void aFileThatIsNotADatabaseIsRefused() throws Exception {
        Path file = dir.resolve("parley.db");
        Files.writeString(file, "this is not a SQLite database, just some text that fills a header or more");

        assertThatThrownBy(() -> SqliteStorage.open(file, SqliteOptions.defaults()))
                .isInstanceOf(SqliteStorageException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void aClosedStorageRefusesWork() {
        SqliteStorage storage = SqliteStorage.open(dir.resolve("parley.db"), SqliteOptions.defaults());

        storage.close();

        assertThatThrownBy(() -> storage.messages().lastSeq(1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> storage.accounts().createUser("late", "hash", 0))
                .isInstanceOf(IllegalStateException.class);
        storage.close();
    }

    @Test
    void normalSynchronousModeOpensToo() {
        SqliteOptions normal = SqliteOptions.defaults().withSynchronous(SqliteOptions.Synchronous.NORMAL);

        try (SqliteStorage storage = SqliteStorage.open(dir.resolve("parley.db"), normal)) {
            assertThat(storage.accounts().createUser("alice", "hash", 0)).isPresent();
        }
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }

    /** The versions of the migrations under db/sqlite, ascending and comma-separated: "1,2,3". */
    private static String migrationVersions() throws java.io.IOException, java.net.URISyntaxException {
        Path folder = Path.of(SqliteStorageTest.class.getResource("/db/sqlite").toURI());
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(folder)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(name -> name.matches("V\\d+__.*\\.sql"))
                    .map(name -> Integer.parseInt(name.substring(1, name.indexOf("__"))))
                    .sorted()
                    .map(String::valueOf)
                    .collect(java.util.stream.Collectors.joining(","));
        }
    }
}
