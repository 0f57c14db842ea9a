package dev.palisade.kyverno.jmespath.internal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * blang/semver v4 as Kyverno's {@code semver_compare} uses it: a strict {@code Parse} of the
 * version (an invalid version reads as 0.0.0, as Kyverno ignores the error) and {@code ParseRange}
 * with {@code ||}, space-separated conjunctions, operators {@code = == != ! > >= < <=} and
 * {@code x} wildcards, including blang's quirks.
 */
public final class Semver {
    private Semver() {
    }

    public record Version(BigInteger major, BigInteger minor, BigInteger patch, List<String> pre) {
        static final Version ZERO = new Version(BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, List.of());

        public int compareTo(Version o) {
            int c = major.compareTo(o.major);
            if (c != 0) {
                return c;
            }
            c = minor.compareTo(o.minor);
            if (c != 0) {
                return c;
            }
            c = patch.compareTo(o.patch);
            if (c != 0) {
                return c;
            }
            if (pre.isEmpty() && o.pre.isEmpty()) {
                return 0;
            }
            if (pre.isEmpty()) {
                return 1;
            }
            if (o.pre.isEmpty()) {
                return -1;
            }
            int i = 0;
            for (; i < pre.size() && i < o.pre.size(); i++) {
                c = comparePre(pre.get(i), o.pre.get(i));
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(pre.size(), o.pre.size());
        }

        private static int comparePre(String a, String b) {
            boolean an = numeric(a);
            boolean bn = numeric(b);
            if (an && bn) {
                return new BigInteger(a).compareTo(new BigInteger(b));
            }
            if (an) {
                return -1;
            }
            if (bn) {
                return 1;
            }
            return Integer.signum(a.compareTo(b));
        }
    }

    private static boolean numeric(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static boolean alnumHyphen(String s) {
        return s.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-');
    }

    private static BigInteger number(String s, String what) {
        if (!numeric(s)) {
            throw new IllegalArgumentException("Invalid character(s) found in " + what + " number \"" + s + "\"");
        }
        if (s.length() > 1 && s.charAt(0) == '0') {
            throw new IllegalArgumentException(what + " number must not contain leading zeroes \"" + s + "\"");
        }
        BigInteger v = new BigInteger(s);
        if (v.bitLength() > 64) {
            throw new IllegalArgumentException(what + " number out of range");
        }
        return v;
    }

    public static Version parse(String s) {
        if (s.isEmpty()) {
            throw new IllegalArgumentException("Version string empty");
        }
        String[] parts = s.split("\\.", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("No Major.Minor.Patch elements found");
        }
        BigInteger major = number(parts[0], "Major");
        BigInteger minor = number(parts[1], "Minor");
        String rest = parts[2];
        int preIndex = rest.indexOf('-');
        int buildIndex = rest.indexOf('+');
        int sub;
        if (preIndex != -1 && buildIndex == -1) {
            sub = preIndex;
        } else if (preIndex == -1 && buildIndex != -1) {
            sub = buildIndex;
        } else if (preIndex == -1) {
            sub = rest.length();
        } else if (buildIndex < preIndex) {
            sub = buildIndex;
            preIndex = -1;
        } else {
            sub = preIndex;
        }
        BigInteger patch = number(rest.substring(0, sub), "Patch");
        List<String> pre = new ArrayList<>();
        if (preIndex != -1) {
            String preText = buildIndex > preIndex ? rest.substring(preIndex + 1, buildIndex) : rest.substring(preIndex + 1);
            for (String p : preText.split("\\.", -1)) {
                if (p.isEmpty()) {
                    throw new IllegalArgumentException("Prerelease is empty");
                }
                if (numeric(p)) {
                    if (p.length() > 1 && p.charAt(0) == '0') {
                        throw new IllegalArgumentException("Numeric PreRelease version must not contain leading zeroes \"" + p + "\"");
                    }
                } else if (!alnumHyphen(p)) {
                    throw new IllegalArgumentException("Invalid character(s) found in prerelease \"" + p + "\"");
                }
                pre.add(p);
            }
        }
        if (buildIndex != -1) {
            for (String b : rest.substring(buildIndex + 1).split("\\.", -1)) {
                if (b.isEmpty() || !alnumHyphen(b)) {
                    throw new IllegalArgumentException("Invalid character(s) found in build meta data \"" + b + "\"");
                }
            }
        }
        return new Version(major, minor, patch, pre);
    }

    /** Kyverno's semver_compare: whether the version (0.0.0 when invalid) is in the range. */
    static boolean compare(String version, String range) {
        Version v;
        try {
            v = parse(version);
        } catch (IllegalArgumentException e) {
            v = Version.ZERO;
        }
        List<List<String>> groups;
        try {
            groups = expandWildcards(orParts(splitAndTrim(range)));
        } catch (IllegalArgumentException e) {
            throw new FunctionError(e.getMessage());
        }
        boolean any = false;
        for (List<String> group : groups) {
            boolean all = true;
            for (String comparator : group) {
                String[] ov = splitComparator(comparator);
                Version target;
                try {
                    target = parse(ov[1]);
                } catch (IllegalArgumentException e) {
                    throw new FunctionError("Could not parse Range \"" + comparator + "\": " + e.getMessage());
                }
                int c = v.compareTo(target);
                boolean ok = switch (ov[0]) {
                    case "", "=", "==" -> c == 0;
                    case "!=", "!" -> c != 0;
                    case ">" -> c > 0;
                    case ">=" -> c >= 0;
                    case "<" -> c < 0;
                    case "<=" -> c <= 0;
                    default -> throw new FunctionError("Could not parse comparator \"" + ov[0] + "\" in \""
                            + comparator + "\"");
                };
                all &= ok;
            }
            any |= all;
        }
        return any;
    }

    private static List<String> splitAndTrim(String s) {
        List<String> result = new ArrayList<>();
        int last = 0;
        char lastChar = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' && lastChar != '>' && lastChar != '<' && lastChar != '=') {
                if (last < i - 1) {
                    result.add(s.substring(last, i));
                }
                last = i + 1;
            } else if (c != ' ') {
                lastChar = c;
            }
        }
        if (last < s.length() - 1) {
            result.add(s.substring(last));
        }
        result.replaceAll(p -> p.replace(" ", ""));
        return result;
    }

    private static List<List<String>> orParts(List<String> parts) {
        List<List<String>> result = new ArrayList<>();
        int last = 0;
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i).equals("||")) {
                if (i == 0) {
                    throw new IllegalArgumentException("First element in range is '||'");
                }
                if (i - last == 0) {
                    throw new IllegalArgumentException("Empty OR (||) element in range at position " + i);
                }
                result.add(new ArrayList<>(parts.subList(last, i)));
                last = i + 1;
            }
        }
        if (last == parts.size() && !parts.isEmpty()) {
            throw new IllegalArgumentException("Last element in range is '||'");
        }
        result.add(new ArrayList<>(parts.subList(last, parts.size())));
        return result;
    }

    private static String[] splitComparator(String s) {
        int i = 0;
        while (i < s.length() && !Character.isDigit(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            throw new FunctionError("Could not get version from string: \"" + s + "\"");
        }
        return new String[] {s.substring(0, i).trim(), s.substring(i)};
    }

    private static List<List<String>> expandWildcards(List<List<String>> parts) {
        List<List<String>> out = new ArrayList<>();
        for (List<String> p : parts) {
            List<String> newParts = new ArrayList<>();
            for (String ap : p) {
                if (ap.contains("x")) {
                    String[] ov = splitComparator(ap);
                    String[] segs = ov[1].split("\\.", -1);
                    int type = segs[segs.length - 1].equals("x") ? segs.length : 0;
                    String flat = ov[1].replaceFirst("\\.x\\.x", ".x").replaceFirst("\\.x", ".0");
                    if (flat.split("\\.", -1).length == 2) {
                        flat = flat + ".0";
                    }
                    String op;
                    boolean increment = false;
                    switch (ov[0]) {
                        case ">" -> { op = ">="; increment = true; }
                        case ">=" -> op = ">=";
                        case "<" -> op = "<";
                        case "<=" -> { op = "<"; increment = true; }
                        case "", "=", "==" -> { newParts.add(">=" + flat); op = "<"; increment = true; }
                        case "!=", "!" -> { newParts.add("<" + flat); op = ">="; increment = true; }
                        default -> op = "";
                    }
                    String result = flat;
                    if (increment) {
                        String[] f = flat.split("\\.", -1);
                        try {
                            if (type == 3) {
                                result = f[0] + "." + (Long.parseLong(f[1]) + 1) + ".0";
                            } else if (type == 2) {
                                result = (Long.parseLong(f[0]) + 1) + ".0.0";
                            } else {
                                result = "";
                            }
                        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                            result = "";
                        }
                    }
                    ap = op + result;
                }
                newParts.add(ap);
            }
            out.add(newParts);
        }
        return out;
    }
}
