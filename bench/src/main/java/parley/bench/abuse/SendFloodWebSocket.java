package parley.bench.abuse;

import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import parley.bench.wire.WireClients;
import parley.bench.wire.WireListener;
import parley.bench.wire.WireSession;
import parley.protocol.ErrorCode;
import parley.protocol.frame.ClientFrame;
import parley.protocol.frame.ServerFrame;

/**
 * One client sending as fast as it can on one WebSocket: a {@code send} frame whenever its socket
 * takes more (no window, no waiting for acks), into its one-on-one chat. Acks are the node doing
 * the work; an {@code error} ({@code rate_limited}, {@code overloaded}...) or a close is a refusal.
 * After a close it connects again (at most {@code MAX_RECONNECTS} times) and goes on.
 */
final class SendFloodWebSocket implements Attack {
    private static final int MAX_RECONNECTS = 20;

    private final AttackSetup setup;
    private volatile WireSession session;

    SendFloodWebSocket(AttackSetup setup) {
        this.setup = setup;
    }

    @Override
    public void run(AttackControl control, Tally tally) throws InterruptedException {
        WireClients wire = setup.wire();
        long sent = 0;
        int connects = 0;
        AtomicReference<ErrorCode> closeReason = new AtomicReference<>();
        WireListener listener = new WireListener() {
            @Override
            public void frame(WireSession s, ServerFrame frame) {
                if (frame instanceof ServerFrame.Ack) {
                    tally.accepted("ack");
                } else if (frame instanceof ServerFrame.Error e) {
                    if (e.ref() == null) {
                        closeReason.set(e.code());
                    } else {
                        tally.refused("error " + e.code().wire());
                    }
                }
            }

            @Override
            public void closed(WireSession s, String why) {
                if (!control.running()) {
                    return; // closed by the attacker at the end
                }
                ErrorCode reason = closeReason.getAndSet(null);
                tally.refused("closed by the node" + (reason == null ? "" : " (" + reason.wire() + ")"));
            }
        };
        String text = "flood".repeat(20);
        boolean spent = false;
        while (control.running() && !spent && connects < MAX_RECONNECTS) {
            connects++;
            WireClients.Opening opening = wire.open(setup.attacker().token(), listener, null);
            try {
                opening.ready().get(Math.max(1, TimeUnit.NANOSECONDS.toMillis(control.remainingNanos())),
                        TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                tally.failed("connect: " + (e.getCause() == null ? e : e.getCause()).getMessage());
                control.pause(200);
                continue;
            }
            session = opening.session();
            while (control.running() && session.isOpen()) {
                if (!session.isWritable()) {
                    control.pause(1);
                    continue;
                }
                if (!control.take()) {
                    spent = true;
                    break;
                }
                session.send(new ClientFrame.Send(UUID.randomUUID(), setup.chatId(), text));
                sent++;
            }
            if (control.running() && !spent) {
                control.pause(200);
            }
        }
        tally.fact("sends written", sent);
        tally.fact("connections", connects);
    }

    @Override
    public void release(Tally tally) {
        WireSession s = session;
        if (s != null) {
            s.close();
        }
    }
}
