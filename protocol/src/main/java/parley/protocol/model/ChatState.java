package parley.protocol.model;

/**
 * Where a chat stands for one member: its last seq, the member's own watermarks, and the
 * others' watermarks (for a group, the minimum over the other members). All are seqs of the
 * chat; a watermark N means "everything up to and including N".
 */
public record ChatState(long chatId, long lastSeq, long delivered, long read,
                        long othersDelivered, long othersRead) {
}
