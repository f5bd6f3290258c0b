package parley.server.admin;

import parley.protocol.ErrorCode;
import parley.protocol.JsonCodec;
import parley.protocol.ProtocolException;
import parley.protocol.api.ProvisionRequest;
import parley.server.http.ApiRequest;
import parley.server.http.ApiResponse;

/**
 * The operator's routes under {@code /api/admin/}: {@code POST provision} (accounts in bulk) and
 * {@code GET stats} (the node's memory and sessions; {@code ?gc=true} collects garbage first, so that
 * the heap figure is the live set). Every one demands the admin secret first, so
 * that without it nothing (not even which routes exist) is revealed. Blocking: run off the event
 * loop, as the rest of the API.
 */
public final class AdminRoutes {
    private final AdminSecret secret;
    private final BulkProvisioner provisioner;
    private final ServerSelfReport self;
    private final JsonCodec codec;

    public AdminRoutes(AdminSecret secret, BulkProvisioner provisioner, ServerSelfReport self, JsonCodec codec) {
        this.secret = secret;
        this.provisioner = provisioner;
        this.self = self;
        this.codec = codec;
    }

    /** Answers {@code /api/admin/...}; {@code parts} are the path's segments, "api" and "admin" first. */
    public ApiResponse handle(ApiRequest request, String[] parts) {
        secret.require(request.bearerToken());
        String route = parts.length == 3 ? parts[2] : "";
        return switch (route) {
            case "provision" -> {
                requireMethod(request, "POST");
                yield ApiResponse.ok(provisioner.provision(codec.read(request.body(), ProvisionRequest.class)));
            }
            case "stats" -> {
                requireMethod(request, "GET");
                yield ApiResponse.ok(self.report(request.param("gc").filter("true"::equals).isPresent()));
            }
            default -> throw new ProtocolException(ErrorCode.NOT_FOUND, "no such resource");
        };
    }

    private static void requireMethod(ApiRequest request, String method) {
        if (!request.method().equals(method)) {
            throw new ProtocolException(ErrorCode.METHOD_NOT_ALLOWED, request.path() + " takes " + method);
        }
    }
}
