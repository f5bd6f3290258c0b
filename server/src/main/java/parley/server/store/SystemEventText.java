package parley.server.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import parley.protocol.model.SystemEvent;
import parley.protocol.model.SystemEventType;

/**
 * How a system message's {@link SystemEvent} is kept in the {@code body} column:
 * {@code type|actorId|target,target|title}, the title last so that it may hold any character.
 * Stateless.
 */
public final class SystemEventText {

    private SystemEventText() {
    }

    public static String encode(SystemEvent event) {
        StringBuilder text = new StringBuilder(event.type().name().toLowerCase(Locale.ROOT))
                .append('|').append(event.actorId()).append('|');
        for (int i = 0; i < event.targetIds().size(); i++) {
            text.append(i == 0 ? "" : ",").append(event.targetIds().get(i));
        }
        text.append('|');
        if (event.title() != null) {
            text.append(event.title());
        }
        return text.toString();
    }

    public static SystemEvent decode(String body) {
        String[] parts = body.split("\\|", 4);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not a stored system event: " + body);
        }
        List<Long> targets = new ArrayList<>();
        if (!parts[2].isEmpty()) {
            for (String id : parts[2].split(",")) {
                targets.add(Long.parseLong(id));
            }
        }
        SystemEventType type = SystemEventType.valueOf(parts[0].toUpperCase(Locale.ROOT));
        String title = type == SystemEventType.CREATED || type == SystemEventType.RENAMED ? parts[3] : null;
        return new SystemEvent(type, Long.parseLong(parts[1]), targets, title);
    }
}
