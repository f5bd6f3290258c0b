package parley.protocol.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One member's ticks for one message: whether they have received ({@code delivered}) and read it,
 * and when their watermark passed it (epoch ms; absent when not yet).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MemberReceipt(long userId, String username, boolean delivered, Long deliveredAt, boolean read,
                            Long readAt) {
}
