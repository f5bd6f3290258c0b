package parley.server.cluster;

class LocalClusterBusTest extends ClusterBusContract {
    @Override
    protected ClusterBus newNode() {
        return new LocalClusterBus();
    }
}
