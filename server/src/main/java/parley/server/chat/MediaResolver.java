package parley.server.chat;

import java.util.Optional;
import java.util.function.Consumer;
import parley.protocol.model.MediaRef;

/**
 * Finds the media a send points at, if the sender may use it (its uploader, or a member of a chat it
 * was sent in: forwarding). Asynchronous, because it reads the store: {@code then} runs later on
 * another thread. Throws {@code overloaded} when it cannot take the request.
 */
@FunctionalInterface
public interface MediaResolver {
    void resolve(long userId, String mediaId, Consumer<Optional<MediaRef>> then);
}
