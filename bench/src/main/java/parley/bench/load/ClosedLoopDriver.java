package parley.bench.load;

import java.util.List;

/**
 * Closed loop: each lane starts with {@code window} sends and sends the next one whenever one of
 * its sends is answered (ack or error), until the end. It measures capacity: the offered load
 * adapts to the server's speed, so latency here is the latency at saturation of the window, not at
 * a chosen rate (that is the open loop's job). Sends happen on the connections' callback threads.
 */
public final class ClosedLoopDriver implements Driver {
    private final List<Lane> lanes;
    private final int window;
    private final RunRecorder recorder;
    private volatile long end;
    private volatile boolean running;

    public ClosedLoopDriver(List<Lane> lanes, int window, RunRecorder recorder) {
        this.lanes = List.copyOf(lanes);
        this.window = window;
        this.recorder = recorder;
    }

    @Override
    public void start(long endNanos) {
        end = endNanos;
        running = true;
        for (Lane lane : lanes) {
            for (int i = 0; i < window; i++) {
                lane.send(recorder.now(), this::next);
            }
        }
    }

    private void next(Lane lane) {
        long now = recorder.now();
        if (running && now - end < 0) {
            lane.send(now, this::next);
        }
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public long behind() {
        return 0;
    }
}
