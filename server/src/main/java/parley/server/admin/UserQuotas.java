package parley.server.admin;

import java.util.Optional;
import parley.protocol.ErrorCode;
import parley.protocol.ProtocolException;
import parley.protocol.api.QuotaRequest;
import parley.protocol.api.StorageUsage;
import parley.server.quota.StorageQuota;
import parley.server.store.AccountStore;
import parley.server.store.User;

/** The operator's view of one user's stored bytes and quota, by username. Blocking. */
public final class UserQuotas {
    private final AccountStore accounts;
    private final StorageQuota quota;

    public UserQuotas(AccountStore accounts, StorageQuota quota) {
        this.accounts = accounts;
        this.quota = quota;
    }

    public StorageUsage read(String username) {
        User user = user(username);
        StorageQuota.Usage usage = quota.read(user.id()).orElseThrow(UserQuotas::unknown);
        return new StorageUsage(user.username(), usage.storedBytes(), usage.quotaBytes(), usage.own());
    }

    public StorageUsage set(String username, QuotaRequest request) {
        if (request.quotaBytes() != null && request.quotaBytes() < 0) {
            throw new ProtocolException(ErrorCode.INVALID_REQUEST, "quotaBytes must be 0 or more, or null for the default");
        }
        User user = user(username);
        if (!quota.setQuota(user.id(), Optional.ofNullable(request.quotaBytes()))) {
            throw unknown();
        }
        return read(username);
    }

    private User user(String username) {
        return accounts.findUser(username).orElseThrow(UserQuotas::unknown);
    }

    private static ProtocolException unknown() {
        return new ProtocolException(ErrorCode.UNKNOWN_USER, "no such user");
    }
}
