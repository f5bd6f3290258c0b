package parley.server.config;

/**
 * What one user may store.
 *
 * @param storedBytesPerUser the default quota of each user's stored bytes (message texts and
 *                           files); an operator may set another for one user
 */
public record QuotaConfig(long storedBytesPerUser) {
}
