package parley.it.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import parley.it.kit.HttpProbe;
import parley.protocol.ErrorCode;
import parley.protocol.api.DeviceList;
import parley.protocol.api.LoginResponse;

/**
 * Attacks on logins. (1) Junk usernames, 60 KiB long or made up, from thousands of addresses: the
 * lockout table used to keep every name sent, so 15,000 of them filled a 1 GB heap, and evicted a
 * locked-out account's record in 21 s. (2) A flood of wrong passwords: Argon2 used to share the
 * API's pool, so nobody else was answered; and a login whose client had given up still ran later.
 * The node trusts 127.0.0.1 as its load balancer where a test plays many addresses.
 */
class LoginFloodAbuseIT {
    /** HttpProbe's password for the users it makes. */
    private static final String PASSWORD = "correct horse battery";
    private static final long HELD_BOUND = 96L * 1024 * 1024;

    @Test
    void junkLoginsNeitherFillTheHeapNorFreeALockedAccountAndNobodyCanLockTheOwnerOut() throws Exception {
        try (AbuseNode node = AbuseNode.start(Map.of("gateway.trusted-proxies", "127.0.0.1",
                "auth.addresses-tracked", "200", "auth.accounts-tracked", "200"));
             Bystander bystander = new Bystander(node)) {
            AttackClient attacker = new AttackClient(node.http());
            LoginResponse victim = node.probe().newUser("victim");
            String guesser = "198.51.100.7";
            for (int i = 0; i < 10; i++) {
                assertThat(attacker.login(victim.username(), "wrong guess " + i, guesser).status()).isEqualTo(401);
            }
            assertRateLimited(attacker.login(victim.username(), "wrong guess 10", guesser));
            long lockedAt = System.nanoTime();

            // the flood: 60 KiB names from 2,400 addresses, and made-up names from 600 (each of those costs a hash)
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
            Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
            String longName = "x".repeat(60 * 1024);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> flood = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                flood.add(pool.submit(() -> {
                    for (int i = thread; i < 3000 && System.nanoTime() < deadline; i += 4) {
                        String address = "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
                        String name = i % 5 != 0 ? longName : "junk" + UUID.randomUUID().toString().substring(0, 12);
                        int status = attacker.login(name, "some password " + i, address).status();
                        statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                    }
                }));
            }
            int servedDuring = 0;
            while (flood.stream().anyMatch(f -> !f.isDone())) {
                bystander.isServed();
                servedDuring++;
                Thread.sleep(500);
            }
            for (Future<?> f : flood) {
                f.get();
            }
            pool.shutdown();
            System.out.println("junk login answers by status: " + statuses + "; bystander served " + servedDuring + " times");
            assertThat(servedDuring).isPositive();
            assertThat(statuses.keySet()).as("junk is refused, never a server error").containsOnly(401);
            int answered = statuses.values().stream().mapToInt(AtomicInteger::get).sum();
            assertThat(answered).as("junk logins sent within the time bound").isGreaterThan(1000);

            // the lockout eases at 40 guesses an hour (one every 90 s); had the flood evicted it, 10 more would pass
            long minutes = TimeUnit.NANOSECONDS.toMinutes(System.nanoTime() - lockedAt);
            int guessesBack = 0;
            while (guessesBack < 10 && attacker.login(victim.username(), "after the flood " + guessesBack, guesser)
                    .status() == 401) {
                guessesBack++;
            }
            System.out.println(guessesBack + " guesses came back to the guesser in about " + minutes + " minutes of flood");
            assertThat(guessesBack).as("the locked account's record survived the junk").isLessThanOrEqualTo(
                    (int) (minutes * 60 / 90 + 2));
            assertRateLimited(attacker.login(victim.username(), PASSWORD, guesser));
            assertThat(attacker.login(victim.username(), PASSWORD, "203.0.113.50").status())
                    .as("the owner, from elsewhere, is not locked out by the guesser").isEqualTo(200);

            // one address spraying made-up names runs out of failures
            String sprayer = "198.51.100.99";
            int refusedAfter = -1;
            for (int i = 0; i < 60; i++) {
                AttackClient.Answer answer = attacker.login("spray" + i, "password " + i, sprayer);
                if (answer.status() == 429) {
                    assertRateLimited(answer);
                    refusedAfter = i;
                    break;
                }
                assertThat(answer.status()).isEqualTo(401);
            }
            assertThat(refusedAfter).as("failed logins one address gets at once").isEqualTo(30);

            long held = node.heldBytes();
            System.out.println("held after the junk flood: " + held / (1024 * 1024) + " MiB");
            assertThat(held).isLessThan(HELD_BOUND);
            assertThat(node.isAlive()).isTrue();
            assertThat(node.healthy()).isTrue();
            bystander.isServed();
            bystander.nothingAckedIsLost();
        }
    }

    @Test
    void aFloodOfWrongPasswordsDoesNotStopOthersBeingServedAndLoginsGivenUpOnNeverRun() throws Exception {
        // every guess must reach the hashing pool here: this tests the pool, not the throttle
        try (AbuseNode node = AbuseNode.start(Map.of("auth.logins-per-address.burst", "100000",
                "auth.login-failures-per-address.burst", "100000",
                "auth.login-failures-per-account-address.burst", "100000",
                "auth.login-failures-per-account.burst", "100000"));
             Bystander bystander = new Bystander(node)) {
            AttackClient attacker = new AttackClient(node.http());
            LoginResponse crowd = node.probe().newUser("crowd");
            ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
            List<Future<AttackClient.Answer>> wrong = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                int n = i;
                wrong.add(threads.submit(() -> attacker.login(crowd.username(), "wrong password " + n, null)));
            }
            int servedDuring = 0;
            while (wrong.stream().anyMatch(f -> !f.isDone()) && servedDuring < 200) {
                bystander.apiAnswers();
                bystander.sendAndAwaitAck();
                servedDuring++;
                Thread.sleep(200); // a person's pace, well under the sending limits
            }
            Map<String, Integer> outcomes = new java.util.TreeMap<>();
            for (Future<AttackClient.Answer> f : wrong) {
                AttackClient.Answer answer = f.get(120, TimeUnit.SECONDS);
                String outcome = answer.status() == 401 ? "401" : answer.status() + " " + answer.error().code().wire();
                outcomes.merge(outcome, 1, Integer::sum);
            }
            System.out.println("wrong logins: " + outcomes + "; bystander served " + servedDuring + " times meanwhile");
            assertThat(servedDuring).as("the bystander was answered while the flood was being hashed").isPositive();
            assertThat(outcomes.keySet()).as("a wrong password, or the hashing pool full: nothing else")
                    .isSubsetOf("401", "503 " + ErrorCode.OVERLOADED.wire());

            // correct logins whose client gives up after half a second: those not yet run must never run
            List<Future<AttackClient.Answer>> impatient = new ArrayList<>();
            for (int i = 0; i < 250; i++) {
                impatient.add(threads.submit(() -> attacker.post("/api/login",
                        AttackClient.loginBody(crowd.username(), PASSWORD), null, Duration.ofMillis(500))));
            }
            int gaveUp = 0;
            for (Future<AttackClient.Answer> f : impatient) {
                gaveUp += f.get(120, TimeUnit.SECONDS).gaveUp() ? 1 : 0;
            }
            threads.shutdown();
            // a login queued after them: when it is answered, every earlier one was run or dropped
            HttpProbe probe = node.probe();
            probe.login(crowd.username(), "after the crowd");
            Thread.sleep(2000);
            int devices = probe.call("GET", "/api/devices", null, crowd.token()).as(DeviceList.class).devices().size();
            int ranOfTheCrowd = devices - 2;
            System.out.println(gaveUp + " of 250 gave up; " + ranOfTheCrowd + " of the 250 logins ran");
            assertThat(gaveUp).as("the pool is small: most clients give up").isGreaterThan(125);
            assertThat(ranOfTheCrowd).as("logins whose client gave up were dropped, not run").isLessThan(250 - gaveUp / 2);
            assertThat(node.isAlive()).isTrue();
            assertThat(node.healthy()).isTrue();
            bystander.isServed();
            bystander.nothingAckedIsLost();
        }
    }

    private static void assertRateLimited(AttackClient.Answer answer) {
        assertThat(answer.status()).as("%s", answer).isEqualTo(429);
        assertThat(answer.error().code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(answer.error().retryAfterMs()).isPositive();
        assertThat(answer.retryAfter()).as("Retry-After header").isPresent();
    }
}
