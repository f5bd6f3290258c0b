package parley.server.chat;

import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import parley.protocol.ErrorCode;
import parley.protocol.ProtocolException;
import parley.protocol.frame.ClientFrame;
import parley.protocol.frame.ServerFrame;
import parley.protocol.model.ChatMessage;
import parley.protocol.model.MessageKind;
import parley.server.auth.AuthenticatedDevice;
import parley.server.config.ChatConfig;
import parley.server.quota.StorageQuota;
import parley.server.store.Advance;
import parley.server.store.AdvanceResult;
import parley.server.store.Append;
import parley.server.store.AppendResult;

/**
 * The write path: validates sends and receipts, hands them to the {@link GroupCommitWriter}, and
 * once they are durable acks the sender and fans out to the members. The sender is always the
 * authenticated user; membership is checked inside the store's transaction, so a removed member
 * cannot slip a message in. Non-blocking: safe to call from an event loop. Each write takes a
 * {@code done} action that runs once its answer (ack or error) is out, on whatever thread: the
 * gateway counts the write in flight until then (see {@code ConnectionBudget}).
 */
public final class MessagingService {
    private static final Logger LOG = LoggerFactory.getLogger(MessagingService.class);

    private final GroupCommitWriter writer;
    private final Fanout fanout;
    private final ChatConfig config;
    private final MediaResolver media;
    private final StorageQuota quota;

    public MessagingService(GroupCommitWriter writer, Fanout fanout, ChatConfig config, MediaResolver media,
                            StorageQuota quota) {
        this.quota = quota;
        this.writer = writer;
        this.fanout = fanout;
        this.config = config;
        this.media = media;
    }

    /** A text message, or with {@code mediaId} a media message whose text is its caption (may be empty). */
    public void send(AuthenticatedDevice sender, ClientFrame.Send send, FrameSink replies) {
        send(sender, send, replies, () -> {
        });
    }

    /** As {@link #send(AuthenticatedDevice, ClientFrame.Send, FrameSink)}; {@code done} runs once it is answered. */
    public void send(AuthenticatedDevice sender, ClientFrame.Send send, FrameSink replies, Runnable done) {
        String ref = send.ref();
        if (send.mediaId() == null && send.text().isBlank()) {
            throw new ProtocolException(ErrorCode.INVALID_REQUEST, "text is empty", ref);
        }
        int bytes = send.text().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > config.maxTextBytes()) {
            throw new ProtocolException(ErrorCode.TEXT_TOO_LONG,
                    "text is " + bytes + " bytes; the limit is " + config.maxTextBytes(), ref);
        }
        try {
            quota.checkSend(sender.userId(), bytes);
        } catch (ProtocolException e) {
            throw e.withRef(ref);
        }
        if (send.mediaId() == null) {
            append(new Append(send.chatId(), sender.userId(), send.clientMsgId(), MessageKind.TEXT, send.text()), bytes, replies,
                    ref, done);
            return;
        }
        submit(() -> media.resolve(sender.userId(), send.mediaId(), (found, failure) -> {
            if (failure != null) {
                replies.send(internal(ref));
                done.run();
                return;
            }
            if (found.isEmpty()) {
                replies.send(new ServerFrame.Error(ref, ErrorCode.NOT_FOUND, "no such media"));
                done.run();
                return;
            }
            try {
                append(new Append(send.chatId(), sender.userId(), send.clientMsgId(), found.get().kind(), send.text(),
                        found.get()), bytes, replies, ref, done);
            } catch (ProtocolException e) {
                replies.send(new ServerFrame.Error(ref, e.code(), e.getMessage()));
                done.run();
            }
        }), ref);
    }

    /** @param bytes the text's UTF-8 length, counted once by the caller */
    private void append(Append append, int bytes, FrameSink replies, String ref, Runnable done) {
        submit(() -> writer.append(append, (result, error) -> {
            try {
                if (error != null) {
                    replies.send(internal(ref));
                    return;
                }
                switch (result) {
                    case AppendResult.Stored stored -> {
                        ChatMessage m = stored.message();
                        replies.send(new ServerFrame.Ack(m.clientMsgId(), m.chatId(), m.seq(), m.serverTime()));
                        if (!stored.duplicate()) {
                            quota.stored(m.senderId(), bytes);
                            fanout.message(stored);
                        }
                    }
                    case AppendResult.NotMember ignored -> replies.send(notFound(ref));
                }
            } finally {
                done.run();
            }
        }), ref);
    }

    public void receipt(AuthenticatedDevice member, ClientFrame.Receipt receipt, FrameSink replies) {
        receipt(member, receipt, replies, () -> {
        });
    }

    /** Advances a watermark; {@code done} runs once it is stored (or refused). */
    public void receipt(AuthenticatedDevice member, ClientFrame.Receipt receipt, FrameSink replies, Runnable done) {
        String ref = receipt.ref();
        if (receipt.seq() < 0) {
            throw new ProtocolException(ErrorCode.SEQ_OUT_OF_RANGE, "seq must not be negative", ref);
        }
        Advance advance = new Advance(receipt.chatId(), member.userId(), receipt.kind(), receipt.seq());
        submit(() -> writer.advance(advance, (result, error) -> {
            try {
                if (error != null) {
                    replies.send(internal(ref));
                    return;
                }
                switch (result) {
                    case AdvanceResult.Moved moved -> fanout.watermark(moved);
                    case AdvanceResult.Unchanged ignored -> {
                    }
                    case AdvanceResult.OutOfRange range -> replies.send(new ServerFrame.Error(ref,
                            ErrorCode.SEQ_OUT_OF_RANGE, "the chat's last seq is " + range.lastSeq()));
                    case AdvanceResult.NotMember ignored -> replies.send(notFound(ref));
                }
            } finally {
                done.run();
            }
        }), ref);
    }

    private static void submit(Runnable enqueue, String ref) {
        try {
            enqueue.run();
        } catch (ProtocolException e) {
            throw e.withRef(ref);
        }
    }

    static ServerFrame.Error notFound(String ref) {
        return new ServerFrame.Error(ref, ErrorCode.NOT_FOUND, "no such chat");
    }

    /** The store failed the write's batch (it is down, or refused): nothing was stored; a retry is safe. */
    private static ServerFrame.Error internal(String ref) {
        LOG.debug("write {} failed", ref);
        return new ServerFrame.Error(ref, ErrorCode.UNAVAILABLE, "the write was not stored; retry it");
    }
}
