package parley.bench.load;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.random.RandomGenerator;
import parley.client.http.ParleyHttp;
import parley.protocol.api.ProvisionRequest;
import parley.protocol.api.ProvisionResponse;
import parley.protocol.api.ProvisionedUser;

/**
 * Makes a run's users through the server's operator endpoint ({@code POST /api/admin/provision},
 * which needs the server's {@code admin.secret}): thousands per request, each with a device token,
 * without an Argon2id hash per user. Names are {@code b<run id><label>_<n>}, with a random run id,
 * so runs never collide. Used on the caller's thread.
 */
public final class AdminProvisioner {
    /** Accounts asked for per request (the server takes up to 10,000). */
    private static final int BATCH = 5_000;

    private final ParleyHttp http;
    private final String secret;
    private final String runId;
    private final PrintStream log;

    public AdminProvisioner(ParleyHttp http, String secret, RandomGenerator random, PrintStream log) {
        this.http = http;
        this.secret = secret;
        byte[] bytes = new byte[3];
        random.nextBytes(bytes);
        this.runId = HexFormat.of().formatHex(bytes);
        this.log = log;
    }

    /** {@code count} fresh users with their tokens, named with {@code label} (a few letters). */
    public List<BenchUser> users(int count, String label) {
        long started = System.nanoTime();
        List<BenchUser> users = new ArrayList<>(count);
        String prefix = "b" + runId + label + "_";
        for (int first = 0; first < count; first += BATCH) {
            int n = Math.min(BATCH, count - first);
            ProvisionResponse batch = http.provision(secret, new ProvisionRequest(prefix, first, n, "parley-bench"));
            for (ProvisionedUser user : batch.users()) {
                users.add(new BenchUser(user.username(), user.userId(), user.token()));
            }
        }
        log.printf("provisioned %d users (%s*) through the operator endpoint in %.1f s%n", count, prefix,
                (System.nanoTime() - started) / 1e9);
        return users;
    }
}
