package parley.protocol.api;

/** A registered user, as returned by {@code POST /api/register} and {@code GET /api/me}. */
public record UserInfo(long userId, String username) {
}
