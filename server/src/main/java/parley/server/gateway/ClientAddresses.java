package parley.server.gateway;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who a request comes from, for limits per address: the connection's peer, unless the peer is one
 * of the configured trusted proxies (the load balancer), whose {@code X-Forwarded-For} then names
 * the client (its last entry: the one the proxy itself added; earlier ones, and earlier headers,
 * are the client's word).
 * A client that is not a trusted proxy cannot choose its address by sending the header.
 */
public final class ClientAddresses {
    private final Set<InetAddress> trustedProxies;

    /** @param trustedProxies IP addresses (not names) of the proxies in front of this node */
    public ClientAddresses(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream().map(ClientAddresses::literal).collect(Collectors.toUnmodifiableSet());
    }

    /** The connection's peer address, as text ({@code 203.0.113.7}, {@code 2001:db8::1}). */
    public static String peer(Channel channel) {
        SocketAddress remote = channel.remoteAddress();
        if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return "local";
    }

    /** Whether connections from this peer are a proxy's, carrying many clients. */
    public boolean isTrustedProxy(Channel channel) {
        SocketAddress remote = channel.remoteAddress();
        return remote instanceof InetSocketAddress inet && trustedProxies.contains(inet.getAddress());
    }

    /** The client's address for a request on this channel with these headers. */
    public String client(Channel channel, HttpHeaders headers) {
        if (isTrustedProxy(channel)) {
            java.util.List<String> all = headers.getAll("X-Forwarded-For");
            String forwarded = all.isEmpty() ? null : all.getLast();
            if (forwarded != null && !forwarded.isBlank()) {
                String last = forwarded.substring(forwarded.lastIndexOf(',') + 1).trim();
                if (!last.isEmpty() && last.length() <= 64) {
                    return last;
                }
            }
        }
        return peer(channel);
    }

    private static InetAddress literal(String address) {
        if (!address.matches("[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException("'" + address + "' is not an IP address");
        }
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + address + "' is not an IP address", e);
        }
    }
}
