package parley.server.cluster.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import parley.server.cluster.ClusterBus;
import parley.server.cluster.ClusterBusContract;
import parley.server.testing.RedisServer;

class RedisClusterBusTest extends ClusterBusContract {
    @Override
    protected ClusterBus newNode() {
        return new RedisClusterBus(RedisOptions.of(RedisServer.shared().uri(), "node"));
    }

    @Test
    void startingWithAnUnreachableRedisFailsAtOnceNamingTheUri() {
        RedisServer gone = RedisServer.create();
        URI uri = gone.uri();
        gone.close();
        long started = System.nanoTime();
        assertThatThrownBy(() -> new RedisClusterBus(RedisOptions.of(uri, "node")))
                .isInstanceOf(RedisUnavailableException.class)
                .hasMessage("cannot connect to Redis at " + uri + ": Connection refused");
        assertThat(System.nanoTime() - started).isLessThan(2_000_000_000L);
    }
}
