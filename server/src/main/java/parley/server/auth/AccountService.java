package parley.server.auth;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import parley.protocol.ErrorCode;
import parley.protocol.ProtocolException;
import parley.protocol.api.DeviceInfo;
import parley.protocol.api.LoginResponse;
import parley.protocol.api.UserInfo;
import parley.server.cluster.ClusterBus;
import parley.server.limits.AddressKeys;
import parley.server.limits.BucketTable;
import parley.server.store.AccountStore;
import parley.server.store.Device;
import parley.server.store.User;

/**
 * Registration, login, token authentication, log-out and device revocation. Log-out and
 * revocation close the device's live connections on every node through the cluster bus. Methods
 * that hash passwords block for tens of milliseconds: call them off the event loop. Logins and
 * registrations are limited per client address (and failed logins per account, see
 * {@link LoginThrottle}); input over its maximum length is refused before any lookup or hash.
 */
public final class AccountService {
    private static final int MAX_DEVICE_NAME = 64;
    /** A device's "last used" is kept to the minute: not a write (and an fsync) on every request. */
    private static final long TOUCH_INTERVAL_MILLIS = 60_000;

    private final AccountStore accounts;
    private final PasswordHasher hasher;
    private final DeviceTokens tokens;
    private final ClusterBus bus;
    private final LoginThrottle throttle;
    private final BucketTable<String> registrations;
    private final Clock clock;

    /** @param registrations registration attempts by client address ({@link AddressKeys}) */
    public AccountService(AccountStore accounts, PasswordHasher hasher, DeviceTokens tokens, ClusterBus bus,
                          LoginThrottle throttle, BucketTable<String> registrations, Clock clock) {
        this.accounts = accounts;
        this.registrations = registrations;
        this.hasher = hasher;
        this.tokens = tokens;
        this.bus = bus;
        this.throttle = throttle;
        this.clock = clock;
    }

    /**
     * Registers an account. The rules are checked first; then the address's registrations are
     * counted (a taken username counts too: it cost a hash), and past their rate refused.
     */
    public UserInfo register(String username, String password, String clientAddress) {
        Credentials.checkUsername(username == null ? "" : username);
        Credentials.checkPassword(password == null ? "" : password);
        long wait = registrations.take(AddressKeys.of(clientAddress));
        if (wait > 0) {
            throw ProtocolException.rateLimited("too many registrations from your network; try again later", wait);
        }
        User user = accounts.createUser(username, hasher.hash(password), clock.millis())
                .orElseThrow(() -> new ProtocolException(ErrorCode.USERNAME_TAKEN, "that username is taken"));
        return new UserInfo(user.id(), user.username());
    }

    /**
     * Logs in a new device. A wrong password and an unknown user get the same answer in about the
     * same time. A username or password longer than any account can have is refused at once, before
     * any lookup or hash; logins past the address's or the account's limits are refused
     * {@code rate_limited} before the hash (see {@link LoginThrottle}).
     */
    public LoginResponse login(String username, String password, String deviceName, String clientAddress) {
        if (username == null || password == null || username.length() > Credentials.MAX_USERNAME
                || password.length() > Credentials.MAX_PASSWORD) {
            throw wrongCredentials();
        }
        throttle.attempt(clientAddress);
        Optional<User> user = accounts.findUser(username);
        LoginThrottle.Guess guess = throttle.guess(clientAddress,
                user.map(u -> OptionalLong.of(u.id())).orElse(OptionalLong.empty()));
        boolean ok = user.isPresent() ? hasher.verify(password, user.get().passwordHash()) : hasher.verifyNothing(password);
        if (!ok) {
            throw wrongCredentials();
        }
        guess.succeeded();
        String token = tokens.newToken();
        Device device = accounts.createDevice(user.get().id(), deviceName(deviceName),
                DeviceTokens.hash(token), clock.millis());
        return new LoginResponse(token, user.get().id(), user.get().username(), device.id());
    }

    private static ProtocolException wrongCredentials() {
        return new ProtocolException(ErrorCode.INVALID_CREDENTIALS, "wrong username or password");
    }

    /** The device a token belongs to, if it is live. */
    public Optional<AuthenticatedDevice> authenticate(String token) {
        if (token == null || token.isEmpty() || token.length() > 256) {
            return Optional.empty();
        }
        return accounts.findDeviceByTokenHash(DeviceTokens.hash(token)).flatMap(device -> {
            long now = clock.millis();
            if (now - device.lastUsedAt() >= TOUCH_INTERVAL_MILLIS) {
                accounts.touchDevice(device.id(), now);
            }
            return accounts.findUser(device.userId())
                    .map(user -> new AuthenticatedDevice(user.id(), user.username(), device.id()));
        });
    }

    public AuthenticatedDevice require(String token) {
        return authenticate(token).orElseThrow(
                () -> new ProtocolException(ErrorCode.UNAUTHORIZED, "missing, expired or revoked token"));
    }

    public void logout(AuthenticatedDevice device) {
        revoke(device, device.deviceId());
    }

    public List<DeviceInfo> devices(AuthenticatedDevice me) {
        return accounts.devices(me.userId()).stream()
                .map(d -> new DeviceInfo(d.id(), d.name(), d.createdAt(), d.lastUsedAt(), d.id() == me.deviceId()))
                .toList();
    }

    public void revoke(AuthenticatedDevice me, long deviceId) {
        if (!accounts.revokeDevice(me.userId(), deviceId, clock.millis())) {
            throw new ProtocolException(ErrorCode.NOT_FOUND, "no such device");
        }
        bus.disconnectDevice(deviceId, ErrorCode.SESSION_REVOKED);
    }

    public UserInfo me(AuthenticatedDevice me) {
        return new UserInfo(me.userId(), me.username());
    }

    private static String deviceName(String name) {
        if (name == null || name.isBlank()) {
            return "unnamed device";
        }
        String trimmed = name.strip();
        return trimmed.length() > MAX_DEVICE_NAME ? trimmed.substring(0, MAX_DEVICE_NAME) : trimmed;
    }
}
