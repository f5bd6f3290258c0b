package parley.server.media;

import java.util.Locale;
import java.util.Optional;
import parley.protocol.ErrorCode;
import parley.protocol.ProtocolException;
import parley.protocol.model.MessageKind;
import parley.server.media.inspect.MediaType;

/**
 * Decides what a file is from its sniffed type, checking the client's claim against it. The bytes
 * decide; the claim may only choose between readings of one container (a WebM or MP4 claimed as
 * audio is a voice note), and a claim the bytes contradict (a "picture" that is a PDF) is refused
 * with {@code media_type_mismatch}. A missing or generic claim ({@code application/octet-stream})
 * contradicts nothing.
 */
public final class MediaKinds {
    private static final String GENERIC = "application/octet-stream";

    private MediaKinds() {
    }

    /** What the upload is, as a message kind and the content type it is served as. */
    public record Reading(MessageKind kind, String contentType) {
    }

    public static Reading read(MediaType sniffed, Optional<String> claim) {
        String claimed = claim.map(c -> c.toLowerCase(Locale.ROOT)).filter(c -> !c.equals(GENERIC)).orElse("");
        boolean claimsAudio = claimed.startsWith("audio/");
        if (!claimed.isEmpty() && group(claimed) != group(sniffed)) {
            throw new ProtocolException(ErrorCode.MEDIA_TYPE_MISMATCH,
                    "the file was declared " + claimed + " but its bytes are " + describe(sniffed));
        }
        return switch (sniffed.family()) {
            case IMAGE -> new Reading(MessageKind.IMAGE, sniffed.contentType());
            case VIDEO -> claimsAudio ? new Reading(MessageKind.VOICE, audioType(sniffed))
                    : new Reading(MessageKind.VIDEO, sniffed.contentType());
            case AUDIO -> new Reading(MessageKind.VOICE, sniffed.contentType());
            case DOCUMENT -> new Reading(MessageKind.FILE, sniffed.contentType());
        };
    }

    /** Claims and bytes agree when they fall in the same group; audio and video share one (containers). */
    private enum Group { PICTURE, PLAYABLE, PDF, OTHER }

    private static Group group(String claimed) {
        if (claimed.startsWith("image/")) {
            return Group.PICTURE;
        }
        if (claimed.startsWith("audio/") || claimed.startsWith("video/")) {
            return Group.PLAYABLE;
        }
        return claimed.equals(MediaType.PDF.contentType()) ? Group.PDF : Group.OTHER;
    }

    private static Group group(MediaType sniffed) {
        return switch (sniffed.family()) {
            case IMAGE -> Group.PICTURE;
            case VIDEO, AUDIO -> Group.PLAYABLE;
            case DOCUMENT -> sniffed == MediaType.PDF ? Group.PDF : Group.OTHER;
        };
    }

    private static String audioType(MediaType container) {
        return switch (container) {
            case WEBM -> "audio/webm";
            case MP4, MOV -> "audio/mp4";
            default -> container.contentType();
        };
    }

    private static String describe(MediaType sniffed) {
        return sniffed == MediaType.OTHER ? "not a recognized picture, video, audio or PDF" : sniffed.contentType();
    }
}
