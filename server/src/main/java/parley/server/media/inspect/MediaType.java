package parley.server.media.inspect;

/**
 * The types Parley recognizes from a file's first bytes (never from the client's claim), each with
 * the content type it is served as and the family it belongs to. Anything else is {@link #OTHER}: a
 * plain file, served as a download.
 */
public enum MediaType {
    JPEG("image/jpeg", Family.IMAGE),
    PNG("image/png", Family.IMAGE),
    GIF("image/gif", Family.IMAGE),
    WEBP("image/webp", Family.IMAGE),
    MP4("video/mp4", Family.VIDEO),
    MOV("video/quicktime", Family.VIDEO),
    WEBM("video/webm", Family.VIDEO),
    MP3("audio/mpeg", Family.AUDIO),
    OGG("audio/ogg", Family.AUDIO),
    M4A("audio/mp4", Family.AUDIO),
    PDF("application/pdf", Family.DOCUMENT),
    OTHER("application/octet-stream", Family.DOCUMENT);

    /** What a user sees it as: a picture, a video, something to play, or a file to download. */
    public enum Family { IMAGE, VIDEO, AUDIO, DOCUMENT }

    private final String contentType;
    private final Family family;

    MediaType(String contentType, Family family) {
        this.contentType = contentType;
        this.family = family;
    }

    public String contentType() {
        return contentType;
    }

    public Family family() {
        return family;
    }
}
