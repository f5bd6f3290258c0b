package parley.server.config;

/**
 * The chat core's bounds.
 *
 * @param maxTextBytes           the largest message text, in UTF-8 bytes
 * @param maxPageSize            the most messages (or chats) in one page of history, sync or chat list
 * @param maxPageBytes           the most text (UTF-8 bytes) in one page of history or sync
 * @param writerBatchMax         the most writes committed in one transaction
 * @param writerQueueMax         the most writes waiting for the writer before sends are refused
 * @param maxGroupMembers        the most members of one group
 * @param receiptCoalesceMembers groups with more members than this get their watermark pushes coalesced
 *                               (at most one batch per group per second)
 */
public record ChatConfig(int maxTextBytes, int maxPageSize, int maxPageBytes, int writerBatchMax, int writerQueueMax,
                         int maxGroupMembers, int receiptCoalesceMembers) {

    public static final int DEFAULT_MAX_GROUP_MEMBERS = 1024;
    public static final int DEFAULT_RECEIPT_COALESCE_MEMBERS = 16;

    /** The bounds with the default group settings. */
    public ChatConfig(int maxTextBytes, int maxPageSize, int maxPageBytes, int writerBatchMax, int writerQueueMax) {
        this(maxTextBytes, maxPageSize, maxPageBytes, writerBatchMax, writerQueueMax, DEFAULT_MAX_GROUP_MEMBERS,
                DEFAULT_RECEIPT_COALESCE_MEMBERS);
    }
}
