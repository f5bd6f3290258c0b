package parley.client.connection;

/** How a connection reaches the server. */
public enum TransportKind {
    /** A WebSocket: the primary transport. */
    WEBSOCKET,
    /** HTTP long polling: the fallback for networks that block WebSockets. */
    LONG_POLL
}
