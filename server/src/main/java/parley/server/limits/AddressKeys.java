package parley.server.limits;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The key a client address is limited under: an IPv4 address as it is; an IPv6 address by its /64
 * network, because one subscriber usually holds a whole /64 and could otherwise take a fresh address
 * for every request. Anything else (a name, {@code local}) as it is, cut to 64 characters.
 */
public final class AddressKeys {
    private static final int MAX_CHARS = 64;

    private AddressKeys() {
    }

    public static String of(String address) {
        if (address == null || address.isEmpty()) {
            return "unknown";
        }
        String literal = address.replaceFirst("%.*$", ""); // an IPv6 zone (fe80::1%eth0)
        if (literal.indexOf(':') >= 0 && literal.length() <= MAX_CHARS && literal.matches("[0-9a-fA-F:.]+")) {
            try {
                byte[] bytes = InetAddress.getByName(literal).getAddress(); // a literal: no name lookup
                if (bytes.length == 16) {
                    StringBuilder prefix = new StringBuilder();
                    for (int i = 0; i < 8; i += 2) {
                        prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
                    }
                    return prefix.append(":/64").toString();
                }
                return InetAddress.getByAddress(bytes).getHostAddress();
            } catch (UnknownHostException e) {
                return address;
            }
        }
        return address.length() > MAX_CHARS ? address.substring(0, MAX_CHARS) : address;
    }
}
