package parley.server.config;

import java.util.Optional;

/**
 * The operator's endpoints ({@code /api/admin/...}: bulk provisioning and the node's self-report).
 *
 * @param secret the bearer secret those endpoints demand; absent, they are off (answer 404)
 */
public record AdminConfig(Optional<String> secret) {
    /** A shorter secret is refused at start-up: it would be guessable. */
    public static final int MIN_SECRET_LENGTH = 16;

    @Override
    public String toString() {
        return "AdminConfig[secret=" + (secret.isPresent() ? "<set>" : "<none>") + "]";
    }
}
