package parley.server.chat;

import java.time.Clock;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import parley.protocol.ErrorCode;
import parley.protocol.ProtocolException;
import parley.protocol.frame.ClientFrame;
import parley.protocol.frame.ServerFrame;
import parley.protocol.model.ChatPage;
import parley.protocol.model.ChatSummary;
import parley.protocol.model.MessagePage;
import parley.server.config.ChatConfig;
import parley.server.store.AccountStore;
import parley.server.store.ChatStore;
import parley.server.store.GroupStore;
import parley.server.store.HistoryQuery;
import parley.server.store.MessageStore;
import parley.server.store.SyncPage;
import parley.server.store.User;

/**
 * The read side of chats (and opening a one-on-one chat): history, sync, the chat list. Every
 * call checks membership first and answers {@code not_found} for a chat the user is not in, the
 * same as for one that does not exist. Blocking (it reads the store): call off the event loop.
 */
public final class ChatQueries {
    private static final int DEFAULT_HISTORY = 50;
    private static final int DEFAULT_CHATS = 100;

    private final AccountStore accounts;
    private final ChatStore chats;
    private final MessageStore messages;
    private final GroupStore groups;
    private final ChatConfig config;
    private final Clock clock;
    private final NewContacts contacts;

    public ChatQueries(AccountStore accounts, ChatStore chats, MessageStore messages, GroupStore groups,
                       ChatConfig config, Clock clock, NewContacts contacts) {
        this.contacts = contacts;
        this.accounts = accounts;
        this.chats = chats;
        this.messages = messages;
        this.groups = groups;
        this.config = config;
        this.clock = clock;
    }

    public ChatSummary openDirect(long userId, String username) {
        User peer = accounts.findUser(username)
                .orElseThrow(() -> new ProtocolException(ErrorCode.NOT_FOUND, "no such user"));
        long chatId = chats.openDirect(userId, peer.id(), clock.millis());
        contacts.met(List.of(userId, peer.id()), List.of(userId, peer.id()));
        return chats.summary(chatId, userId).orElseThrow(() -> new IllegalStateException("chat vanished"));
    }

    public MessagePage history(long userId, long chatId, Long before, Long after, Integer limit) {
        if (before != null && after != null) {
            throw new ProtocolException(ErrorCode.INVALID_REQUEST, "give before or after, not both");
        }
        requireMember(userId, chatId);
        // a member added to a group sees it from the message that added them (joined) on
        long joined = groups.joinedSeqs(userId).getOrDefault(chatId, 0L);
        Long from = after == null || joined <= 1 ? after : Long.valueOf(Math.max(after, joined - 1));
        MessagePage page = messages.history(chatId,
                new HistoryQuery(before, from, pageSize(limit, DEFAULT_HISTORY), config.maxPageBytes()));
        if (joined <= 1 || page.messages().isEmpty() || page.messages().getFirst().seq() >= joined) {
            return page;
        }
        return new MessagePage(chatId, page.messages().stream().filter(m -> m.seq() >= joined).toList(),
                after != null && page.more());
    }

    public ChatPage listChats(long userId, String before, Integer limit) {
        try {
            return chats.listChats(userId, before, pageSize(limit, DEFAULT_CHATS));
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(ErrorCode.INVALID_REQUEST, "before is not a cursor this server gave out");
        }
    }

    public ServerFrame.Synced sync(long userId, ClientFrame.Sync sync) {
        int limit = pageSize(sync.limit(), config.maxPageSize());
        long fromChat = sync.fromChat() == null ? 0 : sync.fromChat();
        Map<Long, Long> since = new HashMap<>(sync.since());
        groups.joinedSeqs(userId).forEach((chatId, joined) -> since.merge(chatId, joined - 1, Math::max));
        SyncPage page = messages.sync(userId, since, fromChat, limit, config.maxPageSize(),
                config.maxPageBytes());
        return new ServerFrame.Synced(sync.ref(), page.messages(), page.chats(), page.next().orElse(null));
    }

    private void requireMember(long userId, long chatId) {
        if (!chats.isMember(chatId, userId)) {
            throw new ProtocolException(ErrorCode.NOT_FOUND, "no such chat");
        }
    }

    private int pageSize(Integer asked, int fallback) {
        if (asked == null) {
            return Math.min(fallback, config.maxPageSize());
        }
        if (asked < 1 || asked > config.maxPageSize()) {
            throw new ProtocolException(ErrorCode.INVALID_REQUEST,
                    "limit must be from 1 to " + config.maxPageSize());
        }
        return asked;
    }
}
