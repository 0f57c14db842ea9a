package dev.palisade.kyverno.internal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A semantic version as {@code github.com/blang/semver/v4} parses it (strict
 * {@code MAJOR.MINOR.PATCH[-pre][+build]}, no leading zeros in numbers), ordered by SemVer 2.0
 * precedence (build metadata ignored).
 *
 * @param major major version
 * @param minor minor version
 * @param patch patch version
 * @param pre pre-release identifiers
 */
public record Semver(BigInteger major, BigInteger minor, BigInteger patch, List<String> pre)
        implements Comparable<Semver> {

    public Semver {
        pre = List.copyOf(pre);
    }

    /** The version, or empty when the text is not strict SemVer. */
    public static Optional<Semver> parse(String text) {
        String s = text.strip();
        if (s.isEmpty()) {
            return Optional.empty();
        }
        int plus = s.indexOf('+');
        if (plus >= 0) {
            String build = s.substring(plus + 1);
            if (!identifiers(build, false)) {
                return Optional.empty();
            }
            s = s.substring(0, plus);
        }
        List<String> pre = new ArrayList<>();
        int dash = s.indexOf('-');
        if (dash >= 0) {
            String preText = s.substring(dash + 1);
            if (!identifiers(preText, true)) {
                return Optional.empty();
            }
            pre.addAll(List.of(preText.split("\\.", -1)));
            s = s.substring(0, dash);
        }
        String[] parts = s.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        BigInteger[] numbers = new BigInteger[3];
        for (int i = 0; i < 3; i++) {
            if (!numeric(parts[i]) || parts[i].length() > 1 && parts[i].charAt(0) == '0') {
                return Optional.empty();
            }
            numbers[i] = new BigInteger(parts[i]);
        }
        return Optional.of(new Semver(numbers[0], numbers[1], numbers[2], pre));
    }

    private static boolean identifiers(String text, boolean prerelease) {
        if (text.isEmpty()) {
            return false;
        }
        for (String id : text.split("\\.", -1)) {
            if (id.isEmpty()) {
                return false;
            }
            for (int i = 0; i < id.length(); i++) {
                char c = id.charAt(i);
                if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-')) {
                    return false;
                }
            }
            if (prerelease && numeric(id) && id.length() > 1 && id.charAt(0) == '0') {
                return false;
            }
        }
        return true;
    }

    private static boolean numeric(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    @Override
    public int compareTo(Semver other) {
        int c = major.compareTo(other.major);
        if (c == 0) {
            c = minor.compareTo(other.minor);
        }
        if (c == 0) {
            c = patch.compareTo(other.patch);
        }
        if (c != 0) {
            return Integer.signum(c);
        }
        if (pre.isEmpty() || other.pre.isEmpty()) {
            return pre.isEmpty() == other.pre.isEmpty() ? 0 : pre.isEmpty() ? 1 : -1;
        }
        for (int i = 0; i < Math.min(pre.size(), other.pre.size()); i++) {
            String a = pre.get(i);
            String b = other.pre.get(i);
            boolean an = numeric(a);
            boolean bn = numeric(b);
            if (an && bn) {
                c = new BigInteger(a).compareTo(new BigInteger(b));
            } else if (an) {
                c = -1;
            } else if (bn) {
                c = 1;
            } else {
                c = a.compareTo(b);
            }
            if (c != 0) {
                return Integer.signum(c);
            }
        }
        return Integer.compare(pre.size(), other.pre.size());
    }
}
