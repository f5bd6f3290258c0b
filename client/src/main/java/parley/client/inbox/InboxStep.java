package parley.client.inbox;

import java.util.List;
import parley.protocol.frame.ClientFrame;
import parley.protocol.model.ChatMessage;
import parley.protocol.model.ChatState;

/**
 * What the {@link Inbox} asks its owner to do after one input: hand {@code messages} (in order)
 * and then {@code states} to the application, send {@code requests}, and note whether the
 * resync completed or failed with this input.
 */
public record InboxStep(List<ChatMessage> messages, List<ChatState> states, List<ClientFrame> requests,
                        boolean syncCompleted, boolean syncFailed) {
    public InboxStep {
        messages = List.copyOf(messages);
        states = List.copyOf(states);
        requests = List.copyOf(requests);
    }

    public static final InboxStep NOTHING = new InboxStep(List.of(), List.of(), List.of(), false, false);
}
