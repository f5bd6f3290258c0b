package parley.protocol.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The two receipt watermarks of a chat member: received by a device, and read by the user. */
public enum ReceiptKind {
    @JsonProperty("delivered") DELIVERED,
    @JsonProperty("read") READ
}
