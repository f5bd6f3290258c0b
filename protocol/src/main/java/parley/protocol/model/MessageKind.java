package parley.protocol.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a message holds: a user's text, a system event of a group (its {@code event}), or a piece of
 * media (its {@code media}; the text is then the caption): a picture, a video, a voice note or
 * other audio, or any other file.
 */
public enum MessageKind {
    @JsonProperty("text") TEXT,
    @JsonProperty("system") SYSTEM,
    @JsonProperty("image") IMAGE,
    @JsonProperty("video") VIDEO,
    @JsonProperty("voice") VOICE,
    @JsonProperty("file") FILE;

    /** Whether messages of this kind carry media. */
    public boolean isMedia() {
        return this == IMAGE || this == VIDEO || this == VOICE || this == FILE;
    }
}
