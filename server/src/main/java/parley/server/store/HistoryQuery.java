package parley.server.store;

/**
 * Which page of a chat's history: the newest {@code limit} messages before seq {@code before}
 * (exclusive), or the oldest {@code limit} messages after seq {@code after} (exclusive), or, with
 * neither, the newest {@code limit} messages. Pages are always in ascending seq order.
 */
public record HistoryQuery(Long before, Long after, int limit) {
    public HistoryQuery {
        if (before != null && after != null) {
            throw new IllegalArgumentException("before and after are exclusive");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
    }
}
