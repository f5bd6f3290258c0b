package parley.bench.sync;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import parley.bench.load.TargetOptions;

/**
 * The settings of a sync-and-history run.
 *
 * @param chats           chats the reader has (one partner each)
 * @param messages        messages written into each chat while the reader is away
 * @param size            bytes of text per message
 * @param syncPage        messages per sync page asked for; null for the server's default
 * @param page            messages per history page
 * @param historyChats    chats scrolled back to their first message
 * @param fillConnections writers connected at once while filling
 * @param limit           the most time the sync, and then the paging, may take
 */
record SyncOptions(TargetOptions target, int chats, int messages, int size, Integer syncPage, int page,
                   int historyChats, int fillConnections, Duration limit) {

    String describe() {
        return chats + " chats x " + messages + " messages of " + size + " bytes; cold sync"
                + (syncPage == null ? "" : " in pages of " + syncPage) + ", then " + historyChats
                + " chats scrolled back in pages of " + page;
    }

    Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("chats", chats);
        settings.put("messages", messages);
        settings.put("size", size);
        settings.put("syncPage", syncPage);
        settings.put("page", page);
        settings.put("historyChats", historyChats);
        settings.put("limitSeconds", limit.toSeconds());
        return settings;
    }
}
