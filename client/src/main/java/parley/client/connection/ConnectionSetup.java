package parley.client.connection;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import parley.protocol.JsonCodec;

/** The collaborators and settings a {@link ConnectionLoop} is built from. */
record ConnectionSetup(URI uri, Transport transport, JsonCodec codec, Backoff backoff, Clock clock,
                       Duration connectTimeout, Duration requestTimeout, int maxPendingRequests,
                       boolean autoDeliver) {
}
