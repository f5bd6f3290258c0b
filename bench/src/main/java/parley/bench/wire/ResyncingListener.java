package parley.bench.wire;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import parley.bench.load.SeqLedger;
import parley.protocol.frame.ClientFrame;
import parley.protocol.frame.ServerFrame;
import parley.protocol.model.ChatMessage;

/**
 * A member's reader on a raw session, as a minimal client: on {@code ready} it resyncs (a paged
 * {@code sync} from the seqs the member holds, page after page until the last), and every message,
 * pushed or synced, goes to its chat's {@link SeqLedger}, which judges order, gaps and
 * duplicates. Pushes that arrive during the resync may be ahead of it; they are held until the
 * resync ends, then applied (those the sync already gave are redundant copies). Tells {@link Events} of each new message from another member, of each sync page and
 * of the end of the resync. Runs on the session's event loop; holds no state across sessions, so a
 * member that reconnects gets a new one.
 */
public final class ResyncingListener implements WireListener {

    /** What the reader reports; called on the session's event loop. */
    public interface Events {
        /** A message from another member, new to this member. */
        default void delivered(long memberId, ChatMessage message) {
        }

        /** A sync page arrived, {@code nanos} after it was asked for. */
        default void syncPage(long nanos, int messages) {
        }

        /** The resync after {@code ready} is complete. */
        default void resynced(WireSession session) {
        }

        default void error(WireSession session, ServerFrame.Error error) {
        }

        default void closed(WireSession session, String why) {
        }
    }

    private final long memberId;
    private final Map<Long, SeqLedger> ledgers;
    private final Integer pageLimit;
    private final Events events;
    private final List<ChatMessage> pushedDuringResync = new ArrayList<>();
    private boolean resyncing;
    private long asked;
    private int pages;

    /**
     * @param ledgers   the member's chats, by chat id; messages of other chats are ignored
     * @param pageLimit messages per sync page, or null for the server's default
     */
    public ResyncingListener(long memberId, Map<Long, SeqLedger> ledgers, Integer pageLimit, Events events) {
        this.memberId = memberId;
        this.ledgers = ledgers;
        this.pageLimit = pageLimit;
        this.events = events;
    }

    @Override
    public void ready(WireSession session, ServerFrame.Ready ready) {
        resyncing = true;
        ask(session, null);
    }

    @Override
    public void frame(WireSession session, ServerFrame frame) {
        switch (frame) {
            case ServerFrame.Message pushed -> {
                if (resyncing) {
                    pushedDuringResync.add(pushed.message()); // may be ahead of the sync: held until it ends
                } else {
                    apply(pushed.message());
                }
            }
            case ServerFrame.Synced page -> {
                events.syncPage(System.nanoTime() - asked, page.messages().size());
                page.messages().forEach(this::apply);
                if (page.next() != null) {
                    ask(session, page.next());
                } else {
                    resyncing = false;
                    pushedDuringResync.forEach(this::apply);
                    pushedDuringResync.clear();
                    events.resynced(session);
                }
            }
            case ServerFrame.Error error -> events.error(session, error);
            default -> {
            }
        }
    }

    @Override
    public void closed(WireSession session, String why) {
        events.closed(session, why);
    }

    private void ask(WireSession session, Long fromChat) {
        Map<Long, Long> since = new HashMap<>();
        ledgers.forEach((chatId, ledger) -> since.put(chatId, ledger.held(memberId)));
        asked = System.nanoTime();
        session.send(new ClientFrame.Sync("sync-" + (++pages), since, fromChat, pageLimit));
    }

    private void apply(ChatMessage message) {
        SeqLedger ledger = ledgers.get(message.chatId());
        if (ledger != null && ledger.accept(memberId, message) == SeqLedger.Outcome.NEW
                && message.senderId() != memberId) {
            events.delivered(memberId, message);
        }
    }
}
