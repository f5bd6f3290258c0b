package parley.protocol.api;

/**
 * What one user stores and may store, for the operator ({@code GET} and {@code PUT
 * /api/admin/users/{username}/quota}): stored bytes (message texts and files), the quota that
 * applies, and whether it is the user's own ({@code false}: the node's default).
 */
public record StorageUsage(String username, long storedBytes, long quotaBytes, boolean own) {
}
