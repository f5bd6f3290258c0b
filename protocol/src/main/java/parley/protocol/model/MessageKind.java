package parley.protocol.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a message holds: a user's text, or a system event of a group (its {@code event}). */
public enum MessageKind {
    @JsonProperty("text") TEXT,
    @JsonProperty("system") SYSTEM
}
