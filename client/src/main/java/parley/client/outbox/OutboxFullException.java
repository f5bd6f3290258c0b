package parley.client.outbox;

/**
 * A send was refused at once because the outbox already holds its maximum of unacknowledged
 * sends (the server is unreachable or slower than the application). Wait for acks, or raise
 * {@code ClientOptions.maxOutbox}.
 */
public class OutboxFullException extends IllegalStateException {
    public OutboxFullException(int capacity) {
        super("outbox full: " + capacity + " sends await their ack; wait for acks or raise ClientOptions.maxOutbox");
    }
}
