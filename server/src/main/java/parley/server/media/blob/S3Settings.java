package parley.server.media.blob;

import java.net.URI;
import java.util.Objects;

/**
 * Where the S3-compatible store lives and how to sign in to it.
 *
 * @param endpoint  the service's address, e.g. {@code http://127.0.0.1:9000} for a local MinIO or s3proxy
 * @param region    the region the requests are signed for (any name the service accepts, e.g. {@code us-east-1})
 * @param bucket    the bucket, which must exist; Parley writes under {@code blobs/}, {@code parts/} and {@code tmp/}
 * @param accessKey the access key id
 * @param secretKey the secret key; never printed by {@link #toString()}
 * @param pathStyle {@code true} for {@code endpoint/bucket/key} addresses (most self-hosted services),
 *                  {@code false} for {@code bucket.endpoint/key}
 */
public record S3Settings(URI endpoint, String region, String bucket, String accessKey, String secretKey, boolean pathStyle) {
    public S3Settings {
        Objects.requireNonNull(endpoint, "the S3 endpoint is required");
        if (!"http".equals(endpoint.getScheme()) && !"https".equals(endpoint.getScheme())) {
            throw new IllegalArgumentException("the S3 endpoint must be an http or https address: " + endpoint);
        }
        requireText(region, "region");
        requireText(bucket, "bucket");
        requireText(accessKey, "access key");
        requireText(secretKey, "secret key");
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the S3 " + name + " is required");
        }
    }

    @Override
    public String toString() {
        return "S3Settings[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket
                + ", accessKey=" + accessKey + ", secretKey=***, pathStyle=" + pathStyle + "]";
    }
}
