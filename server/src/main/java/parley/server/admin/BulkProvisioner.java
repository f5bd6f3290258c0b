package parley.server.admin;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import parley.protocol.ErrorCode;
import parley.protocol.ProtocolException;
import parley.protocol.api.ProvisionRequest;
import parley.protocol.api.ProvisionResponse;
import parley.protocol.api.ProvisionedUser;
import parley.server.auth.Credentials;
import parley.server.auth.DeviceTokens;
import parley.server.auth.PasswordHasher;
import parley.server.store.AccountStore;
import parley.server.store.BulkCreation;
import parley.server.store.NewAccount;

/**
 * Creates accounts in bulk for an operator: tens of thousands in seconds, where registering and
 * logging in each would cost two Argon2id hashes. The accounts get no password (their stored hash
 * is {@link PasswordHasher#NO_PASSWORD}, which no password matches, so a login with any password
 * fails as for a wrong one); each gets one device whose token is returned once and stored only as
 * its SHA-256, as a login's would be. How real passwords are hashed is untouched. One batch is one
 * transaction: all its accounts or none. Stateless beyond its collaborators, so thread-safe.
 */
public final class BulkProvisioner {
    /** The most accounts in one request: a bounded transaction and an answer of about a megabyte. */
    public static final int MAX_BATCH = 10_000;
    private static final int MAX_DEVICE_NAME = 64;
    private static final int TAKEN_NAMED = 5;

    private final AccountStore accounts;
    private final DeviceTokens tokens;
    private final Clock clock;

    public BulkProvisioner(AccountStore accounts, DeviceTokens tokens, Clock clock) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.clock = clock;
    }

    public ProvisionResponse provision(ProvisionRequest request) {
        check(request);
        List<NewAccount> batch = new ArrayList<>(request.count());
        List<String> secrets = new ArrayList<>(request.count());
        for (int i = 0; i < request.count(); i++) {
            String token = tokens.newToken();
            secrets.add(token);
            batch.add(new NewAccount(request.prefix() + (request.first() + i), PasswordHasher.NO_PASSWORD,
                    deviceName(request.deviceName()), DeviceTokens.hash(token)));
        }
        BulkCreation outcome = accounts.createAccounts(batch, clock.millis());
        if (!outcome.taken().isEmpty()) {
            List<String> named = outcome.taken().subList(0, Math.min(TAKEN_NAMED, outcome.taken().size()));
            throw new ProtocolException(ErrorCode.USERNAME_TAKEN, outcome.taken().size() + " of the names are taken ("
                    + String.join(", ", named) + (outcome.taken().size() > named.size() ? ", ..." : "")
                    + "); nothing was created");
        }
        List<ProvisionedUser> users = new ArrayList<>(request.count());
        for (int i = 0; i < outcome.created().size(); i++) {
            BulkCreation.Created created = outcome.created().get(i);
            users.add(new ProvisionedUser(created.user().id(), created.user().username(), created.device().id(),
                    secrets.get(i)));
        }
        return new ProvisionResponse(users);
    }

    private static void check(ProvisionRequest request) {
        if (request.prefix() == null || request.count() < 1 || request.count() > MAX_BATCH || request.first() < 0) {
            throw new ProtocolException(ErrorCode.INVALID_REQUEST, "a provisioning takes a prefix, first >= 0 and a count"
                    + " from 1 to " + MAX_BATCH + " (got count " + request.count() + ", first " + request.first() + ")");
        }
        // the names differ only in their trailing number: checking the shortest and the longest checks them all
        Credentials.checkUsername(request.prefix() + request.first());
        Credentials.checkUsername(request.prefix() + (request.first() + request.count() - 1));
    }

    private static String deviceName(String name) {
        if (name == null || name.isBlank()) {
            return "provisioned";
        }
        String trimmed = name.strip();
        return trimmed.length() > MAX_DEVICE_NAME ? trimmed.substring(0, MAX_DEVICE_NAME) : trimmed;
    }
}
