package parley.bench.wire;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;
import org.HdrHistogram.Recorder;
import parley.bench.load.BenchUser;
import parley.bench.load.BoundedWait;
import parley.bench.load.SeqLedger;
import parley.protocol.model.ChatMessage;

/**
 * Many members reading their chats over raw sessions, each with a {@link ResyncingListener}: they
 * connect (a round), resync, receive pushes into their chats' ledgers; they can all drop at once
 * and connect again (the next round), resyncing from what they hold. Each round times every
 * member from the round's start to the end of its resync. A member whose connection fails before
 * its resync (a refused upgrade, a reset) tries again after a random backoff, doubling from a
 * quarter of a second up to 4 s, as an app would, until the round's time limit. Rounds are started from one thread;
 * the counters are updated on the event loops and read anywhere.
 */
public final class ReaderFleet implements AutoCloseable {

    /** A member and the chats it reads, by id. */
    public record Member(BenchUser user, Map<Long, SeqLedger> chats) {
    }

    /** Told of each new message a member got from another member (on an event loop). */
    @FunctionalInterface
    public interface Deliveries {
        void delivered(long memberId, ChatMessage message);
    }

    private final WireClients clients;
    private final List<Member> members;
    private final Integer syncPage;
    private final Deliveries deliveries;
    private final Recorder syncPages = new Recorder(3);
    private final List<WireSession> sessions = new ArrayList<>();
    private final LongAdder resynced = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final List<String> failures = new ArrayList<>();
    private volatile Recorder resyncMicros = new Recorder(3);
    /** Set while the tool itself closes the connections: those closes are no drops. */
    private volatile boolean closingAll;

    public ReaderFleet(WireClients clients, List<Member> members, Integer syncPage, Deliveries deliveries) {
        this.clients = clients;
        this.members = List.copyOf(members);
        this.syncPage = syncPage;
        this.deliveries = deliveries;
    }

    /**
     * Connects every member (a new round), at most {@code maxOpening} still resyncing at once, and
     * waits until each has resynced or failed, at most {@code limit}.
     *
     * @return true when all resynced in time
     */
    public boolean connect(int maxOpening, Duration limit, LongConsumer everySecond) throws InterruptedException {
        synchronized (this) {
            sessions.clear();
        }
        resynced.reset();
        failed.reset();
        retries.reset();
        resyncMicros = new Recorder(3);
        closingAll = false;
        long start = System.nanoTime();
        Semaphore opening = new Semaphore(maxOpening);
        long deadline = start + limit.toNanos();
        Thread opener = Thread.ofPlatform().name("bench-readers-opener").start(() -> {
            try {
                for (Member member : members) {
                    opening.acquire();
                    open(member, new Attempt(opening, start, deadline, 0, false));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        boolean done = BoundedWait.until(() -> resynced.sum() + failed.sum() >= members.size(), limit, everySecond);
        opener.interrupt();
        opener.join(5_000);
        return done && failed.sum() == 0;
    }

    /** Drops every member's connection at once (a TCP close, as a network failure would). */
    public synchronized void dropAll() {
        closingAll = true;
        sessions.forEach(WireSession::close);
    }

    public long resynced() {
        return resynced.sum();
    }

    public long failed() {
        return failed.sum();
    }

    /** Connection attempts of the last round that failed before their resync and were tried again. */
    public long retries() {
        return retries.sum();
    }

    /** The first few reasons attempts failed, all rounds. */
    public synchronized List<String> failures() {
        return List.copyOf(failures);
    }

    /**
     * Connections that closed after their resync, outside {@link #dropAll}/{@link #close}; each
     * member whose connection dropped came back by itself and resynced.
     */
    public long dropped() {
        return dropped.sum();
    }

    public int size() {
        return members.size();
    }

    /** The last round's times from its start to each member's end of resync (microseconds). */
    public Recorder resyncMicros() {
        return resyncMicros;
    }

    /** Every sync page's time from request to answer (microseconds), all rounds. */
    public Recorder syncPageMicros() {
        return syncPages;
    }

    @Override
    public void close() {
        dropAll();
    }

    private synchronized void failure(String why) {
        if (failures.size() < 5) {
            failures.add(why);
        }
    }

    /**
     * One connection attempt of a member: in a round (counted, holding an opening slot until its
     * resync or failure) or a rejoin after a drop (neither: the member just comes back).
     */
    private record Attempt(Semaphore opening, long roundStart, long deadline, int number, boolean rejoin) {
        Attempt next() {
            return new Attempt(opening, roundStart, deadline, number + 1, rejoin);
        }
    }

    private void open(Member member, Attempt attempt) {
        ResyncingListener listener = new ResyncingListener(member.user().userId(), member.chats(), syncPage,
                new MemberEvents(member, attempt, resyncMicros));
        WireSession session = clients.open(member.user().token(), listener, member.user()).session();
        synchronized (this) {
            sessions.add(session);
        }
    }

    /** What one attempt's session reports, on its event loop. */
    private final class MemberEvents implements ResyncingListener.Events {
        private final Member member;
        private final Attempt attempt;
        private final Recorder round;
        private final AtomicBoolean released = new AtomicBoolean();
        private boolean done;

        MemberEvents(Member member, Attempt attempt, Recorder round) {
            this.member = member;
            this.attempt = attempt;
            this.round = round;
        }

        @Override
        public void delivered(long memberId, ChatMessage message) {
            deliveries.delivered(memberId, message);
        }

        @Override
        public void syncPage(long nanos, int messages) {
            syncPages.recordValue(nanos / 1_000);
        }

        @Override
        public void resynced(WireSession session) {
            if (!done) {
                done = true;
                if (!attempt.rejoin()) {
                    round.recordValue(Math.max(0, (System.nanoTime() - attempt.roundStart()) / 1_000));
                    resynced.increment();
                }
                release();
            }
        }

        @Override
        public void error(WireSession session, parley.protocol.frame.ServerFrame.Error error) {
            failure("server error " + error.code().wire() + ": " + error.message());
            if (!done && error.ref() != null && error.ref().startsWith("sync-")) {
                // the resync was refused (overloaded): drop and come back with backoff, as the SDK does
                session.close();
            }
        }

        @Override
        public void closed(WireSession session, String why) {
            if (closingAll) {
                if (!done && !attempt.rejoin()) {
                    failed.increment();
                }
                release();
                return;
            }
            failure(why);
            if (done) {
                // dropped after its resync: the member comes back and resyncs, as an app would
                dropped.increment();
                retryLater(session, new Attempt(null, attempt.roundStart(), Long.MAX_VALUE, 0, true));
                return;
            }
            long backoff = backoff(attempt.number());
            if (System.nanoTime() + backoff - attempt.deadline() < 0) {
                retries.increment();
                released.set(true); // the slot passes on to the next attempt
                retryLater(session, attempt.next());
                return;
            }
            if (!attempt.rejoin()) {
                failed.increment();
            }
            release();
        }

        private void retryLater(WireSession session, Attempt next) {
            session.executor().schedule(() -> open(member, next), backoff(next.number()), TimeUnit.NANOSECONDS);
        }

        private void release() {
            if (attempt.opening() != null && released.compareAndSet(false, true)) {
                attempt.opening().release();
            }
        }
    }

    /** A random delay, up to a quarter of a second doubled per attempt, at most 4 s. */
    private static long backoff(int attempt) {
        return TimeUnit.MILLISECONDS.toNanos(ThreadLocalRandom.current().nextLong(1, (250L << Math.min(attempt, 4)) + 1));
    }
}
