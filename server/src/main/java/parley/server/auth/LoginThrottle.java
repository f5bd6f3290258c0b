package parley.server.auth;

import java.time.Clock;
import java.util.OptionalLong;
import parley.protocol.ProtocolException;
import parley.server.config.LimitsConfig;
import parley.server.limits.AddressKeys;
import parley.server.limits.BucketTable;

/**
 * Slows password guessing, and bounds what guessing costs the node. Four token buckets (see
 * {@link LimitsConfig} for the rates):
 * <ol>
 * <li>login attempts per client address, whatever their outcome;</li>
 * <li>failed logins per address, whatever the usernames: password spraying from one address;</li>
 * <li>failed logins per (account, address): the lockout a guesser of one account hits, which
 *     locks out only that address, so nobody can lock a real user out at will;</li>
 * <li>failed logins per account from all addresses together: a ceiling on distributed guessing.</li>
 * </ol>
 * Accounts are keyed by their id, and only accounts that exist get an entry: a flood of made-up
 * usernames creates no entry by account and cannot push a real account's record out (it only
 * spends its own address's failures). Every table is bounded in entries (see {@link BucketTable}).
 *
 * <p>A failure is counted before the password is checked ({@link #guess}) and given back when it
 * was right ({@link Guess#succeeded}), so concurrent guesses cannot overshoot a limit by the
 * number of hashing threads. Every refusal says the same thing, whichever bucket refused, and
 * comes before any hash, so it is cheap. With the defaults, one address gets 30 wrong guesses at
 * once and then 100 an hour over all usernames, at most 10 at once and 40 an hour at one account;
 * all addresses together get 100 guesses at once and then 200 an hour at one account.
 *
 * <p>Thread-safe: the tables are.
 */
public final class LoginThrottle {
    private static final String TOO_MANY_LOGINS = "too many logins from your network; try again later";
    private static final String TOO_MANY_FAILURES = "too many failed logins; try again later";

    private record AccountAddress(long accountId, String address) {
    }

    private final BucketTable<String> attempts;
    private final BucketTable<String> failuresByAddress;
    private final BucketTable<AccountAddress> failuresByAccountAddress;
    private final BucketTable<Long> failuresByAccount;

    public LoginThrottle(LimitsConfig limits, Clock clock) {
        this.attempts = new BucketTable<>(limits.loginsPerAddress(), limits.addressesTracked(), clock);
        this.failuresByAddress = new BucketTable<>(limits.loginFailuresPerAddress(), limits.addressesTracked(), clock);
        this.failuresByAccountAddress = new BucketTable<>(limits.loginFailuresPerAccountAddress(),
                limits.accountsTracked(), clock);
        this.failuresByAccount = new BucketTable<>(limits.loginFailuresPerAccount(), limits.accountsTracked(), clock);
    }

    /**
     * A login from this address is about to be tried: counted, and refused when the address is over
     * its rate of logins or has no failures left.
     *
     * @throws ProtocolException {@code rate_limited} with a retry hint
     */
    public void attempt(String address) {
        String key = AddressKeys.of(address);
        long wait = attempts.take(key);
        if (wait > 0) {
            throw ProtocolException.rateLimited(TOO_MANY_LOGINS, wait);
        }
        wait = failuresByAddress.waitFor(key);
        if (wait > 0) {
            throw ProtocolException.rateLimited(TOO_MANY_FAILURES, wait);
        }
    }

    /**
     * A password is about to be checked for this account (empty: the username names no account):
     * counts it as a failure of the address and of the account, unless one of them has none left.
     *
     * @throws ProtocolException {@code rate_limited} with a retry hint; nothing is counted then
     */
    public Guess guess(String address, OptionalLong accountId) {
        String key = AddressKeys.of(address);
        long wait = failuresByAddress.take(key);
        if (wait > 0) {
            throw ProtocolException.rateLimited(TOO_MANY_FAILURES, wait);
        }
        if (accountId.isEmpty()) {
            return new Guess(key, null);
        }
        AccountAddress pair = new AccountAddress(accountId.getAsLong(), key);
        wait = failuresByAccountAddress.take(pair);
        if (wait == 0) {
            wait = failuresByAccount.take(pair.accountId());
            if (wait > 0) {
                failuresByAccountAddress.giveBack(pair);
            }
        }
        if (wait > 0) {
            failuresByAddress.giveBack(key);
            throw ProtocolException.rateLimited(TOO_MANY_FAILURES, wait);
        }
        return new Guess(key, pair);
    }

    /** A password check counted as a failure until it is known to have succeeded. */
    public final class Guess {
        private final String address;
        private final AccountAddress pair;

        private Guess(String address, AccountAddress pair) {
            this.address = address;
            this.pair = pair;
        }

        /** The password was right: the failure is taken back, and the account's record from this address cleared. */
        public void succeeded() {
            failuresByAddress.giveBack(address);
            if (pair != null) {
                failuresByAccountAddress.reset(pair);
                failuresByAccount.giveBack(pair.accountId());
            }
        }
    }

    /** Entries held by the tables, for tests of their bounds. */
    int entries() {
        return attempts.size() + failuresByAddress.size() + failuresByAccountAddress.size() + failuresByAccount.size();
    }
}
