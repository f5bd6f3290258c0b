package parley.server.store;

import java.util.Optional;

/**
 * What each user stores, in bytes, and their quota. Message texts are counted in the transaction
 * that stores them (see {@link JdbcQuotaStore#countStored}); uploads when they are created, and
 * given back when an unfinished one is cancelled or abandoned.
 */
public interface QuotaStore {

    /** A user's stored bytes, and the quota an operator set for them (none: the node's default). */
    record Use(long storedBytes, Optional<Long> quotaBytes) {
    }

    /** Empty for an unknown user. */
    Optional<Use> use(long userId);

    /** Adds (or, negative, gives back) stored bytes; never below zero. */
    void add(long userId, long bytes);

    /** Sets a user's own quota, or with empty returns them to the default; false for an unknown user. */
    boolean setQuota(long userId, Optional<Long> quotaBytes);
}
