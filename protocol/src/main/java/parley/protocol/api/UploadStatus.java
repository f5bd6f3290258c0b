package parley.protocol.api;

import java.util.Objects;

/**
 * An unfinished upload: its id, how many bytes the server has stored ({@code offset}: the next
 * chunk starts there), the declared {@code size}, and the largest chunk one request may carry.
 */
public record UploadStatus(String uploadId, long offset, long size, long chunkBytes) {
    public UploadStatus {
        Objects.requireNonNull(uploadId, "uploadId");
    }
}
