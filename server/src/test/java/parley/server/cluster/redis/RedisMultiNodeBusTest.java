package parley.server.cluster.redis;

import parley.server.cluster.ClusterBus;
import parley.server.cluster.MultiNodeBusContract;
import parley.server.testing.RedisServer;

class RedisMultiNodeBusTest extends MultiNodeBusContract {
    private int nodes;

    @Override
    protected ClusterBus newNode() {
        return new RedisClusterBus(RedisOptions.of(RedisServer.shared().uri(), "node" + ++nodes));
    }
}
