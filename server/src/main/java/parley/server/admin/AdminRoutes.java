package parley.server.admin;

import parley.protocol.ErrorCode;
import parley.protocol.JsonCodec;
import parley.protocol.ProtocolException;
import parley.protocol.api.ProvisionRequest;
import parley.protocol.api.QuotaRequest;
import parley.server.http.ApiRequest;
import parley.server.http.ApiResponse;

/**
 * The operator's routes under {@code /api/admin/}: {@code POST provision} (accounts in bulk),
 * {@code GET stats} (the node's memory and sessions; {@code ?gc=true} collects garbage first, so that
 * the heap figure is the live set), and {@code GET} or {@code PUT users/{username}/quota} (what a
 * user stores, and their quota). Every one demands the admin secret first, so
 * that without it nothing (not even which routes exist) is revealed. Blocking: run off the event
 * loop, as the rest of the API.
 */
public final class AdminRoutes {
    private final AdminSecret secret;
    private final BulkProvisioner provisioner;
    private final ServerSelfReport self;
    private final JsonCodec codec;
    private final UserQuotas quotas;

    public AdminRoutes(AdminSecret secret, BulkProvisioner provisioner, ServerSelfReport self, UserQuotas quotas,
                       JsonCodec codec) {
        this.quotas = quotas;
        this.secret = secret;
        this.provisioner = provisioner;
        this.self = self;
        this.codec = codec;
    }

    /** Answers {@code /api/admin/...}; {@code parts} are the path's segments, "api" and "admin" first. */
    public ApiResponse handle(ApiRequest request, String[] parts) {
        secret.require(request.bearerToken());
        if (parts.length == 5 && parts[2].equals("users") && parts[4].equals("quota")) {
            return switch (request.method()) {
                case "GET" -> ApiResponse.ok(quotas.read(parts[3]));
                case "PUT" -> ApiResponse.ok(quotas.set(parts[3], codec.read(request.body(), QuotaRequest.class)));
                default -> throw new ProtocolException(ErrorCode.METHOD_NOT_ALLOWED, "use GET or PUT");
            };
        }
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
