package parley.protocol.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Who may see my online status and last seen: anyone I share a chat with, only those I share a
 * one-on-one chat with, or nobody. "Nobody" works both ways: I then see nobody's either.
 */
public enum PresenceVisibility {
    @JsonProperty("everyone") EVERYONE,
    @JsonProperty("contacts") CONTACTS,
    @JsonProperty("nobody") NOBODY
}
