package parley.protocol.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The kinds of chat. */
public enum ChatKind {
    @JsonProperty("direct") DIRECT,
    @JsonProperty("group") GROUP
}
