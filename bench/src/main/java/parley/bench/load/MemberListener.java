package parley.bench.load;

import java.util.Map;
import parley.client.connection.ConnectionListener;
import parley.client.connection.ConnectionState;
import parley.protocol.frame.ServerFrame;
import parley.protocol.model.ChatMessage;

/**
 * One user's ears: every message its connection hands over goes to the chat's {@link ChatLedger};
 * a message from the other member, seen for the first time, is a delivery, timed from its intended
 * send time. Called on the connection's single callback thread, so its own field needs no lock.
 */
final class MemberListener implements ConnectionListener {
    private final long userId;
    private final Map<Long, ChatLedger> ledgers;
    private final SentMessages sent;
    private final RunRecorder recorder;
    private boolean wasOnline;

    MemberListener(long userId, Map<Long, ChatLedger> ledgers, SentMessages sent, RunRecorder recorder) {
        this.userId = userId;
        this.ledgers = ledgers;
        this.sent = sent;
        this.recorder = recorder;
    }

    @Override
    public void onMessage(ChatMessage message) {
        ChatLedger ledger = ledgers.get(message.chatId());
        if (ledger == null) {
            return;
        }
        boolean first = ledger.seen(userId, message);
        if (first && message.senderId() != userId) {
            Long intended = sent.intended(message.clientMsgId());
            if (intended != null) {
                recorder.delivered(intended);
            }
        }
    }

    @Override
    public void onError(ServerFrame.Error error) {
        recorder.serverError();
    }

    @Override
    public void onStateChange(ConnectionState state) {
        if (state == ConnectionState.ONLINE) {
            wasOnline = true;
        } else if (state == ConnectionState.OFFLINE && wasOnline) {
            recorder.reconnect();
        }
    }
}
