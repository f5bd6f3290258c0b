package parley.server.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Media settings.
 *
 * @param folder                   where the folder blob store keeps files (embedded mode)
 * @param s3                       the S3-compatible bucket used instead of the folder (cluster mode)
 * @param maxFileBytes             the largest file one upload may declare
 * @param chunkBytes               the largest chunk one upload request may carry
 * @param maxUnfinishedUploads     unfinished uploads one user may have at once
 * @param uploadsPerMinute         uploads one user may start per minute (a burst of as many is allowed)
 * @param maxImagePixels           pictures over this many pixels are refused from their header
 * @param abandonedUploadSeconds   an upload not written to for this long is deleted
 * @param unsentMediaSeconds       a finished file no message refers to after this long is deleted
 * @param cleanupSeconds           how often the clean-up runs
 * @param maxTransfers             uploads and downloads streaming at once on this node; more wait in line
 * @param maxJpegScans             JPEGs of more scans than this are refused before any decoding
 * @param decodeSeconds            a picture decode (for its thumbnail) longer than this is abandoned
 * @param ffmpegSeconds            one ffprobe or ffmpeg run longer than this is killed
 * @param maxFfmpegProcesses       ffprobe and ffmpeg runs at once on this node; more wait, then go without
 * @param bytesPerUserPerDay       bytes one user may declare in uploads started over any 24 hours
 */
public record MediaConfig(Path folder, Optional<S3> s3, long maxFileBytes, int chunkBytes, int maxUnfinishedUploads,
                          int uploadsPerMinute, long maxImagePixels, int abandonedUploadSeconds,
                          int unsentMediaSeconds, int cleanupSeconds, int maxTransfers, int maxJpegScans,
                          int decodeSeconds, int ffmpegSeconds, int maxFfmpegProcesses, long bytesPerUserPerDay) {

    /** An S3-compatible bucket. */
    public record S3(URI endpoint, String region, String bucket, String accessKey, String secretKey,
                     boolean pathStyle) {
        @Override
        public String toString() {
            return "S3[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket + ", pathStyle=" + pathStyle
                    + "]";
        }
    }
}
