package parley.server.media.inspect;

/**
 * A picture with more pixels than the server decodes (a decompression bomb, or just too big),
 * refused from its header before anything is decoded.
 */
public final class ImageTooLargeException extends RuntimeException {
    private final transient Dimensions dimensions;
    private final long maxPixels;

    public ImageTooLargeException(Dimensions dimensions, long maxPixels) {
        super("the picture is " + dimensions.width() + " x " + dimensions.height() + " (" + dimensions.pixels()
                + " pixels), more than the limit of " + maxPixels + " pixels");
        this.dimensions = dimensions;
        this.maxPixels = maxPixels;
    }

    public Dimensions dimensions() {
        return dimensions;
    }

    public long maxPixels() {
        return maxPixels;
    }
}
