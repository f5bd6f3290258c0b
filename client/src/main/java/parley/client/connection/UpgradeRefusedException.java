package parley.client.connection;

/** The server answered the WebSocket upgrade with an HTTP error (401 for a bad token). */
public class UpgradeRefusedException extends RuntimeException {
    private final int status;

    public UpgradeRefusedException(int status) {
        super("WebSocket upgrade refused with HTTP status " + status);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
