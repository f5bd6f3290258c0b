package parley.server.http;

import parley.protocol.ErrorCode;
import parley.protocol.JsonCodec;
import parley.protocol.ProtocolException;
import parley.protocol.api.CreateUploadRequest;
import parley.server.media.UploadCompletion;
import parley.server.media.UploadService;

/**
 * The JSON routes of uploads: {@code POST /api/media/uploads} (start), {@code GET} and
 * {@code DELETE /api/media/uploads/{id}} (where it stands; cancel) and
 * {@code POST /api/media/uploads/{id}/complete}. Chunks ({@code PUT}) stream through
 * {@code ChunkUploadHandler} and downloads through {@code MediaDownloads}, not through here.
 */
final class MediaRoutes {
    private final UploadService uploads;
    private final UploadCompletion completion;
    private final JsonCodec codec;

    MediaRoutes(UploadService uploads, UploadCompletion completion, JsonCodec codec) {
        this.uploads = uploads;
        this.completion = completion;
        this.codec = codec;
    }

    ApiResponse handle(long userId, ApiRequest request, String[] parts) {
        if (parts.length < 3 || !parts[2].equals("uploads")) {
            throw new ProtocolException(ErrorCode.NOT_FOUND, "no such resource");
        }
        String method = request.method();
        if (parts.length == 3) {
            requireMethod(method, "POST");
            return ApiResponse.created(uploads.create(userId, codec.read(request.body(), CreateUploadRequest.class)));
        }
        String uploadId = parts[3];
        if (parts.length == 4) {
            return switch (method) {
                case "GET" -> ApiResponse.ok(uploads.status(userId, uploadId));
                case "DELETE" -> {
                    uploads.cancel(userId, uploadId);
                    yield ApiResponse.noContent();
                }
                default -> throw new ProtocolException(ErrorCode.METHOD_NOT_ALLOWED,
                        "use GET, PUT (a chunk) or DELETE");
            };
        }
        if (parts.length == 5 && parts[4].equals("complete")) {
            requireMethod(method, "POST");
            return ApiResponse.ok(completion.complete(userId, uploadId));
        }
        throw new ProtocolException(ErrorCode.NOT_FOUND, "no such resource");
    }

    private static void requireMethod(String method, String expected) {
        if (!method.equals(expected)) {
            throw new ProtocolException(ErrorCode.METHOD_NOT_ALLOWED, "use " + expected);
        }
    }
}
