package parley.protocol.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import parley.protocol.model.PresenceVisibility;

/** {@code GET} and {@code PUT /api/me/privacy}: who may see my online status and last seen. */
public record PrivacySettings(@JsonProperty(required = true) PresenceVisibility presence) {
    public PrivacySettings {
        Objects.requireNonNull(presence, "presence");
    }
}
