package parley.server.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connection handling under the SQLite stores: one writer, readers that never wait for it. */
class SqliteDatabaseTest {

    @TempDir
    Path dir;

    private SqliteDatabase database;

    @BeforeEach
    void open() throws SQLException {
        database = SqliteDatabase.open(dir.resolve("test.db"), SqliteOptions.defaults());
        database.write(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE notes (text TEXT NOT NULL)");
            }
            return null;
        });
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aReadDoesNotWaitForAWriteInProgress() {
        insert("committed");

        long seenDuringWrite = database.write(connection -> {
            insertOn(connection, "not yet committed");
            return CompletableFuture.supplyAsync(this::count).orTimeout(5, TimeUnit.SECONDS).join();
        });

        assertThat(seenDuringWrite).as("the reader saw the last commit, without waiting").isEqualTo(1);
        assertThat(count()).isEqualTo(2);
    }

    @Test
    void aReadSeesOneSnapshotThroughout() {
        insert("one");

        long[] counts = database.read(connection -> {
            long before = countOn(connection);
            CompletableFuture.runAsync(() -> insert("two")).orTimeout(5, TimeUnit.SECONDS).join();
            return new long[] {before, countOn(connection)};
        });

        assertThat(counts).containsExactly(1, 1);
        assertThat(count()).isEqualTo(2);
    }

    @Test
    void aWriteThatThrowsIsRolledBackAndTheFailurePassesThrough() {
        IllegalStateException failure = new IllegalStateException("halfway");

        assertThatThrownBy(() -> database.write(connection -> {
            insertOn(connection, "first");
            throw failure;
        })).isSameAs(failure);

        assertThat(count()).isZero();
        insert("after");
        assertThat(count()).as("the writer is usable again").isEqualTo(1);
    }

    @Test
    void aBrokenStatementBecomesAStorageException() {
        assertThatThrownBy(() -> database.write(connection -> {
            insertOn(connection, "first");
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO notes (text) VALUES (NULL)");
            }
            return null;
        })).isInstanceOf(SqliteStorageException.class).hasMessageContaining("NOT NULL");

        assertThat(count()).isZero();
    }

    @Test
    void readersAreReadOnly() {
        assertThatThrownBy(() -> database.read(connection -> {
            insertOn(connection, "sneaky");
            return null;
        })).isInstanceOf(SqliteStorageException.class);
    }

    @Test
    void aClosedDatabaseRefusesWork() {
        database.close();

        assertThatThrownBy(this::count).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> insert("late")).isInstanceOf(IllegalStateException.class);
        database.close();
    }

    private void insert(String text) {
        database.write(connection -> {
            insertOn(connection, text);
            return null;
        });
    }

    private long count() {
        return database.read(SqliteDatabaseTest::countOn);
    }

    private static void insertOn(Connection connection, String text) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO notes (text) VALUES (?)")) {
            insert.setString(1, text);
            insert.executeUpdate();
        }
    }

    private static long countOn(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM notes")) {
            row.next();
            return row.getLong(1);
        }
    }
}
