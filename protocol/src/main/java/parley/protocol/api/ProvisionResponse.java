package parley.protocol.api;

import java.util.List;

/** The accounts a bulk provisioning made, in the order of their numbers. */
public record ProvisionResponse(List<ProvisionedUser> users) {
    public ProvisionResponse {
        users = List.copyOf(users);
    }
}
