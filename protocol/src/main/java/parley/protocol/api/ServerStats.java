package parley.protocol.api;

/**
 * A node's report on itself, for operators and the load tool.
 *
 * @param heapUsedBytes      Java heap in use (live objects and garbage not yet collected)
 * @param heapCommittedBytes Java heap reserved from the operating system
 * @param directBytes        memory of direct (off-heap) buffers, the network's buffers among them
 * @param residentBytes      the process's resident memory ({@code VmRSS}), or -1 where the operating
 *                           system does not say (only Linux does)
 * @param sessions           live client sessions on this node (WebSocket and long polling)
 * @param onlineUsers        distinct users with at least one session on this node
 * @param threads            live threads of the process
 * @param uptimeMillis       time since the process started
 */
public record ServerStats(long heapUsedBytes, long heapCommittedBytes, long directBytes, long residentBytes,
                          int sessions, int onlineUsers, int threads, long uptimeMillis) {
}
