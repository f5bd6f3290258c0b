package parley.protocol.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code POST /api/media/uploads}: starts a resumable upload of {@code size} bytes. {@code name} is
 * the file's name as the user sees it (sanitized; never used for storage); {@code type} is the
 * client's claim of its content type, checked against the bytes (optional).
 */
public record CreateUploadRequest(@JsonProperty(required = true) long size, String name, String type) {
}
