package parley.protocol.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A member's role in a group: admins add, remove and rename, and make or unmake admins. */
public enum MemberRole {
    @JsonProperty("member") MEMBER,
    @JsonProperty("admin") ADMIN
}
