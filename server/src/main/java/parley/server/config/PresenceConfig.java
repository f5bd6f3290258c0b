package parley.server.config;

/**
 * Presence settings.
 *
 * @param graceSeconds how long after a user's last connection ends (or falls silent) the user is
 *                     announced offline, unless a device connects again meanwhile: no flapping on a
 *                     quick reconnect
 */
public record PresenceConfig(int graceSeconds) {
}
