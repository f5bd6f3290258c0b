package parley.protocol.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What changed in a group, as told by a {@code system} message. */
public enum SystemEventType {
    @JsonProperty("created") CREATED,
    @JsonProperty("added") ADDED,
    @JsonProperty("removed") REMOVED,
    @JsonProperty("left") LEFT,
    @JsonProperty("renamed") RENAMED,
    @JsonProperty("admin_granted") ADMIN_GRANTED,
    @JsonProperty("admin_revoked") ADMIN_REVOKED
}
