package parley.client.connection;

/** Where a {@link ParleyConnection} stands, as reported to {@link ConnectionListener#onStateChange}. */
public enum ConnectionState {
    /** Opening a socket, or open and waiting for {@code ready} and the resync to complete. */
    CONNECTING,
    /**
     * Ready, and the resync after {@code ready} has completed: the listener has been given every
     * message the server held when the sync ran (gap fills for pushes that jumped ahead may still
     * be running). Sends, receipts and requests flow.
     */
    ONLINE,
    /** The socket dropped; waiting out the backoff delay before the next attempt. */
    OFFLINE,
    /**
     * Closed for good: by {@link ParleyConnection#close()}, or by the server with a terminal
     * reason ({@code unauthorized}, {@code session_revoked}; see
     * {@link ParleyConnection#closeReason()}). Never reconnects.
     */
    CLOSED
}
