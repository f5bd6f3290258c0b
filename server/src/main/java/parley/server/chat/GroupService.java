package parley.server.chat;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import parley.protocol.ErrorCode;
import parley.protocol.ProtocolException;
import parley.protocol.api.GroupMembers;
import parley.protocol.api.MessageInfo;
import parley.protocol.model.ChatSummary;
import parley.server.config.ChatConfig;
import parley.server.limits.GroupLimits;
import parley.server.store.AppendResult;
import parley.server.store.ChatStore;
import parley.server.store.GroupChange;
import parley.server.store.GroupCommand;
import parley.server.store.GroupStore;

/**
 * Groups: creation, membership, roles, title, and message info. A change runs on the
 * {@link GroupCommitWriter}'s thread, in order with the node's appends, and its system message is
 * fanned out from there like any message, to the members after the change and whoever it removed.
 * Blocking (it waits for the writer): call off the event loop. Creating groups and adding members
 * are limited per user ({@link GroupLimits}): past the rate, {@code rate_limited} with a retry hint.
 */
public final class GroupService {
    static final int MAX_TITLE_CHARS = 100;
    private static final long WRITE_TIMEOUT_SECONDS = 30;

    private final GroupStore groups;
    private final ChatStore chats;
    private final GroupCommitWriter writer;
    private final Fanout fanout;
    private final ChatConfig config;
    private final Clock clock;
    private final NewContacts contacts;
    private final GroupLimits limits;

    public GroupService(GroupStore groups, ChatStore chats, GroupCommitWriter writer, Fanout fanout, ChatConfig config,
                        Clock clock, NewContacts contacts, GroupLimits limits) {
        this.contacts = contacts;
        this.limits = limits;
        this.groups = groups;
        this.chats = chats;
        this.writer = writer;
        this.fanout = fanout;
        this.config = config;
        this.clock = clock;
    }

    public ChatSummary create(long userId, GroupCommand.Create create) {
        GroupCommand.Create checked = new GroupCommand.Create(userId, title(create.title()), create.memberIds(),
                create.membersCanAdd());
        limits.create(userId, others(userId, create.memberIds()));
        GroupChange.Applied applied = apply(() -> groups.create(checked, config.maxGroupMembers(), clock.millis()));
        contacts.met(applied.audience(), applied.audience());
        return chats.summary(applied.chatId(), userId).orElseThrow(() -> new IllegalStateException("group vanished"));
    }

    public GroupMembers members(long userId, long chatId) {
        return groups.members(chatId, userId).orElseThrow(GroupService::noSuchChat);
    }

    public GroupMembers add(long userId, long chatId, List<Long> userIds) {
        limits.add(userId, others(userId, userIds));
        GroupChange.Applied applied = change(new GroupCommand.Add(chatId, userId, userIds));
        contacts.met(userIds, applied.audience());
        return members(userId, chatId);
    }

    public void remove(long userId, long chatId, long memberId) {
        change(new GroupCommand.Remove(chatId, userId, memberId));
    }

    public void leave(long userId, long chatId) {
        change(new GroupCommand.Leave(chatId, userId));
    }

    public GroupMembers rename(long userId, long chatId, String title) {
        String checked = title(title);
        change(new GroupCommand.Rename(chatId, userId, checked));
        return members(userId, chatId);
    }

    public GroupMembers setAdmin(long userId, long chatId, long memberId, boolean admin) {
        change(new GroupCommand.SetAdmin(chatId, userId, memberId, admin));
        return members(userId, chatId);
    }

    public MessageInfo info(long userId, long chatId, long seq) {
        if (!chats.isMember(chatId, userId)) {
            throw noSuchChat();
        }
        return groups.info(chatId, seq, userId).orElseThrow(() -> new ProtocolException(ErrorCode.SEQ_OUT_OF_RANGE,
                "the chat has no message " + seq + " you can see"));
    }

    private GroupChange.Applied change(GroupCommand command) {
        return apply(() -> groups.change(command, config.maxGroupMembers(), clock.millis()));
    }

    private GroupChange.Applied apply(Supplier<GroupChange> work) {
        CompletableFuture<GroupChange> outcome = new CompletableFuture<>();
        writer.run(work, (change, error) -> {
            if (error != null) {
                outcome.completeExceptionally(error);
                return;
            }
            if (change instanceof GroupChange.Applied applied && applied.message().isPresent()) {
                fanout.message(new AppendResult.Stored(applied.message().get(), false, applied.audience()));
            }
            outcome.complete(change);
        });
        GroupChange change;
        try {
            change = outcome.get(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProtocolException(ErrorCode.UNAVAILABLE, "interrupted; the change may or may not be stored");
        } catch (ExecutionException | TimeoutException e) {
            throw new ProtocolException(ErrorCode.UNAVAILABLE, "the change was not stored; retry it");
        }
        return switch (change) {
            case GroupChange.Applied applied -> applied;
            case GroupChange.Refused refused -> throw new ProtocolException(refused.code(), refused.reason());
        };
    }

    /** How many people other than the user a list names (each counted once). */
    private static int others(long userId, List<Long> userIds) {
        return userIds == null ? 0 : (int) userIds.stream().filter(id -> id != null && id != userId).distinct().count();
    }

    /** A group title trimmed; 1 to 100 characters (code points). */
    static String title(String title) {
        String trimmed = title == null ? "" : title.strip();
        int length = trimmed.codePointCount(0, trimmed.length());
        if (length < 1 || length > MAX_TITLE_CHARS) {
            throw new ProtocolException(ErrorCode.INVALID_TITLE,
                    "a group title has 1 to " + MAX_TITLE_CHARS + " characters; this one has " + length);
        }
        return trimmed;
    }

    private static ProtocolException noSuchChat() {
        return new ProtocolException(ErrorCode.NOT_FOUND, "no such chat");
    }
}
