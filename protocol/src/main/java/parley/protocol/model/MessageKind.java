package parley.protocol.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a message holds. */
public enum MessageKind {
    @JsonProperty("text") TEXT
}
