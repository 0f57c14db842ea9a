package dev.palisade.lang.internal;

import java.util.Arrays;

/** IP addresses and CIDR ranges: ip(), cidr() and their accessors (Kubernetes / cel-spec network_ext). */
final class NetLib {
    private NetLib() {
    }

    /** An IPv4 or IPv6 address. */
    static final class Ip implements CelObject {
        final byte[] bytes;

        Ip(byte[] bytes) {
            this.bytes = bytes;
        }

        int family() {
            return bytes.length == 4 ? 4 : 6;
        }

        /** The address with an IPv4-mapped IPv6 form reduced to IPv4. */
        byte[] unmapped() {
            if (bytes.length == 16 && isV4Mapped(bytes)) {
                return Arrays.copyOfRange(bytes, 12, 16);
            }
            return bytes;
        }

        @Override
        public String typeName() {
            return "net.IP";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Ip other && Arrays.equals(unmapped(), other.unmapped());
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(unmapped());
        }

        @Override
        public String toString() {
            return format(bytes);
        }
    }

    /** An address with a prefix length. */
    static final class Cidr implements CelObject {
        final Ip ip;
        final int prefix;

        Cidr(Ip ip, int prefix) {
            this.ip = ip;
            this.prefix = prefix;
        }

        @Override
        public String typeName() {
            return "net.CIDR";
        }

        boolean contains(Ip other) {
            if (other.bytes.length != ip.bytes.length) {
                return false;
            }
            return Arrays.equals(mask(ip.bytes, prefix), mask(other.bytes, prefix));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Cidr c && c.prefix == prefix && c.ip.equals(ip);
        }

        @Override
        public int hashCode() {
            return ip.hashCode() * 31 + prefix;
        }

        @Override
        public String toString() {
            return ip + "/" + prefix;
        }
    }

    static void register(FunctionTable t) {
        t.global("ip", 1).sig("ip(s)").doc("The IP address written as s (IPv4 or IPv6; zones and IPv4-mapped IPv6 rejected).").cost(Cost.traversal(0, "s")).checkConstants().impl((f, a) -> parseIp(Rt.str(a[0], "ip")));
        t.global("isIP", 1).sig("isIP(s)").doc("Whether s is an IP address.").cost(Cost.traversal(0, "s")).impl((f, a) -> tryIp(Rt.str(a[0], "isIP")) != null);
        t.global("ip.isCanonical", 1).sig("ip.isCanonical(s)").doc("Whether s is an IP address in its canonical form.").cost(Cost.doubleTraversal(0, "s")).impl((f, a) -> {
            String s = Rt.str(a[0], "ip.isCanonical");
            return parseIp(s).toString().equals(s);
        });
        t.global("cidr", 1).sig("cidr(s)").doc("The CIDR range written as s.").cost(Cost.traversal(0, "s")).checkConstants().impl((f, a) -> parseCidr(Rt.str(a[0], "cidr")));
        t.global("isCIDR", 1).sig("isCIDR(s)").doc("Whether s is a CIDR range.").cost(Cost.traversal(0, "s")).impl((f, a) -> {
            try {
                parseCidr(Rt.str(a[0], "isCIDR"));
                return true;
            } catch (CelError e) {
                return false;
            }
        });
        t.member("family", 1).sig("ip.family()").doc("4 or 6.").impl((f, a) -> (long) ip(a[0], "family").family());
        t.member("isUnspecified", 1).sig("ip.isUnspecified()").doc("Whether the address is 0.0.0.0 or ::.").impl((f, a) -> allZero(ip(a[0], "isUnspecified").bytes));
        t.member("isLoopback", 1).sig("ip.isLoopback()").doc("Whether the address is a loopback address.").impl((f, a) -> isLoopback(ip(a[0], "isLoopback").unmapped()));
        t.member("isLinkLocalMulticast", 1).sig("ip.isLinkLocalMulticast()").doc("Whether the address is link-local multicast.").impl((f, a) -> {
            byte[] b = ip(a[0], "isLinkLocalMulticast").unmapped();
            return b.length == 4 ? (b[0] & 0xFF) == 224 && b[1] == 0 && b[2] == 0
                    : (b[0] & 0xFF) == 0xFF && (b[1] & 0x0F) == 0x02;
        });
        t.member("isLinkLocalUnicast", 1).sig("ip.isLinkLocalUnicast()").doc("Whether the address is link-local unicast.").impl((f, a) -> isLinkLocalUnicast(ip(a[0], "isLinkLocalUnicast").unmapped()));
        t.member("isGlobalUnicast", 1).sig("ip.isGlobalUnicast()").doc("Whether the address is a global unicast address.").impl((f, a) -> {
            byte[] b = ip(a[0], "isGlobalUnicast").unmapped();
            if (allZero(b) || isLoopback(b) || isLinkLocalUnicast(b)) {
                return false;
            }
            if (b.length == 4) {
                boolean broadcast = (b[0] & b[1] & b[2] & b[3]) == (byte) 0xFF;
                return !broadcast && (b[0] & 0xF0) != 0xE0;
            }
            return (b[0] & 0xFF) != 0xFF;
        });
        t.member("containsIP", 2).sig("cidr.containsIP(ip)").doc("Whether the range contains the address (an IP or a string).").cost(Cost.linear(1, 1, Cost.TRAVERSAL, "|ip|")).impl((f, a) -> {
            Cidr c = cidr(a[0], "containsIP");
            Ip other = a[1] instanceof String s ? parseIp(s) : ip(a[1], "containsIP");
            return c.contains(other);
        });
        t.member("containsCIDR", 2).sig("cidr.containsCIDR(c)").doc("Whether the range contains the other range (a CIDR or a string).").cost(Cost.linear(1, 1, Cost.TRAVERSAL, "|c|")).impl((f, a) -> {
            Cidr c = cidr(a[0], "containsCIDR");
            Cidr other = a[1] instanceof String s ? parseCidr(s) : cidr(a[1], "containsCIDR");
            return other.prefix >= c.prefix && c.contains(other.ip);
        });
        t.member("ip", 1).sig("cidr.ip()").doc("The address of the range.").impl((f, a) -> cidr(a[0], "ip").ip);
        t.member("masked", 1).sig("cidr.masked()").doc("The range with the host bits cleared.").impl((f, a) -> {
            Cidr c = cidr(a[0], "masked");
            return new Cidr(new Ip(mask(c.ip.bytes, c.prefix)), c.prefix);
        });
        t.member("prefixLength", 1).sig("cidr.prefixLength()").doc("The prefix length.").impl((f, a) -> (long) cidr(a[0], "prefixLength").prefix);
    }

    private static Ip ip(Object v, String fn) {
        if (v instanceof Ip ip) {
            return ip;
        }
        throw CelError.noSuchOverload(fn, v);
    }

    private static Cidr cidr(Object v, String fn) {
        if (v instanceof Cidr c) {
            return c;
        }
        throw CelError.noSuchOverload(fn, v);
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLoopback(byte[] b) {
        if (b.length == 4) {
            return b[0] == 127;
        }
        for (int i = 0; i < 15; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[15] == 1;
    }

    private static boolean isLinkLocalUnicast(byte[] b) {
        return b.length == 4 ? (b[0] & 0xFF) == 169 && (b[1] & 0xFF) == 254
                : (b[0] & 0xFF) == 0xFE && (b[1] & 0xC0) == 0x80;
    }

    static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xFF && b[11] == (byte) 0xFF;
    }

    static byte[] mask(byte[] b, int prefix) {
        byte[] out = b.clone();
        for (int i = 0; i < out.length; i++) {
            int bits = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (out[i] & (0xFF << (8 - bits)));
        }
        return out;
    }

    static Ip parseIp(String s) {
        if (s.indexOf('%') >= 0) {
            throw new CelError("IP Address with zone value is not allowed");
        }
        if (s.indexOf(':') >= 0 && s.indexOf('.') >= 0) {
            Ip ip = tryIp(s);
            if (ip != null && ip.bytes.length == 16 && isV4Mapped(ip.bytes)) {
                throw new CelError("IPv4-mapped IPv6 address is not allowed");
            }
        }
        Ip ip = tryIp(s);
        if (ip == null) {
            throw new CelError("IP Address '" + s + "' parse error during conversion from string");
        }
        return ip;
    }

    static Ip tryIp(String s) {
        if (s.indexOf('%') >= 0) {
            return null;
        }
        byte[] b = s.indexOf(':') >= 0 ? parseV6(s) : parseV4(s);
        return b == null ? null : new Ip(b);
    }

    private static byte[] parseV4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) {
                return null;
            }
            int v = 0;
            for (char c : p.toCharArray()) {
                if (c < '0' || c > '9') {
                    return null;
                }
                v = v * 10 + (c - '0');
            }
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    private static byte[] parseV6(String s) {
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
            return null;
        }
        String head = dbl >= 0 ? s.substring(0, dbl) : s;
        String tail = dbl >= 0 ? s.substring(dbl + 2) : "";
        int[] h = groups(head, dbl < 0);
        int[] t = dbl >= 0 ? groups(tail, true) : new int[0];
        if (h == null || t == null) {
            return null;
        }
        int total = h.length + t.length;
        if (dbl < 0 ? total != 8 : total > 7) {
            return null;
        }
        int[] all = new int[8];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(t, 0, all, 8 - t.length, t.length);
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[2 * i] = (byte) (all[i] >> 8);
            out[2 * i + 1] = (byte) all[i];
        }
        return out;
    }

    /** 16-bit groups; an embedded dotted IPv4 suffix counts as two groups. */
    private static int[] groups(String s, boolean allowV4Suffix) {
        if (s.isEmpty()) {
            return new int[0];
        }
        String[] parts = s.split(":", -1);
        int[] out = new int[parts.length + 1];
        int n = 0;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (allowV4Suffix && i == parts.length - 1 && p.indexOf('.') >= 0) {
                byte[] v4 = parseV4(p);
                if (v4 == null) {
                    return null;
                }
                out[n++] = ((v4[0] & 0xFF) << 8) | (v4[1] & 0xFF);
                out[n++] = ((v4[2] & 0xFF) << 8) | (v4[3] & 0xFF);
                continue;
            }
            if (p.isEmpty() || p.length() > 4) {
                return null;
            }
            int v = 0;
            for (char c : p.toCharArray()) {
                int d = Character.digit(c, 16);
                if (d < 0) {
                    return null;
                }
                v = v * 16 + d;
            }
            out[n++] = v;
        }
        return Arrays.copyOf(out, n);
    }

    static Cidr parseCidr(String s) {
        int slash = s.indexOf('/');
        if (slash < 0) {
            throw new CelError("network address parse error during conversion from string: " + s);
        }
        String addr = s.substring(0, slash);
        String bits = s.substring(slash + 1);
        if (addr.indexOf('%') >= 0) {
            throw new CelError("CIDR with zone value is not allowed");
        }
        Ip ip;
        try {
            ip = parseIp(addr);
        } catch (CelError e) {
            if (e.getMessage().contains("not allowed")) {
                throw e;
            }
            throw new CelError("network address parse error during conversion from string: " + s);
        }
        if (bits.isEmpty() || bits.length() > 3 || !bits.chars().allMatch(Character::isDigit)
                || (bits.length() > 1 && bits.charAt(0) == '0')) {
            throw new CelError("network address parse error during conversion from string: " + s);
        }
        int prefix = Integer.parseInt(bits);
        if (prefix > ip.bytes.length * 8) {
            throw new CelError("network address parse error during conversion from string: " + s);
        }
        return new Cidr(ip, prefix);
    }

    static String format(byte[] b) {
        if (b.length == 4) {
            return (b[0] & 0xFF) + "." + (b[1] & 0xFF) + "." + (b[2] & 0xFF) + "." + (b[3] & 0xFF);
        }
        if (isV4Mapped(b)) {
            return "::ffff:" + format(Arrays.copyOfRange(b, 12, 16));
        }
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 0xFF) << 8) | (b[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8;) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen && j - i >= 2) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}
