package parley.server.media.inspect;

/** The width and height of a picture or a video, in pixels. */
public record Dimensions(int width, int height) {
    public Dimensions {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("dimensions must be positive: " + width + " x " + height);
        }
    }

    public long pixels() {
        return (long) width * height;
    }
}
