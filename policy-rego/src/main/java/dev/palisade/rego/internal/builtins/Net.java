package dev.palisade.rego.internal.builtins;

import dev.palisade.rego.internal.value.ArrayValue;
import dev.palisade.rego.internal.value.BoolValue;
import dev.palisade.rego.internal.value.NumberValue;
import dev.palisade.rego.internal.value.ObjectValue;
import dev.palisade.rego.internal.value.SetBuilder;
import dev.palisade.rego.internal.value.SetValue;
import dev.palisade.rego.internal.value.StringValue;
import dev.palisade.rego.internal.value.Value;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** {@code net.cidr_*}: CIDR arithmetic with Go's net.ParseIP/ParseCIDR rules and text forms (no DNS). */
final class Net {
    private Net() {
    }

    /** A network: address bytes (4 or 16), prefix length. The address is masked. */
    record Cidr(byte[] ip, int prefix) {
        int bits() {
            return ip.length * 8;
        }

        BigInteger first() {
            return new BigInteger(1, ip);
        }

        BigInteger last() {
            BigInteger host = BigInteger.ONE.shiftLeft(bits() - prefix).subtract(BigInteger.ONE);
            return first().or(host);
        }

        boolean contains(byte[] addr) {
            byte[] a = addr;
            if (ip.length == 4 && a.length == 16) {
                a = to4(a);
                if (a == null) {
                    return false;
                }
            } else if (ip.length == 16 && a.length == 4) {
                a = to16(a);
            }
            if (a.length != ip.length) {
                return false;
            }
            BigInteger x = new BigInteger(1, a);
            return x.compareTo(first()) >= 0 && x.compareTo(last()) <= 0;
        }

        @Override
        public String toString() {
            return ipString(ip) + "/" + prefix;
        }
    }

    static void register(Map<String, Builtin> m) {
        Registry.add(m, "net.cidr_contains", 2, (c, a) -> BoolValue.of(contains(Args.string(a, 0), Args.string(a, 1))));
        Registry.add(m, "net.cidr_overlap", 2, (c, a) -> BoolValue.of(contains(Args.string(a, 0), Args.string(a, 1))));
        Registry.add(m, "net.cidr_intersects", 2, (c, a) -> {
            Cidr x = parseCidr(Args.string(a, 0));
            Cidr y = parseCidr(Args.string(a, 1));
            return BoolValue.of(x.contains(y.ip()) || y.contains(x.ip()));
        });
        Registry.add(m, "net.cidr_is_valid", 1, (c, a) -> {
            if (!(a[0] instanceof StringValue s)) {
                return BoolValue.FALSE;
            }
            try {
                parseCidr(s.value());
                return BoolValue.TRUE;
            } catch (BuiltinException e) {
                return BoolValue.FALSE;
            }
        });
        Registry.add(m, "net.cidr_expand", 1, (c, a) -> {
            Cidr x = parseCidr(Args.string(a, 0));
            int host = x.bits() - x.prefix();
            if (host > 24) {
                c.charge(1L << Math.min(host, 62));
            }
            long count = 1L << host;
            c.charge(count);
            SetBuilder out = new SetBuilder();
            BigInteger first = x.first();
            for (long i = 0; i < count; i++) {
                out.add(StringValue.of(ipString(fromInt(first.add(BigInteger.valueOf(i)), x.ip().length))));
            }
            return out.build();
        });
        Registry.add(m, "net.cidr_contains_matches", 2, (c, a) -> {
            SetBuilder out = new SetBuilder();
            List<Value[]> xs = matchOperand(1, a[0]);
            List<Value[]> ys = matchOperand(2, a[1]);
            for (Value[] x : xs) {
                for (Value[] y : ys) {
                    if (!(x[0] instanceof StringValue xs0)) {
                        throw Args.typeError(1, x[0], "string");
                    }
                    if (!(y[0] instanceof StringValue ys0)) {
                        throw Args.typeError(1, y[0], "string");
                    }
                    if (contains(xs0.value(), ys0.value())) {
                        out.add(ArrayValue.of(x[1], y[1]));
                    }
                }
            }
            return out.build();
        });
        Registry.add(m, "net.cidr_merge", 1, (c, a) -> {
            List<Value> els;
            if (a[0] instanceof ArrayValue || a[0] instanceof SetValue) {
                els = Args.elements(a[0]);
            } else {
                throw BuiltinException.error("operand must be an array");
            }
            List<Cidr> nets = new ArrayList<>();
            for (Value v : els) {
                if (!(v instanceof StringValue s)) {
                    throw BuiltinException.error("element must be string");
                }
                byte[] ip = parseIp(s.value());
                if (ip == null) {
                    nets.add(parseCidr(s.value()));
                } else {
                    byte[] v4 = to4(ip);
                    if (v4 == null) {
                        throw BuiltinException.error("IPv6 invalid: needs prefix length");
                    }
                    int prefix = (v4[0] & 0xff) < 0x80 ? 8 : (v4[0] & 0xff) < 0xC0 ? 16 : 24;
                    nets.add(mask(v4, prefix));
                }
            }
            SetBuilder out = new SetBuilder();
            for (Cidr n : merge(nets)) {
                out.add(StringValue.of(n.toString()));
            }
            return out.build();
        });
    }

    private static List<Value[]> matchOperand(int pos, Value v) {
        List<Value[]> out = new ArrayList<>();
        if (v instanceof StringValue) {
            out.add(new Value[] {v, v});
        } else if (v instanceof ArrayValue arr) {
            for (int i = 0; i < arr.size(); i++) {
                out.add(new Value[] {matchTerm(pos, arr.get(i)), NumberValue.of(i)});
            }
        } else if (v instanceof SetValue s) {
            for (int i = 0; i < s.size(); i++) {
                out.add(new Value[] {matchTerm(pos, s.get(i)), s.get(i)});
            }
        } else if (v instanceof ObjectValue o) {
            for (int i = 0; i < o.size(); i++) {
                out.add(new Value[] {matchTerm(pos, o.valueAt(i)), o.keyAt(i)});
            }
        }
        return out;
    }

    private static Value matchTerm(int pos, Value v) {
        if (v instanceof StringValue) {
            return v;
        }
        if (v instanceof ArrayValue a && a.size() > 0) {
            return a.get(0);
        }
        throw BuiltinException.error("operand " + pos + ": element must be string or non-empty array");
    }

    static boolean contains(String a, String b) {
        Cidr net = parseCidr(a);
        byte[] ip = parseIp(b);
        if (ip != null) {
            return net.contains(ip);
        }
        Cidr other;
        try {
            other = parseCidr(b);
        } catch (BuiltinException e) {
            throw BuiltinException.error("not a valid textual representation of an IP address or CIDR: " + b);
        }
        if (!net.contains(other.ip())) {
            return false;
        }
        return net.contains(fromInt(other.last(), other.ip().length));
    }

    // ---------------------------------------------------------------- parsing and printing

    static Cidr parseCidr(String s) {
        int slash = s.indexOf('/');
        if (slash < 0) {
            throw BuiltinException.error("invalid CIDR address: " + s);
        }
        String addr = s.substring(0, slash);
        String len = s.substring(slash + 1);
        byte[] ip = parseIp(addr);
        if (ip == null) {
            throw BuiltinException.error("invalid CIDR address: " + s);
        }
        int bits = addr.contains(":") ? 128 : 32;
        if (bits == 32) {
            ip = to4(ip);
        } else if (ip.length == 4) {
            ip = to16(ip);
        }
        if (len.isEmpty() || len.length() > 3 || !len.chars().allMatch(Character::isDigit)
                || (len.length() > 1 && len.charAt(0) == '0')) {
            throw BuiltinException.error("invalid CIDR address: " + s);
        }
        int prefix = Integer.parseInt(len);
        if (prefix > bits) {
            throw BuiltinException.error("invalid CIDR address: " + s);
        }
        return mask(ip, prefix);
    }

    static Cidr mask(byte[] ip, int prefix) {
        byte[] r = ip.clone();
        for (int i = 0; i < r.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            int m = keep == 0 ? 0 : (0xff << (8 - keep)) & 0xff;
            r[i] = (byte) (r[i] & m);
        }
        return new Cidr(r, prefix);
    }

    /** Go's net.ParseIP: IPv4 (4 bytes) or IPv6 (16 bytes), or null. */
    static byte[] parseIp(String s) {
        if (s.contains(":")) {
            return parseIpv6(s);
        }
        return parseIpv4(s);
    }

    private static byte[] parseIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)
                    || (p.length() > 1 && p.charAt(0) == '0')) {
                return null;
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    private static byte[] parseIpv6(String s) {
        byte[] out = new byte[16];
        int ellipsis = -1;
        int i = 0;
        int j = 0;
        if (s.startsWith("::")) {
            ellipsis = 0;
            i = 2;
            if (i == s.length()) {
                return out;
            }
        }
        while (j < 16) {
            int start = i;
            int n = 0;
            int digits = 0;
            while (i < s.length() && Character.digit(s.charAt(i), 16) >= 0 && digits < 5) {
                n = n * 16 + Character.digit(s.charAt(i), 16);
                i++;
                digits++;
            }
            if (digits == 0 || digits > 4) {
                return null;
            }
            if (i < s.length() && s.charAt(i) == '.') {
                if (ellipsis < 0 && j != 12) {
                    return null;
                }
                if (j + 4 > 16) {
                    return null;
                }
                byte[] v4 = parseIpv4(s.substring(start));
                if (v4 == null) {
                    return null;
                }
                System.arraycopy(v4, 0, out, j, 4);
                j += 4;
                i = s.length();
                break;
            }
            out[j] = (byte) (n >> 8);
            out[j + 1] = (byte) n;
            j += 2;
            if (i == s.length()) {
                break;
            }
            if (s.charAt(i) != ':' || i + 1 == s.length()) {
                return null;
            }
            i++;
            if (s.charAt(i) == ':') {
                if (ellipsis >= 0) {
                    return null;
                }
                ellipsis = j;
                i++;
                if (i == s.length()) {
                    break;
                }
            }
        }
        if (i != s.length()) {
            return null;
        }
        if (j < 16) {
            if (ellipsis < 0) {
                return null;
            }
            int n = 16 - j;
            for (int k = j - 1; k >= ellipsis; k--) {
                out[k + n] = out[k];
            }
            for (int k = ellipsis + n - 1; k >= ellipsis; k--) {
                out[k] = 0;
            }
        } else if (ellipsis >= 0) {
            return null;
        }
        return out;
    }

    static byte[] to4(byte[] ip) {
        if (ip.length == 4) {
            return ip;
        }
        for (int i = 0; i < 10; i++) {
            if (ip[i] != 0) {
                return null;
            }
        }
        if (ip[10] != (byte) 0xff || ip[11] != (byte) 0xff) {
            return null;
        }
        return Arrays.copyOfRange(ip, 12, 16);
    }

    static byte[] to16(byte[] ip) {
        if (ip.length == 16) {
            return ip;
        }
        byte[] out = new byte[16];
        out[10] = (byte) 0xff;
        out[11] = (byte) 0xff;
        System.arraycopy(ip, 0, out, 12, 4);
        return out;
    }

    /** Go's IP.String(). */
    static String ipString(byte[] ip) {
        byte[] v4 = to4(ip);
        if (v4 != null) {
            return (v4[0] & 0xff) + "." + (v4[1] & 0xff) + "." + (v4[2] & 0xff) + "." + (v4[3] & 0xff);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((ip[2 * i] & 0xff) << 8) | (ip[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (groups[i] == 0) {
                int j = i;
                while (j < 8 && groups[j] == 0) {
                    j++;
                }
                if (j - i > bestLen && j - i >= 2) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
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
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }

    static byte[] fromInt(BigInteger v, int len) {
        byte[] b = v.toByteArray();
        byte[] out = new byte[len];
        int copy = Math.min(len, b.length);
        System.arraycopy(b, b.length - copy, out, len - copy, copy);
        return out;
    }

    // ---------------------------------------------------------------- merge

    private record Range(BigInteger first, BigInteger last, int len, Cidr network) {
    }

    private static int compareBytes(BigInteger a, int alen, BigInteger b, int blen) {
        byte[] x = fromInt(a, alen);
        byte[] y = fromInt(b, blen);
        return Arrays.compareUnsigned(x, y);
    }

    static List<Cidr> merge(List<Cidr> nets) {
        List<Range> ranges = new ArrayList<>();
        for (Cidr n : nets) {
            ranges.add(new Range(n.first(), n.last(), n.ip().length, n));
        }
        ranges.sort(Comparator.<Range>comparingInt(r -> 0).thenComparing((x, y) -> {
            int c = compareBytes(x.last, x.len, y.last, y.len);
            if (c != 0) {
                return c;
            }
            return compareBytes(x.first, x.len, y.first, y.len);
        }));
        for (int i = ranges.size() - 1; i > 0; i--) {
            Range cur = ranges.get(i);
            Range prev = ranges.get(i - 1);
            if (cur.len != prev.len) {
                continue;
            }
            BigInteger previousIp = cur.first.signum() == 0 ? cur.first : cur.first.subtract(BigInteger.ONE);
            if (previousIp.compareTo(prev.last) <= 0) {
                BigInteger first = prev.first.compareTo(cur.first) < 0 ? prev.first : cur.first;
                ranges.set(i - 1, new Range(first, cur.last, cur.len, null));
                ranges.remove(i);
            }
        }
        List<Cidr> out = new ArrayList<>();
        for (Range r : ranges) {
            if (r.network != null) {
                out.add(r.network);
            } else {
                out.addAll(rangeToCidrs(r.first, r.last, r.len));
            }
        }
        return out;
    }

    private static List<Cidr> rangeToCidrs(BigInteger first, BigInteger last, int len) {
        int bits = len * 8;
        List<Cidr> out = new ArrayList<>();
        BigInteger cur = first;
        while (cur.compareTo(last) <= 0) {
            int maxSize = cur.signum() == 0 ? bits : cur.getLowestSetBit();
            maxSize = Math.min(maxSize, bits);
            BigInteger span = last.subtract(cur).add(BigInteger.ONE);
            int fit = span.bitLength() - 1;
            int size = Math.min(maxSize, fit);
            out.add(new Cidr(fromInt(cur, len), bits - size));
            cur = cur.add(BigInteger.ONE.shiftLeft(size));
        }
        return out;
    }
}
