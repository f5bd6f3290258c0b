package parley.client.inbox;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import parley.protocol.frame.ClientFrame;
import parley.protocol.frame.ServerFrame;
import parley.protocol.model.ChatMessage;
import parley.protocol.model.MessageKind;
import parley.protocol.model.SystemEvent;
import parley.protocol.model.SystemEventType;
import parley.protocol.model.ChatState;

/**
 * The read side of a connection: merges pushed messages, the pages of the resync that follows
 * every {@code ready}, and the history pages that fill gaps into one exactly-once, in-order,
 * gap-free stream per chat (through {@link ChatOrdering}).
 *
 * <p>The resync walks the paged {@code sync} from the held seqs until {@code next} is absent; each
 * next page's {@code since} is the held seqs, raised by what the walk has received, so every
 * page makes progress. While it runs, pushes that jump ahead are buffered; when it completes, any
 * chat still showing a gap (buffered messages, overflow, a chat state's lastSeq beyond held) is
 * filled with {@code history after=held} requests, one at a time, until the gap closes or a page
 * brings nothing new (then the chat waits for the next push or resync).
 *
 * <p>A state machine without I/O: each input returns an {@link InboxStep} for the owner to carry
 * out. It owns the refs of its requests ({@link #owns}). Not thread-safe: confined to the
 * connection's I/O thread.
 */
public final class Inbox {
    private final ChatOrdering ordering;
    private long self = -1;
    private final Integer syncLimit;
    private final int gapLimit;
    private final Deque<Long> gapQueue = new ArrayDeque<>();
    private final Map<Long, Long> walkReceived = new HashMap<>();
    private long nextRef;
    private boolean connected;
    private String syncRef;
    private String gapRef;
    private long gapChat;
    private long gapHeldBefore;

    /**
     * @param syncLimit messages per sync page asked for, null for the server's default
     * @param gapLimit  messages per history page when filling a gap
     */
    public Inbox(ChatOrdering ordering, Integer syncLimit, int gapLimit) {
        this.ordering = ordering;
        this.syncLimit = syncLimit;
        this.gapLimit = gapLimit;
    }

    /** The connection is ready: starts the resync (forgetting any request of an earlier socket). */
    public InboxStep start() {
        connected = true;
        gapRef = null;
        gapQueue.clear();
        walkReceived.clear();
        syncRef = ref("sync");
        ClientFrame sync = new ClientFrame.Sync(syncRef, ordering.heldSeqs(), null, syncLimit);
        return new InboxStep(List.of(), List.of(), List.of(sync), false, false);
    }

    /** The socket dropped: answers to requests in flight will never come. */
    public void disconnected() {
        connected = false;
        syncRef = null;
        gapRef = null;
        gapQueue.clear();
    }

    /** Whether the resync of the current socket is still running. */
    public boolean syncing() {
        return syncRef != null;
    }

    /** Whether the ref is one of the inbox's own requests in flight. */
    public boolean owns(String ref) {
        return ref != null && (ref.equals(syncRef) || ref.equals(gapRef));
    }

    /** The highest seq of the chat handed to the application. */
    public long held(long chatId) {
        return ordering.held(chatId);
    }

    /**
     * Who this connection is logged in as: a group's system message that adds this user is where
     * the group starts for them (they may not see what came before).
     */
    public void identify(long userId) {
        self = userId;
    }

    private List<ChatMessage> offer(ChatMessage message) {
        SystemEvent event = message.event();
        if (message.kind() == MessageKind.SYSTEM && event != null && event.type() == SystemEventType.ADDED
                && event.targetIds().contains(self)) {
            ordering.startAt(message.chatId(), message.seq() - 1);
        }
        return ordering.offer(message);
    }

    /** A message pushed by the server. */
    public InboxStep push(ChatMessage message) {
        Step step = new Step();
        step.messages.addAll(offer(message));
        scheduleGaps(step);
        return step.build();
    }

    /** The answer ({@code synced} or {@code history}) to one of the inbox's requests. */
    public InboxStep answer(ServerFrame frame) {
        Step step = new Step();
        if (frame instanceof ServerFrame.Synced synced && synced.ref().equals(syncRef)) {
            onSynced(synced, step);
        } else if (frame instanceof ServerFrame.History history && history.ref().equals(gapRef)) {
            onGapPage(history, step);
        }
        return step.build();
    }

    /** The server answered one of the inbox's requests with an error. */
    public InboxStep failed(String ref) {
        Step step = new Step();
        if (ref.equals(syncRef)) {
            syncRef = null;
            step.syncFailed = true;
        } else if (ref.equals(gapRef)) {
            gapRef = null;
            pumpGaps(step);
        }
        return step.build();
    }

    private void onSynced(ServerFrame.Synced page, Step step) {
        for (ChatMessage message : page.messages()) {
            walkReceived.merge(message.chatId(), message.seq(), Math::max);
            step.messages.addAll(offer(message));
        }
        for (ChatState state : page.chats()) {
            ordering.noteLastSeq(state.chatId(), state.lastSeq());
            step.states.add(state);
        }
        if (page.next() != null) {
            Map<Long, Long> since = ordering.heldSeqs();
            walkReceived.forEach((chatId, seq) -> since.merge(chatId, seq, Math::max));
            syncRef = ref("sync");
            step.requests.add(new ClientFrame.Sync(syncRef, since, page.next(), syncLimit));
            return;
        }
        syncRef = null;
        walkReceived.clear();
        step.syncCompleted = true;
        scheduleGaps(step);
    }

    private void onGapPage(ServerFrame.History answer, Step step) {
        gapRef = null;
        for (ChatMessage message : answer.page().messages()) {
            step.messages.addAll(offer(message));
        }
        boolean progressed = ordering.held(gapChat) > gapHeldBefore;
        if (progressed && ordering.hasGap(gapChat)) {
            gapQueue.addFirst(gapChat);
        }
        pumpGaps(step);
    }

    private void scheduleGaps(Step step) {
        if (!connected || syncing()) {
            return;
        }
        for (long chatId : ordering.chatsWithGaps()) {
            if (!gapQueue.contains(chatId) && !(gapRef != null && gapChat == chatId)) {
                gapQueue.addLast(chatId);
            }
        }
        pumpGaps(step);
    }

    private void pumpGaps(Step step) {
        while (gapRef == null && !gapQueue.isEmpty()) {
            long chatId = gapQueue.pollFirst();
            if (ordering.hasGap(chatId)) {
                gapRef = ref("gap");
                gapChat = chatId;
                gapHeldBefore = ordering.held(chatId);
                step.requests.add(new ClientFrame.History(gapRef, chatId, null, gapHeldBefore, gapLimit));
            }
        }
    }

    private String ref(String kind) {
        return kind + "-" + (++nextRef);
    }

    private static final class Step {
        final List<ChatMessage> messages = new ArrayList<>();
        final List<ChatState> states = new ArrayList<>();
        final List<ClientFrame> requests = new ArrayList<>();
        boolean syncCompleted;
        boolean syncFailed;

        InboxStep build() {
            if (messages.isEmpty() && states.isEmpty() && requests.isEmpty() && !syncCompleted && !syncFailed) {
                return InboxStep.NOTHING;
            }
            return new InboxStep(messages, states, requests, syncCompleted, syncFailed);
        }
    }
}
