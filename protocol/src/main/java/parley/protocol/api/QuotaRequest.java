package parley.protocol.api;

/** Sets one user's quota of stored bytes; {@code null} returns them to the node's default. */
public record QuotaRequest(Long quotaBytes) {
}
