package parley.server.media.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** Reads ffprobe's JSON report: the first video stream's size (turned by its rotation) and the duration. */
final class FfprobeReport {
    private FfprobeReport() {
    }

    static MediaInfo parse(JsonNode report) {
        Optional<Dimensions> dimensions = Optional.empty();
        Optional<Long> duration = seconds(report.path("format").path("duration"));
        for (JsonNode stream : report.path("streams")) {
            if (dimensions.isEmpty() && "video".equals(stream.path("codec_type").asText())) {
                dimensions = videoDimensions(stream);
            }
            if (duration.isEmpty()) {
                duration = seconds(stream.path("duration"));
            }
        }
        return new MediaInfo(dimensions, duration);
    }

    private static Optional<Dimensions> videoDimensions(JsonNode stream) {
        int width = stream.path("width").asInt(0);
        int height = stream.path("height").asInt(0);
        if (width <= 0 || height <= 0) {
            return Optional.empty();
        }
        int rotation = 0;
        for (JsonNode sideData : stream.path("side_data_list")) {
            rotation = sideData.path("rotation").asInt(rotation);
        }
        boolean quarterTurn = Math.abs(rotation) % 180 == 90;
        return Optional.of(quarterTurn ? new Dimensions(height, width) : new Dimensions(width, height));
    }

    /** A duration in seconds as ffprobe prints it ("12.345000"), in milliseconds; empty when absent or "N/A". */
    private static Optional<Long> seconds(JsonNode value) {
        try {
            double seconds = Double.parseDouble(value.asText(""));
            if (Double.isNaN(seconds) || Double.isInfinite(seconds) || seconds < 0) {
                return Optional.empty();
            }
            return Optional.of(Math.round(seconds * 1000));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
