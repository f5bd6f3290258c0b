package parley.bench.abuse;

import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import parley.protocol.api.LoginRequest;

/**
 * Wrong-password logins with junk usernames, from many requests at once: each one costs the node a
 * password hash (it hashes for an unknown name too, so that both answers take the same time), and
 * a fresh name each time slips past a throttle per username. {@code 401 invalid_credentials} is the
 * node doing the work; a refusal is {@code 429} or {@code 503}.
 */
final class LoginFlood implements Attack {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final AttackSetup setup;

    LoginFlood(AttackSetup setup) {
        this.setup = setup;
    }

    @Override
    public void run(AttackControl control, Tally tally) throws InterruptedException {
        Workers.run("login", setup.options().concurrency(), control, tally, worker -> {
            byte[] junk = new byte[6];
            ThreadLocalRandom.current().nextBytes(junk);
            LoginRequest login = new LoginRequest("j" + HexFormat.of().formatHex(junk), "not-the-password-" + worker,
                    "junk");
            tally.count(setup.net().json("POST", "/api/login", null, login, TIMEOUT));
        });
    }
}
