package parley.server.chat;

import java.util.Optional;
import java.util.function.BiConsumer;
import parley.protocol.model.MediaRef;

/**
 * Finds the media a send points at, if the sender may use it (its uploader, or a member of a chat it
 * was sent in: forwarding). Asynchronous, because it reads the store: {@code then} runs later on
 * another thread, exactly once, with what was found or with why the lookup failed (the store is
 * down). Throws {@code overloaded} when it cannot take the request.
 */
@FunctionalInterface
public interface MediaResolver {
    void resolve(long userId, String mediaId, BiConsumer<Optional<MediaRef>, RuntimeException> then);
}
