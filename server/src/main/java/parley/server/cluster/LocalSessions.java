package parley.server.cluster;

import java.util.Collection;
import parley.protocol.ErrorCode;

/** The receiving end of the bus on one node: its own connected sessions. */
public interface LocalSessions {

    /** Pushes an encoded frame to this node's sessions of these users. Must not block. */
    void deliver(Collection<Long> userIds, byte[] frame);

    /** Closes this node's connections of the device. Must not block. */
    void disconnectDevice(long deviceId, ErrorCode reason);
}
