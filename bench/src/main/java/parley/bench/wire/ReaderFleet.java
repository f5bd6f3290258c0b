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
                    open(member, opening, start, deadline, 0);
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

    /** Connections that closed after their resync, outside {@link #dropAll}/{@link #close}. */
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

    private void open(Member member, Semaphore opening, long roundStart, long deadline, int attempt) {
        AtomicBoolean released = new AtomicBoolean();
        Recorder round = resyncMicros;
        ResyncingListener listener = new ResyncingListener(member.user().userId(), member.chats(), syncPage,
                new ResyncingListener.Events() {
                    private boolean done;

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
                            round.recordValue(Math.max(0, (System.nanoTime() - roundStart) / 1_000));
                            resynced.increment();
                            release();
                        }
                    }

                    @Override
                    public void closed(WireSession session, String why) {
                        if (!done && !closingAll) {
                            failure(why);
                            long backoff = TimeUnit.MILLISECONDS.toNanos(ThreadLocalRandom.current()
                                    .nextLong(1, (250L << Math.min(attempt, 4)) + 1));
                            if (System.nanoTime() + backoff - deadline < 0) {
                                retries.increment();
                                released.set(true); // the slot passes on to the next attempt
                                session.executor().schedule(() -> open(member, opening, roundStart, deadline, attempt + 1),
                                        backoff, TimeUnit.NANOSECONDS);
                                return;
                            }
                        }
                        if (!done) {
                            failed.increment();
                            release();
                        } else if (!closingAll) {
                            dropped.increment();
                        }
                    }

                    private void release() {
                        if (released.compareAndSet(false, true)) {
                            opening.release();
                        }
                    }
                });
        WireSession session = clients.open(member.user().token(), listener, member.user()).session();
        synchronized (this) {
            sessions.add(session);
        }
    }
}
