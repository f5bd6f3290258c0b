package parley.server.auth;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import parley.protocol.ErrorCode;
import parley.protocol.ProtocolException;
import parley.protocol.api.DeviceInfo;
import parley.protocol.api.LoginResponse;
import parley.protocol.api.UserInfo;
import parley.server.cluster.ClusterBus;
import parley.server.store.AccountStore;
import parley.server.store.Device;
import parley.server.store.User;

/**
 * Registration, login, token authentication, log-out and device revocation. Log-out and
 * revocation close the device's live connections on every node through the cluster bus. Methods
 * that hash passwords block for tens of milliseconds: call them off the event loop.
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
    private final Clock clock;

    public AccountService(AccountStore accounts, PasswordHasher hasher, DeviceTokens tokens, ClusterBus bus,
                          LoginThrottle throttle, Clock clock) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.tokens = tokens;
        this.bus = bus;
        this.throttle = throttle;
        this.clock = clock;
    }

    public UserInfo register(String username, String password) {
        Credentials.checkUsername(username);
        Credentials.checkPassword(password);
        User user = accounts.createUser(username, hasher.hash(password), clock.millis())
                .orElseThrow(() -> new ProtocolException(ErrorCode.USERNAME_TAKEN, "that username is taken"));
        return new UserInfo(user.id(), user.username());
    }

    /**
     * Logs in a new device. A wrong password and an unknown user get the same answer in about the
     * same time; a username with too many recent failures is refused for a while.
     */
    public LoginResponse login(String username, String password, String deviceName) {
        if (!throttle.allows(username)) {
            throw new ProtocolException(ErrorCode.RATE_LIMITED,
                    "too many failed logins for this username; try again in a few minutes");
        }
        Optional<User> user = password.length() > Credentials.MAX_PASSWORD ? Optional.empty() : accounts.findUser(username);
        boolean ok = user.isPresent()
                ? hasher.verify(password, user.get().passwordHash())
                : hasher.verifyNothing(password.length() > Credentials.MAX_PASSWORD ? "" : password);
        if (!ok) {
            throttle.failed(username);
            throw new ProtocolException(ErrorCode.INVALID_CREDENTIALS, "wrong username or password");
        }
        throttle.succeeded(username);
        String token = tokens.newToken();
        Device device = accounts.createDevice(user.get().id(), deviceName(deviceName),
                DeviceTokens.hash(token), clock.millis());
        return new LoginResponse(token, user.get().id(), user.get().username(), device.id());
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
