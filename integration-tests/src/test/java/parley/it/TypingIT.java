package parley.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import parley.it.kit.EmbeddedServerTest;
import parley.it.kit.TestDevice;
import parley.protocol.ErrorCode;
import parley.protocol.api.LoginResponse;
import parley.protocol.frame.ServerFrame;

/**
 * Typing indicators through the SDK: to the other member only, shown while renewed and expired
 * 6 s after the last renewal, members only, rate-limited quietly.
 */
class TypingIT extends EmbeddedServerTest {
    @Test
    void typingReachesTheOtherMemberAndNobodyElse() throws Exception {
        LoginResponse alice = http.newUser("alice");
        LoginResponse bob = http.newUser("bob");
        LoginResponse stranger = http.newUser("stranger");
        long chat = http.openChat(alice.token(), bob.username());
        try (TestDevice aliceLaptop = TestDevice.connect(client, alice);
             TestDevice bobPhone = TestDevice.connect(client, bob);
             TestDevice strangerLaptop = TestDevice.connect(client, stranger)) {
            aliceLaptop.connection().typing(chat, true);
            TestDevice.await(() -> bobPhone.typings().contains(new ServerFrame.Typing(chat, alice.userId(), true)),
                    "bob sees alice typing; has %s", bobPhone.typings());
            aliceLaptop.connection().typing(chat, false);
            TestDevice.await(() -> bobPhone.typings().contains(new ServerFrame.Typing(chat, alice.userId(), false)),
                    "bob sees alice stop; has %s", bobPhone.typings());

            // a round trip after the typing frames: had they reached alice or the stranger, they would be there by now
            aliceLaptop.connection().listChats(null, 1).get();
            strangerLaptop.connection().listChats(null, 1).get();
            assertThat(aliceLaptop.typings()).as("not echoed to the typer").isEmpty();
            assertThat(strangerLaptop.typings()).as("never to a non-member").isEmpty();
            assertThat(aliceLaptop.errors()).isEmpty();
        }
    }

    @Test
    void typingShowsWhileRenewedAndExpiresSixSecondsAfterTheLastRenewal() throws Exception {
        LoginResponse alice = http.newUser("alice");
        LoginResponse bob = http.newUser("bob");
        long chat = http.openChat(alice.token(), bob.username());
        try (TestDevice aliceLaptop = TestDevice.connect(client, alice);
             TestDevice bobPhone = TestDevice.connect(client, bob)) {
            long lastRenewal = 0;
            for (int i = 0; i < 4; i++) {
                lastRenewal = System.nanoTime();
                aliceLaptop.connection().typing(chat, true);
                int renewals = i + 1;
                TestDevice.await(() -> bobPhone.typings().size() >= renewals, "renewal %d reaches bob", renewals);
                assertThat(bobPhone.connection().typingIn(chat)).as("typing while renewed").containsExactly(alice.userId());
                Thread.sleep(2000);
            }
            // alice stops renewing without saying so (say, her app was killed): bob's indicator expires
            TestDevice.await(() -> bobPhone.connection().typingIn(chat).isEmpty(), "the indicator to expire");
            long shownFor = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastRenewal);
            assertThat(shownFor).as("not before 6 s after the last renewal").isGreaterThanOrEqualTo(5900);
            assertThat(bobPhone.typings()).as("the server sent no stop").allMatch(ServerFrame.Typing::typing);

            aliceLaptop.connection().typing(chat, true);
            TestDevice.await(() -> !bobPhone.connection().typingIn(chat).isEmpty(), "typing again");
            aliceLaptop.connection().send(chat, "done typing").get(30, TimeUnit.SECONDS);
            TestDevice.await(() -> bobPhone.messages(chat).size() == 1, "the message");
            assertThat(bobPhone.connection().typingIn(chat)).as("a message ends the indicator").isEmpty();
        }
    }

    @Test
    void typingInAChatYouAreNotInIsNotFound() throws Exception {
        LoginResponse alice = http.newUser("alice");
        LoginResponse bob = http.newUser("bob");
        LoginResponse stranger = http.newUser("stranger");
        long chat = http.openChat(alice.token(), bob.username());
        try (TestDevice bobPhone = TestDevice.connect(client, bob);
             TestDevice strangerLaptop = TestDevice.connect(client, stranger)) {
            strangerLaptop.connection().typing(chat, true);
            TestDevice.await(() -> !strangerLaptop.errors().isEmpty(), "an error for the stranger");
            assertThat(strangerLaptop.errors().getFirst().code()).isEqualTo(ErrorCode.NOT_FOUND);
            bobPhone.connection().listChats(null, 1).get();
            assertThat(bobPhone.typings()).isEmpty();
        }
    }

    @Test
    void aTypingStormIsDroppedQuietly() throws Exception {
        LoginResponse alice = http.newUser("alice");
        LoginResponse bob = http.newUser("bob");
        long chat = http.openChat(alice.token(), bob.username());
        try (TestDevice aliceLaptop = TestDevice.connect(client, alice);
             TestDevice bobPhone = TestDevice.connect(client, bob)) {
            for (int i = 0; i < 100; i++) {
                aliceLaptop.connection().typing(chat, i % 2 == 0);
            }
            TestDevice.await(() -> bobPhone.typings().size() >= 10, "the burst reaches bob; has %s", bobPhone.typings());
            Thread.sleep(1000);
            aliceLaptop.connection().listChats(null, 1).get();
            assertThat(bobPhone.typings()).as("a burst of 10, refilled at 1 a second").hasSizeBetween(10, 13);
            assertThat(aliceLaptop.errors()).as("no error storm").isEmpty();
        }
    }
}
