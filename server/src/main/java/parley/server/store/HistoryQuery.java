package parley.server.store;

/**
 * Which page of a chat's history: the newest {@code limit} messages before seq {@code before}
 * (exclusive), or the oldest {@code limit} messages after seq {@code after} (exclusive), or, with
 * neither, the newest {@code limit} messages. Pages are always in ascending seq order. A page also
 * stops once its texts reach {@code maxBytes} (UTF-8), keeping the messages nearest the anchor;
 * it always holds at least one message when there is one.
 */
public record HistoryQuery(Long before, Long after, int limit, long maxBytes) {

    public HistoryQuery(Long before, Long after, int limit) {
        this(before, after, limit, Long.MAX_VALUE);
    }

    public HistoryQuery {
        if (before != null && after != null) {
            throw new IllegalArgumentException("before and after are exclusive");
        }
        if (limit < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("limit and maxBytes must be at least 1");
        }
    }
}
