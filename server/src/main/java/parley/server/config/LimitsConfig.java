package parley.server.config;

/**
 * What one client may do, so that no single client can take a node down or crowd out the others:
 * logins and registrations per address, failed logins per account, sends per connection and per
 * user, writes in flight per connection, and group growth per user. Each rate is a token bucket
 * (a burst, then a steady rate); past it the client gets {@code rate_limited} with a retry hint.
 *
 * @param loginsPerAddress               login attempts, whatever their outcome, from one address
 * @param loginFailuresPerAddress        failed logins from one address, whatever the usernames (password spraying)
 * @param loginFailuresPerAccountAddress failed logins of one account from one address (the lockout a guesser hits)
 * @param loginFailuresPerAccount        failed logins of one account from all addresses together (distributed guessing)
 * @param registrationsPerAddress        registration attempts from one address
 * @param addressesTracked               entries of each table by address (full buckets are forgotten first)
 * @param accountsTracked                entries of each table by account
 * @param sendsPerConnection             messages one connection (WebSocket or long-poll session) may send
 * @param sendsPerUser                   messages one user may send, all of the user's connections on this node together
 * @param inFlightPerConnection          writes and reads of one connection queued and not yet answered; past it a
 *                                       WebSocket is not read until answers come back, and long-poll frames get
 *                                       {@code rate_limited}
 * @param groupsCreatedPerUser           groups one user may create
 * @param membersAddedPerUser            members one user may put into groups (at creation or later)
 */
public record LimitsConfig(RateLimit loginsPerAddress, RateLimit loginFailuresPerAddress,
                           RateLimit loginFailuresPerAccountAddress, RateLimit loginFailuresPerAccount,
                           RateLimit registrationsPerAddress, int addressesTracked, int accountsTracked,
                           RateLimit sendsPerConnection, RateLimit sendsPerUser, int inFlightPerConnection,
                           RateLimit groupsCreatedPerUser, RateLimit membersAddedPerUser) {

    /** Entries of each table by user (sends, groups): the users active at once on one node. */
    public static final int USERS_TRACKED = 100_000;

    /** The defaults (what {@code ParleyConfig.defaults} gives): for unit tests. */
    public static LimitsConfig defaults() {
        return read(ConfigSource.load(java.util.Optional.empty(), java.util.Map.of(), java.util.Map.of(),
                ParleyConfig.KEYS));
    }

    static LimitsConfig read(ConfigSource s) {
        return new LimitsConfig(
                hourly(s, "auth.logins-per-address", 100, 1200),
                hourly(s, "auth.login-failures-per-address", 30, 100),
                hourly(s, "auth.login-failures-per-account-address", 10, 40),
                hourly(s, "auth.login-failures-per-account", 100, 200),
                hourly(s, "auth.registrations-per-address", 50, 100),
                s.integer("auth.addresses-tracked", 50_000, 100, 10_000_000),
                s.integer("auth.accounts-tracked", 100_000, 100, 10_000_000),
                perSecond(s, "chat.sends-per-connection", 100, 20),
                perSecond(s, "chat.sends-per-user", 200, 30),
                s.integer("chat.in-flight-per-connection", 64, 1, 100_000),
                hourly(s, "chat.groups-created-per-user", 10, 30),
                hourly(s, "chat.members-added-per-user", 2048, 4096));
    }

    private static RateLimit hourly(ConfigSource s, String key, int burst, int perHour) {
        return RateLimit.perHour(s.integer(key + ".burst", burst, 1, 10_000_000),
                s.integer(key + ".per-hour", perHour, 1, 360_000_000));
    }

    private static RateLimit perSecond(ConfigSource s, String key, int burst, int perSecond) {
        return RateLimit.perSecond(s.integer(key + ".burst", burst, 1, 10_000_000),
                s.integer(key + ".per-second", perSecond, 1, 1000));
    }
}
