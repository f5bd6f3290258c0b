package parley.server.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parley.protocol.ErrorCode;
import parley.protocol.ProtocolException;
import parley.server.store.Storage;
import parley.server.store.sqlite.SqliteOptions;
import parley.server.store.sqlite.SqliteStorage;
import parley.server.testing.ManualClock;

/** The quota against the real SQLite store, with a clock the test moves and loads it runs by hand. */
class StorageQuotaTest {
    private static final long QUOTA = 1000;
    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final List<Runnable> loads = new ArrayList<>();
    @TempDir
    Path dir;
    private Storage storage;
    private StorageQuota quota;
    private long alice;

    @BeforeEach
    void open() {
        storage = SqliteStorage.open(dir.resolve("parley.db"), SqliteOptions.defaults());
        quota = new StorageQuota(storage.quotas(), QUOTA, clock, loads::add, 60_000, 2);
        alice = storage.accounts().createUser("alice", "$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA", clock.millis())
                .orElseThrow().id();
    }

    @AfterEach
    void close() {
        storage.close();
    }

    private void runLoads() {
        List<Runnable> now = new ArrayList<>(loads);
        loads.clear();
        now.forEach(Runnable::run);
    }

    @Test
    void aSendIsNeverHeldUpByALoadAndIsRefusedOnceTheFigureSaysItDoesNotFit() {
        storage.quotas().add(alice, 990);
        quota.checkSend(alice, 500);
        assertThat(loads).as("unknown figure: allowed, and loaded in the background").hasSize(1);
        quota.checkSend(alice, 500);
        assertThat(loads).as("one load at a time per user").hasSize(1);
        runLoads();
        quota.checkSend(alice, 10);
        assertThatThrownBy(() -> quota.checkSend(alice, 11)).isInstanceOfSatisfying(ProtocolException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED));
    }

    @Test
    void storedMessagesKeepTheFigureCurrentUntilItIsRefreshed() {
        quota.requireRoom(alice, 1);
        quota.stored(alice, 600);
        assertThatThrownBy(() -> quota.checkSend(alice, 401)).isInstanceOf(ProtocolException.class);
        assertThat(loads).isEmpty();
        clock.advance(60_001);
        assertThatThrownBy(() -> quota.checkSend(alice, 401)).as("stale: checked on what is known, reloaded")
                .isInstanceOf(ProtocolException.class);
        runLoads();
        quota.checkSend(alice, 401);
        assertThat(quota.read(alice)).hasValue(new StorageQuota.Usage(0, QUOTA, false));
    }

    @Test
    void filesCountAndTheOperatorsQuotaTakesEffectAtOnce() {
        quota.add(alice, 900);
        assertThatThrownBy(() -> quota.requireRoom(alice, 101)).isInstanceOf(ProtocolException.class);
        assertThat(quota.setQuota(alice, Optional.of(5000L))).isTrue();
        quota.requireRoom(alice, 4100);
        assertThat(quota.read(alice)).hasValue(new StorageQuota.Usage(900, 5000, true));
        quota.add(alice, -900);
        quota.requireRoom(alice, 5000);
        assertThat(quota.setQuota(424242, Optional.of(1L))).isFalse();
    }
}
