package parley.client.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import parley.client.ParleyException;
import parley.protocol.ErrorCode;
import parley.protocol.JsonCodec;
import parley.protocol.ProtocolException;
import parley.protocol.api.AddMembersRequest;
import parley.protocol.api.CreateGroupRequest;
import parley.protocol.api.CreateUploadRequest;
import parley.protocol.api.DeviceList;
import parley.protocol.api.ErrorResponse;
import parley.protocol.api.GroupMembers;
import parley.protocol.api.LoginRequest;
import parley.protocol.api.LoginResponse;
import parley.protocol.api.MessageInfo;
import parley.protocol.api.OpenChatRequest;
import parley.protocol.api.RegisterRequest;
import parley.protocol.api.RenameGroupRequest;
import parley.protocol.api.UploadStatus;
import parley.protocol.api.UserInfo;
import parley.protocol.model.ChatPage;
import parley.protocol.model.ChatSummary;
import parley.protocol.model.MediaRef;
import parley.protocol.model.MessagePage;

/**
 * Parley's JSON API over HTTP. Calls block until the answer (at most the request timeout) and
 * return the protocol's records. A refusal throws {@link ParleyException} with the server's
 * {@link ErrorCode} and the HTTP status; a network failure throws {@link UncheckedIOException}.
 * Authenticated calls take the bearer token from {@link #login}. Thread-safe and stateless.
 */
public final class ParleyHttp {
    private final HttpClient http;
    private final URI base;
    private final Duration timeout;
    private final JsonCodec codec;

    /** @param base the server, e.g. {@code http://127.0.0.1:8080} (a path prefix is kept) */
    public ParleyHttp(HttpClient http, URI base, Duration timeout, JsonCodec codec) {
        this.http = Objects.requireNonNull(http, "http");
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    /** Creates an account: {@code invalid_username}, {@code weak_password}, {@code username_taken}. */
    public UserInfo register(String username, String password) {
        return call(post("/api/register", null, new RegisterRequest(username, password)), UserInfo.class);
    }

    /** Logs in as a new unnamed device: {@code invalid_credentials} for a wrong password. */
    public LoginResponse login(String username, String password) {
        return login(username, password, null);
    }

    /** Logs in as a new device labelled {@code deviceName} in the device list. */
    public LoginResponse login(String username, String password, String deviceName) {
        return call(post("/api/login", null, new LoginRequest(username, password, deviceName)), LoginResponse.class);
    }

    /** Ends this token's device session; its live connections are closed. */
    public void logout(String token) {
        call(post("/api/logout", token, null), Void.class);
    }

    public UserInfo me(String token) {
        return call(get("/api/me", token), UserInfo.class);
    }

    public DeviceList devices(String token) {
        return call(get("/api/devices", token), DeviceList.class);
    }

    /** Revokes one of my devices (its connections close with {@code session_revoked}). */
    public void revokeDevice(String token, long deviceId) {
        call(request("/api/devices/" + deviceId, token).DELETE().build(), Void.class);
    }

    /** Opens (or gets) the one-on-one chat with a user; {@code not_found} for an unknown one. */
    public ChatSummary openDirect(String token, String username) {
        return call(post("/api/chats/direct", token, new OpenChatRequest(username)), ChatSummary.class);
    }

    /** A page of my chats, newest activity first; {@code before} is a previous page's next. */
    public ChatPage chats(String token, String before, Integer limit) {
        return call(get("/api/chats" + query("before", before, "limit", limit), token), ChatPage.class);
    }

    /** A page of a chat's history, ascending; see {@code ParleyConnection.history}. */
    public MessagePage history(String token, long chatId, Long before, Long after, Integer limit) {
        return call(get("/api/chats/" + chatId + "/messages" + query("before", before, "after", after, "limit", limit), token),
                MessagePage.class);
    }

    /** Creates a group with me as its admin; its seq 1 is the {@code created} system message. */
    public ChatSummary createGroup(String token, String title, List<Long> memberIds, boolean membersCanAdd) {
        return call(post("/api/groups", token, new CreateGroupRequest(title, memberIds, membersCanAdd)),
                ChatSummary.class);
    }

    /** A group's title, setting and members, longest-standing first. */
    public GroupMembers groupMembers(String token, long chatId) {
        return call(get("/api/chats/" + chatId + "/members", token), GroupMembers.class);
    }

    /** Adds users to a group, all or none (admins, or anyone when the group lets members add). */
    public GroupMembers addMembers(String token, long chatId, List<Long> userIds) {
        return call(post("/api/chats/" + chatId + "/members", token, new AddMembersRequest(userIds)),
                GroupMembers.class);
    }

    /** Removes a member from a group (admins only). */
    public void removeMember(String token, long chatId, long userId) {
        call(request("/api/chats/" + chatId + "/members/" + userId, token).DELETE().build(), Void.class);
    }

    /** Leaves a group. */
    public void leaveGroup(String token, long chatId) {
        call(post("/api/chats/" + chatId + "/leave", token, null), Void.class);
    }

    /** Renames a group (admins only). */
    public GroupMembers renameGroup(String token, long chatId, String title) {
        return call(post("/api/chats/" + chatId + "/title", token, new RenameGroupRequest(title)), GroupMembers.class);
    }

    /** Makes a member an admin ({@code admin}) or a plain member again (admins only). */
    public GroupMembers setAdmin(String token, long chatId, long userId, boolean admin) {
        HttpRequest.Builder builder = request("/api/chats/" + chatId + "/admins/" + userId, token);
        HttpRequest request = admin
                ? builder.POST(HttpRequest.BodyPublishers.noBody()).build()
                : builder.DELETE().build();
        return call(request, GroupMembers.class);
    }

    /** "Message info": who of the other members has received and read message {@code seq}, and when. */
    public MessageInfo messageInfo(String token, long chatId, long seq) {
        return call(get("/api/chats/" + chatId + "/messages/" + seq + "/info", token), MessageInfo.class);
    }

    /** Starts a resumable upload: {@code file_too_large}, {@code too_many_uploads}, {@code rate_limited}. */
    public UploadStatus startUpload(String token, long size, String name, String type) {
        return call(post("/api/media/uploads", token, new CreateUploadRequest(size, name, type)), UploadStatus.class);
    }

    /** Where an upload stands: the offset to send the next chunk from. */
    public UploadStatus uploadStatus(String token, String uploadId) {
        return call(get("/api/media/uploads/" + uploadId, token), UploadStatus.class);
    }

    /** Finishes an upload: {@code upload_incomplete}, {@code media_type_mismatch}, {@code invalid_media}, {@code image_too_large}. */
    public MediaRef completeUpload(String token, String uploadId) {
        return call(post("/api/media/uploads/" + uploadId + "/complete", token, null), MediaRef.class);
    }

    /** Cancels an upload and drops its bytes. */
    public void cancelUpload(String token, String uploadId) {
        call(request("/api/media/uploads/" + uploadId, token).DELETE().build(), Void.class);
    }

    private HttpRequest get(String path, String token) {
        return request(path, token).GET().build();
    }

    private HttpRequest post(String path, String token, Object body) {
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(codec.write(body));
        return request(path, token).header("Content-Type", "application/json").POST(publisher).build();
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(timeout)
                .header("Accept", "application/json");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private <T> T call(HttpRequest request, Class<T> type) {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new java.io.InterruptedIOException("interrupted: " + request.uri()));
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            throw failure(status, response.body());
        }
        if (type == Void.class) {
            return null;
        }
        try {
            return codec.read(response.body(), type);
        } catch (ProtocolException e) {
            throw new ParleyException(ErrorCode.INTERNAL, status, "unreadable answer from " + request.uri() + ": " + e.getMessage());
        }
    }

    ParleyException failure(int status, byte[] body) {
        try {
            ErrorResponse error = codec.read(body, ErrorResponse.class);
            return new ParleyException(error.code(), status, error.message());
        } catch (RuntimeException notAnErrorResponse) {
            String text = new String(body, StandardCharsets.UTF_8);
            return new ParleyException(codeForStatus(status), status,
                    "HTTP " + status + (text.isBlank() ? "" : ": " + text.substring(0, Math.min(200, text.length()))));
        }
    }

    private static ErrorCode codeForStatus(int status) {
        return switch (status) {
            case 401 -> ErrorCode.UNAUTHORIZED;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 413 -> ErrorCode.BODY_TOO_LARGE;
            case 429 -> ErrorCode.RATE_LIMITED;
            case 503 -> ErrorCode.SHUTTING_DOWN;
            default -> status >= 500 ? ErrorCode.INTERNAL : ErrorCode.INVALID_REQUEST;
        };
    }

    /** {@code ?k1=v1&k2=v2} for the pairs whose value is not null; "" when none. */
    static String query(Object... pairs) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                parts.add(pairs[i] + "=" + URLEncoder.encode(String.valueOf(pairs[i + 1]), StandardCharsets.UTF_8));
            }
        }
        return parts.isEmpty() ? "" : "?" + String.join("&", parts);
    }
}
