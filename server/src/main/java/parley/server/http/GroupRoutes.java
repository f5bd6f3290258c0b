package parley.server.http;

import parley.protocol.ErrorCode;
import parley.protocol.JsonCodec;
import parley.protocol.ProtocolException;
import parley.protocol.api.AddMembersRequest;
import parley.protocol.api.CreateGroupRequest;
import parley.protocol.api.RenameGroupRequest;
import parley.server.chat.GroupService;
import parley.server.store.GroupCommand;

/**
 * The group routes of the HTTP API, under {@code /api/groups} and {@code /api/chats/{chatId}/...}:
 * members, leave, title, admins, and message info. The caller is already authenticated. Blocking.
 */
final class GroupRoutes {
    private final GroupService groups;
    private final JsonCodec codec;

    GroupRoutes(GroupService groups, JsonCodec codec) {
        this.groups = groups;
        this.codec = codec;
    }

    /** Whether {@code /api/chats/{id}/{segment}...} with this many path parts is a group route. */
    static boolean handles(String segment, int parts) {
        return switch (segment) {
            case "members" -> parts == 4 || parts == 5;
            case "leave", "title" -> parts == 4;
            case "admins" -> parts == 5;
            case "messages" -> parts == 6;
            default -> false;
        };
    }

    ApiResponse create(long userId, ApiRequest request) {
        CreateGroupRequest body = codec.read(request.body(), CreateGroupRequest.class);
        return ApiResponse.created(groups.create(userId,
                new GroupCommand.Create(userId, body.title(), body.memberIds(), Boolean.TRUE.equals(body.membersCanAdd()))));
    }

    ApiResponse handle(long userId, long chatId, String[] parts, String method, ApiRequest request) {
        String route = parts[3] + (parts.length == 5 ? "/{id}" : "") + (parts.length == 6 ? "/{seq}/" + parts[5] : "");
        return switch (method + " " + route) {
            case "GET members" -> ApiResponse.ok(groups.members(userId, chatId));
            case "POST members" -> ApiResponse.ok(groups.add(userId, chatId,
                    codec.read(request.body(), AddMembersRequest.class).userIds()));
            case "DELETE members/{id}" -> {
                groups.remove(userId, chatId, id(parts, 4));
                yield ApiResponse.noContent();
            }
            case "POST leave" -> {
                groups.leave(userId, chatId);
                yield ApiResponse.noContent();
            }
            case "POST title" -> ApiResponse.ok(groups.rename(userId, chatId,
                    codec.read(request.body(), RenameGroupRequest.class).title()));
            case "POST admins/{id}" -> ApiResponse.ok(groups.setAdmin(userId, chatId, id(parts, 4), true));
            case "DELETE admins/{id}" -> ApiResponse.ok(groups.setAdmin(userId, chatId, id(parts, 4), false));
            case "GET messages/{seq}/info" -> ApiResponse.ok(groups.info(userId, chatId, id(parts, 4)));
            default -> {
                if (parts.length == 6 && !parts[5].equals("info")) {
                    throw new ProtocolException(ErrorCode.NOT_FOUND, "no such resource");
                }
                throw new ProtocolException(ErrorCode.METHOD_NOT_ALLOWED, request.path() + " does not take " + method);
            }
        };
    }

    private static long id(String[] parts, int index) {
        try {
            return Long.parseLong(parts[index]);
        } catch (NumberFormatException e) {
            throw new ProtocolException(ErrorCode.NOT_FOUND, "no such resource");
        }
    }
}
