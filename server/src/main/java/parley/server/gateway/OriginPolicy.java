package parley.server.gateway;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which browser pages may open a WebSocket: by default only pages of the server's own origin (the
 * Origin header names the same host and port as the Host header), plus configured origins, or any
 * with "*". A request without an Origin header does not come from a browser page (browsers always
 * send one on a WebSocket upgrade) and is allowed: the token is what protects it.
 */
public final class OriginPolicy {
    private final Set<String> allowed;
    private final boolean any;

    public OriginPolicy(List<String> allowedOrigins) {
        this.any = allowedOrigins.contains("*");
        this.allowed = allowedOrigins.stream().map(OriginPolicy::normalize).collect(Collectors.toUnmodifiableSet());
    }

    public boolean allows(String origin, String host) {
        if (origin == null || any) {
            return true;
        }
        String normalized = normalize(origin);
        if (allowed.contains(normalized)) {
            return true;
        }
        return host != null && sameHostAndPort(normalized, host.toLowerCase(Locale.ROOT));
    }

    private static boolean sameHostAndPort(String origin, String host) {
        try {
            URI uri = URI.create(origin);
            if (uri.getHost() == null || uri.getScheme() == null) {
                return false;
            }
            int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
            String originHost = uri.getHost();
            int colon = host.lastIndexOf(':');
            boolean hostHasPort = colon > host.lastIndexOf(']');
            String hostName = hostHasPort ? host.substring(0, colon) : host;
            int hostPort = hostHasPort ? Integer.parseInt(host.substring(colon + 1)) : port;
            return originHost.equals(hostName) && port == hostPort;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String normalize(String origin) {
        String lower = origin.trim().toLowerCase(Locale.ROOT);
        return lower.endsWith("/") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
