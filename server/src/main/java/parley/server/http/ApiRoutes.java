package parley.server.http;

import parley.protocol.ErrorCode;
import parley.protocol.JsonCodec;
import parley.protocol.ProtocolException;
import parley.protocol.api.DeviceList;
import parley.protocol.api.LoginRequest;
import parley.protocol.api.OpenChatRequest;
import parley.protocol.api.PrivacySettings;
import parley.protocol.api.RegisterRequest;
import parley.server.admin.AdminRoutes;
import parley.server.auth.AccountService;
import parley.server.auth.AuthenticatedDevice;
import parley.server.chat.ChatQueries;
import parley.server.presence.PresenceService;
import parley.server.chat.GroupService;
import parley.server.media.UploadCompletion;
import parley.server.media.UploadService;

/**
 * The HTTP JSON API: accounts, devices, chats and history. Every route but register and login
 * needs a bearer token. Blocking: run off the event loop. The table of routes is
 * {@link #handle}; see docs/protocol.md for each.
 */
public final class ApiRoutes {
    private final AccountService accounts;
    private final ChatQueries chats;
    private final GroupRoutes groups;
    private final JsonCodec codec;
    private final PresenceService presence;
    private final MediaRoutes media;
    private final AdminRoutes admin;

    public ApiRoutes(AccountService accounts, ChatQueries chats, GroupService groups, JsonCodec codec,
                     PresenceService presence, UploadService uploads, UploadCompletion completion, AdminRoutes admin) {
        this.media = new MediaRoutes(uploads, completion, codec);
        this.admin = admin;
        this.accounts = accounts;
        this.chats = chats;
        this.groups = new GroupRoutes(groups, codec);
        this.codec = codec;
        this.presence = presence;
    }

    public ApiResponse handle(ApiRequest request) {
        String[] parts = request.path().substring(1).split("/");
        if (parts.length < 2 || !parts[0].equals("api")) {
            throw notFound();
        }
        return switch (parts[1]) {
            case "register" -> only(request, "POST", parts.length == 2, () -> register(request));
            case "login" -> only(request, "POST", parts.length == 2, () -> login(request));
            case "logout" -> only(request, "POST", parts.length == 2, () -> {
                accounts.logout(caller(request));
                return ApiResponse.noContent();
            });
            case "me" -> parts.length == 3 && parts[2].equals("privacy") ? privacy(request)
                    : only(request, "GET", parts.length == 2, () -> ApiResponse.ok(accounts.me(caller(request))));
            case "devices" -> devices(request, parts);
            case "chats" -> chatRoutes(request, parts);
            case "media" -> media.handle(caller(request).userId(), request, parts);
            case "groups" -> only(request, "POST", parts.length == 2,
                    () -> groups.create(caller(request).userId(), request));
            case "admin" -> admin.handle(request, parts);
            default -> throw notFound();
        };
    }

    private ApiResponse register(ApiRequest request) {
        RegisterRequest body = codec.read(request.body(), RegisterRequest.class);
        return ApiResponse.created(accounts.register(body.username(), body.password(), request.clientAddress()));
    }

    private ApiResponse login(ApiRequest request) {
        LoginRequest body = codec.read(request.body(), LoginRequest.class);
        return ApiResponse.ok(accounts.login(body.username(), body.password(), body.deviceName(), request.clientAddress()));
    }

    /** GET or PUT /api/me/privacy: who may see my presence. */
    private ApiResponse privacy(ApiRequest request) {
        return switch (request.method()) {
            case "GET" -> ApiResponse.ok(new PrivacySettings(presence.visibility(caller(request).userId())));
            case "PUT" -> {
                AuthenticatedDevice me = caller(request);
                PrivacySettings body = codec.read(request.body(), PrivacySettings.class);
                presence.setVisibility(me.userId(), body.presence());
                yield ApiResponse.ok(body);
            }
            default -> throw new ProtocolException(ErrorCode.METHOD_NOT_ALLOWED, request.path() + " takes GET or PUT");
        };
    }

    private ApiResponse devices(ApiRequest request, String[] parts) {
        if (parts.length == 2) {
            return only(request, "GET", true, () -> ApiResponse.ok(new DeviceList(accounts.devices(caller(request)))));
        }
        long deviceId = pathId(parts, 2);
        return only(request, "DELETE", parts.length == 3, () -> {
            accounts.revoke(caller(request), deviceId);
            return ApiResponse.noContent();
        });
    }

    private ApiResponse chatRoutes(ApiRequest request, String[] parts) {
        if (parts.length == 2) {
            return only(request, "GET", true, () -> ApiResponse.ok(chats.listChats(caller(request).userId(),
                    request.param("before").orElse(null), request.intParam("limit"))));
        }
        if (parts.length == 3 && parts[2].equals("direct")) {
            return only(request, "POST", true, () -> {
                AuthenticatedDevice me = caller(request);
                OpenChatRequest body = codec.read(request.body(), OpenChatRequest.class);
                return ApiResponse.ok(chats.openDirect(me.userId(), body.username()));
            });
        }
        if (parts.length >= 4 && GroupRoutes.handles(parts[3], parts.length)) {
            long chatId = pathId(parts, 2);
            String method = request.method();
            AuthenticatedDevice me = caller(request);
            return groups.handle(me.userId(), chatId, parts, method, request);
        }
        if (parts.length == 4 && parts[3].equals("messages")) {
            long chatId = pathId(parts, 2);
            return only(request, "GET", true, () -> ApiResponse.ok(chats.history(caller(request).userId(), chatId,
                    request.longParam("before"), request.longParam("after"), request.intParam("limit"))));
        }
        throw notFound();
    }

    private AuthenticatedDevice caller(ApiRequest request) {
        return accounts.require(request.bearerToken().orElse(null));
    }

    private static ApiResponse only(ApiRequest request, String method, boolean pathMatches, Route route) {
        if (!pathMatches) {
            throw notFound();
        }
        if (!request.method().equals(method)) {
            throw new ProtocolException(ErrorCode.METHOD_NOT_ALLOWED, request.path() + " takes " + method);
        }
        return route.run();
    }

    private static long pathId(String[] parts, int index) {
        try {
            return Long.parseLong(parts[index]);
        } catch (NumberFormatException e) {
            throw notFound();
        }
    }

    private static ProtocolException notFound() {
        return new ProtocolException(ErrorCode.NOT_FOUND, "no such resource");
    }

    @FunctionalInterface
    private interface Route {
        ApiResponse run();
    }
}
