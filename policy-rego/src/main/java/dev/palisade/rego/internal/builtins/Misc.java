package dev.palisade.rego.internal.builtins;

import dev.palisade.rego.internal.value.BigFloat;
import dev.palisade.rego.internal.value.BoolValue;
import dev.palisade.rego.internal.value.NumberValue;
import dev.palisade.rego.internal.value.ObjectBuilder;
import dev.palisade.rego.internal.value.StringValue;
import dev.palisade.rego.internal.value.Value;
import dev.palisade.rego.internal.value.Values;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** units, semver, uuid, rand, trace. */
final class Misc {
    private static final Pattern SEMVER = Pattern.compile(
            "(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)"
                    + "(?:-((?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
                    + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?");

    private Misc() {
    }

    static void register(Map<String, Builtin> m) {
        Registry.add(m, "units.parse_bytes", 1, (c, a) -> parseBytes(Args.string(a, 0)));
        Registry.add(m, "units.parse", 1, (c, a) -> parseUnits(Args.string(a, 0)));
        Registry.add(m, "semver.is_valid", 1, (c, a) -> BoolValue.of(a[0] instanceof StringValue s && SEMVER.matcher(s.value()).matches()));
        Registry.add(m, "semver.compare", 2, (c, a) -> {
            Matcher x = semver(a, 0);
            Matcher y = semver(a, 1);
            return NumberValue.of(compare(x, y));
        });
        Registry.add(m, "uuid.parse", 1, (c, a) -> uuidParse(Args.string(a, 0)));
        Registry.add(m, "uuid.rfc4122", 1, (c, a) -> {
            Object key = List.of("uuid.rfc4122", a[0]);
            Object cached = c.cache().get(key);
            if (cached != null) {
                return (Value) cached;
            }
            byte[] b = new byte[16];
            random(c).nextBytes(b);
            b[8] = (byte) ((b[8] & 0x3f) | 0x80);
            b[6] = (byte) ((b[6] & 0x0f) | 0x40);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 16; i++) {
                if (i == 4 || i == 6 || i == 8 || i == 10) {
                    sb.append('-');
                }
                sb.append(String.format("%02x", b[i] & 0xff));
            }
            Value v = StringValue.of(sb.toString());
            c.cache().put(key, v);
            return v;
        });
        Registry.add(m, "rand.intn", 2, (c, a) -> {
            String str = Args.string(a, 0);
            int n = Args.integer(a, 1);
            Object key = List.of("rand.intn", str, n);
            Object cached = c.cache().get(key);
            if (cached != null) {
                return (Value) cached;
            }
            Value v = n == 0 ? NumberValue.ZERO : NumberValue.of(random(c).nextInt(Math.abs(n)));
            c.cache().put(key, v);
            return v;
        });
        Registry.add(m, "trace", 1, (c, a) -> {
            c.print(Args.string(a, 0)); // OPA writes the note to its tracer; Palisade to the print sink
            return BoolValue.TRUE;
        });
    }

    private static java.util.Random random(BuiltinContext c) {
        Object r = c.cache().get(java.util.Random.class);
        if (r == null) {
            throw BuiltinException.error("randomness is not available: set EvaluationOptions.randomSeed to use uuid.rfc4122 and rand.intn");
        }
        return (java.util.Random) r;
    }

    // ---------------------------------------------------------------- units

    private static String[] numAndUnit(String s) {
        int first = -1;
        for (int idx = 0; idx < s.length(); idx++) {
            char r = s.charAt(idx);
            boolean isNum = Character.isDigit(r) || r == '.';
            if (!isNum && r != 'e' && r != 'E' && r != '+' && r != '-') {
                first = idx;
                break;
            }
            if (r == 'e' || r == 'E') {
                if (idx == s.length() - 1 || (!Character.isDigit(s.charAt(idx + 1)) && s.charAt(idx + 1) != '+'
                        && s.charAt(idx + 1) != '-')) {
                    first = idx;
                    break;
                }
                if (idx + 1 < s.length() && (s.charAt(idx + 1) == '+' || s.charAt(idx + 1) == '-')) {
                    idx++;
                }
                int expStart = idx + 1;
                int expEnd = expStart;
                while (expEnd < s.length() && Character.isDigit(s.charAt(expEnd))) {
                    expEnd++;
                }
                if (expEnd - expStart > 6) {
                    return null;
                }
            }
        }
        if (first == -1) {
            return new String[] {s, ""};
        }
        if (first == 0) {
            return new String[] {"", s};
        }
        return new String[] {s.substring(0, first), s.substring(first)};
    }

    private static BigDecimal parseDecimal(String num) {
        if (!num.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            return null;
        }
        return new BigDecimal(num.startsWith("+") ? num.substring(1) : num);
    }

    private static Value parseBytes(String raw) {
        String s = raw.toLowerCase(Locale.ROOT).replace("\"", "");
        if (s.contains(" ")) {
            throw BuiltinException.error("spaces not allowed in resource strings");
        }
        String[] nu = numAndUnit(s);
        if (nu == null) {
            throw BuiltinException.error("exponent too large");
        }
        if (nu[0].isEmpty()) {
            throw BuiltinException.error("no byte amount provided");
        }
        long k = 1000;
        BigInteger mult = switch (nu[1]) {
            case "" -> BigInteger.ONE;
            case "kb", "k" -> BigInteger.valueOf(k);
            case "kib", "ki" -> BigInteger.ONE.shiftLeft(10);
            case "mb", "m" -> BigInteger.valueOf(k * k);
            case "mib", "mi" -> BigInteger.ONE.shiftLeft(20);
            case "gb", "g" -> BigInteger.valueOf(k * k * k);
            case "gib", "gi" -> BigInteger.ONE.shiftLeft(30);
            case "tb", "t" -> BigInteger.valueOf(k * k * k * k);
            case "tib", "ti" -> BigInteger.ONE.shiftLeft(40);
            case "pb", "p" -> BigInteger.valueOf(k * k * k * k * k);
            case "pib", "pi" -> BigInteger.ONE.shiftLeft(50);
            case "eb", "e" -> BigInteger.valueOf(k * k * k * k * k * k);
            case "eib", "ei" -> BigInteger.ONE.shiftLeft(60);
            default -> throw BuiltinException.error("byte unit " + nu[1] + " not recognized");
        };
        BigDecimal num = parseDecimal(nu[0]);
        if (num == null) {
            throw BuiltinException.error("could not parse byte amount to a number");
        }
        return NumberValue.of(BigFloat.of(num).mul(BigFloat.of(mult)).truncate());
    }

    private static Value parseUnits(String raw) {
        String s = raw.replace("\"", "");
        if (s.contains(" ")) {
            throw BuiltinException.error("spaces not allowed in resource strings");
        }
        String[] nu = numAndUnit(s);
        if (nu == null) {
            throw BuiltinException.error("exponent too large");
        }
        if (nu[0].isEmpty()) {
            throw BuiltinException.error("no amount provided");
        }
        String unit = nu[1];
        if (unit.length() > 1) {
            unit = unit.charAt(0) + unit.substring(1).toLowerCase(Locale.ROOT);
        }
        BigDecimal mult = switch (unit) {
            case "m" -> new BigDecimal(0.001);
            case "" -> BigDecimal.ONE;
            case "k", "K" -> BigDecimal.valueOf(1000);
            case "ki", "Ki" -> BigDecimal.valueOf(1L << 10);
            case "M" -> BigDecimal.valueOf(1_000_000);
            case "mi", "Mi" -> BigDecimal.valueOf(1L << 20);
            case "g", "G" -> BigDecimal.valueOf(1_000_000_000L);
            case "gi", "Gi" -> BigDecimal.valueOf(1L << 30);
            case "t", "T" -> BigDecimal.valueOf(1_000_000_000_000L);
            case "ti", "Ti" -> BigDecimal.valueOf(1L << 40);
            case "p", "P" -> BigDecimal.valueOf(1_000_000_000_000_000L);
            case "pi", "Pi" -> BigDecimal.valueOf(1L << 50);
            case "e", "E" -> new BigDecimal("1000000000000000000");
            case "ei", "Ei" -> BigDecimal.valueOf(1L << 60);
            default -> throw BuiltinException.error("unit " + unit + " not recognized");
        };
        BigDecimal num = parseDecimal(nu[0]);
        if (num == null) {
            throw BuiltinException.error("could not parse amount to a number");
        }
        BigDecimal r = num.multiply(mult);
        BigDecimal stripped = r.stripTrailingZeros();
        if (stripped.scale() <= 0) {
            return NumberValue.of(stripped.toBigInteger());
        }
        BigDecimal f = r.setScale(10, RoundingMode.HALF_UP);
        return NumberValue.of(f, f.toPlainString());
    }

    // ---------------------------------------------------------------- semver

    private static Matcher semver(Value[] a, int i) {
        String s = Args.string(a, i);
        Matcher m = SEMVER.matcher(s);
        if (!m.matches()) {
            throw BuiltinException.error("operand " + (i + 1) + ": string " + dev.palisade.rego.internal.value.GoQuote.quote(s)
                    + " is not a valid SemVer");
        }
        return m;
    }

    private static int compare(Matcher x, Matcher y) {
        for (int g = 1; g <= 3; g++) {
            int c = new BigInteger(x.group(g)).compareTo(new BigInteger(y.group(g)));
            if (c != 0) {
                return c < 0 ? -1 : 1;
            }
        }
        String px = x.group(4);
        String py = y.group(4);
        if (px == null && py == null) {
            return 0;
        }
        if (px == null) {
            return 1;
        }
        if (py == null) {
            return -1;
        }
        String[] a = px.split("\\.");
        String[] b = py.split("\\.");
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            boolean an = a[i].matches("\\d+");
            boolean bn = b[i].matches("\\d+");
            int c;
            if (an && bn) {
                c = new BigInteger(a[i]).compareTo(new BigInteger(b[i]));
            } else if (an) {
                c = -1;
            } else if (bn) {
                c = 1;
            } else {
                c = a[i].compareTo(b[i]);
            }
            if (c != 0) {
                return c < 0 ? -1 : 1;
            }
        }
        return Integer.compare(a.length, b.length);
    }

    // ---------------------------------------------------------------- uuid

    private static Value uuidParse(String s) {
        String hex;
        if (s.length() == 36) {
            hex = dashed(s);
        } else if (s.length() == 38 && s.startsWith("{") && s.endsWith("}")) {
            hex = dashed(s.substring(1, 37));
        } else if (s.length() == 45 && s.regionMatches(true, 0, "urn:uuid:", 0, 9)) {
            hex = dashed(s.substring(9));
        } else if (s.length() == 32) {
            hex = s;
        } else {
            return null;
        }
        if (hex == null || !hex.matches("[0-9a-fA-F]{32}")) {
            return null;
        }
        byte[] b = new byte[16];
        for (int i = 0; i < 16; i++) {
            b[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        int version = (b[6] & 0xff) >> 4;
        int v8 = b[8] & 0xff;
        String variant;
        if ((v8 & 0xc0) == 0x80) {
            variant = "RFC4122";
        } else if ((v8 & 0xe0) == 0xc0) {
            variant = "Microsoft";
        } else if ((v8 & 0xe0) == 0xe0) {
            variant = "Future";
        } else {
            variant = "Reserved";
        }
        ObjectBuilder o = new ObjectBuilder();
        o.put("version", NumberValue.of(version));
        o.put("variant", StringValue.of(variant));
        if (version == 1 || version == 2) {
            long timeLow = ((b[0] & 0xffL) << 24) | ((b[1] & 0xffL) << 16) | ((b[2] & 0xffL) << 8) | (b[3] & 0xffL);
            long timeMid = ((b[4] & 0xffL) << 8) | (b[5] & 0xffL);
            long timeHi = (((b[6] & 0xffL) << 8) | (b[7] & 0xffL)) & 0xfff;
            long t = timeLow | (timeMid << 32) | (timeHi << 48);
            long g1582 = 122192928000000000L;
            long rel = t - g1582;
            long nanos = Math.floorDiv(rel, 10_000_000L) * 1_000_000_000L + Math.floorMod(rel, 10_000_000L) * 100;
            o.put("time", NumberValue.of(nanos));
            o.put("clocksequence", NumberValue.of((((b[8] & 0xff) << 8) | (b[9] & 0xff)) & 0x3fff));
            StringBuilder node = new StringBuilder();
            for (int i = 10; i < 16; i++) {
                if (i > 10) {
                    node.append('-');
                }
                node.append(String.format("%02x", b[i] & 0xff));
            }
            o.put("nodeid", StringValue.of(node.toString()));
            int first = b[10] & 0xff;
            String mac = (first & 3) == 3 ? "local:multicast" : (first & 1) == 1 ? "global:multicast"
                    : (first & 2) == 2 ? "local:unicast" : "global:unicast";
            o.put("macvariables", StringValue.of(mac));
            if (version == 2) {
                long id = ((b[0] & 0xffL) << 24) | ((b[1] & 0xffL) << 16) | ((b[2] & 0xffL) << 8) | (b[3] & 0xffL);
                o.put("id", NumberValue.of(id));
                int d = b[9] & 0xff;
                o.put("domain", StringValue.of(d == 0 ? "Person" : d == 1 ? "Group" : d == 2 ? "Org" : "Domain" + d));
            }
        }
        return o.build();
    }

    private static String dashed(String s) {
        if (s.length() != 36 || s.charAt(8) != '-' || s.charAt(13) != '-' || s.charAt(18) != '-' || s.charAt(23) != '-') {
            return null;
        }
        return s.replace("-", "");
    }

    static Value unused() {
        return Values.materialize(StringValue.EMPTY);
    }
}
