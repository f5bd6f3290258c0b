package parley.server.chat;

import parley.protocol.frame.ServerFrame;

/** Where the chat core answers one connection. Must not block; safe to call from any thread. */
@FunctionalInterface
public interface FrameSink {
    void send(ServerFrame frame);
}
