package parley.server.config;

/**
 * The chat core's bounds.
 *
 * @param maxTextBytes   the largest message text, in UTF-8 bytes
 * @param maxPageSize    the most messages (or chats) in one page of history, sync or chat list
 * @param maxPageBytes   the most text (UTF-8 bytes) in one page of history or sync
 * @param writerBatchMax the most writes committed in one transaction
 * @param writerQueueMax the most writes waiting for the writer before sends are refused
 */
public record ChatConfig(int maxTextBytes, int maxPageSize, int maxPageBytes, int writerBatchMax, int writerQueueMax) {
}
