package dev.palisade.kyverno.jmespath.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Go's {@code net.ParseIP} (without name resolution) and {@code IP.IsPrivate}. */
final class IpLiterals {
    private static final Pattern V4 = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");
    private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f:.]+");

    private IpLiterals() {
    }

    /** The address when the text is an IP literal, else null. */
    static InetAddress parse(String host) {
        try {
            if (V4.matcher(host).matches()) {
                for (String part : host.split("\\.")) {
                    if (Integer.parseInt(part) > 255) {
                        return null;
                    }
                }
                return InetAddress.getByName(host);
            }
            if (host.indexOf(':') >= 0 && V6.matcher(host).matches()) {
                return InetAddress.getByName(host);
            }
        } catch (UnknownHostException e) {
            return null;
        }
        return null;
    }

    /** RFC 1918 and RFC 4193 ranges. */
    static boolean isPrivate(InetAddress a) {
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int b0 = b[0] & 0xff;
            int b1 = b[1] & 0xff;
            return b0 == 10 || (b0 == 172 && (b1 & 0xf0) == 16) || (b0 == 192 && b1 == 168);
        }
        if (a instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc;
        }
        return false;
    }
}
