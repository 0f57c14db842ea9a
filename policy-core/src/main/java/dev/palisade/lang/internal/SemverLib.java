package dev.palisade.lang.internal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** Semantic versions (semver 2.0.0) as in the Kubernetes semver library. */
final class SemverLib {
    private SemverLib() {
    }

    /** A parsed version. */
    static final class Semver implements CelObject, Comparables.Ordered {
        final long major;
        final long minor;
        final long patch;
        final List<String> pre;
        final String text;

        Semver(long major, long minor, long patch, List<String> pre, String text) {
            this.major = major;
            this.minor = minor;
            this.patch = patch;
            this.pre = pre;
            this.text = text;
        }

        @Override
        public String typeName() {
            return "kubernetes.Semver";
        }

        @Override
        public long costSize() {
            return text.length();
        }

        @Override
        public int compareWith(Comparables.Ordered o) {
            Semver v = (Semver) o;
            int c = Long.compare(major, v.major);
            if (c == 0) {
                c = Long.compare(minor, v.minor);
            }
            if (c == 0) {
                c = Long.compare(patch, v.patch);
            }
            if (c != 0) {
                return c;
            }
            if (pre.isEmpty() || v.pre.isEmpty()) {
                return Boolean.compare(pre.isEmpty(), v.pre.isEmpty());
            }
            for (int i = 0; i < Math.min(pre.size(), v.pre.size()); i++) {
                String a = pre.get(i);
                String b = v.pre.get(i);
                boolean an = a.chars().allMatch(Character::isDigit);
                boolean bn = b.chars().allMatch(Character::isDigit);
                int d;
                if (an && bn) {
                    d = new BigInteger(a).compareTo(new BigInteger(b));
                } else if (an || bn) {
                    d = an ? -1 : 1;
                } else {
                    d = a.compareTo(b);
                }
                if (d != 0) {
                    return d;
                }
            }
            return Integer.compare(pre.size(), v.pre.size());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Semver s && compareWith(s) == 0;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(major * 31 * 31 + minor * 31 + patch) + pre.hashCode();
        }

        @Override
        public String toString() {
            return text;
        }
    }

    static void register(FunctionTable t) {
        t.global("semver", 1).sig("semver(s)").doc("The semantic version written as s.").cost(Cost.traversal(0, "s")).checkConstants().impl((f, a) -> parse(Rt.str(a[0], "semver"), false));
        t.global("semver", 2).sig("semver(s, normalize)").doc("The semantic version, normalising a v prefix, missing parts and leading zeros when normalize.").cost(Cost.traversal(0, "s")).checkConstants().impl((f, a) -> parse(Rt.str(a[0], "semver"), Rt.bool(a[1], "semver")));
        t.global("isSemver", 1).sig("isSemver(s)").doc("Whether s is a semantic version.").cost(Cost.traversal(0, "s")).impl((f, a) -> valid(Rt.str(a[0], "isSemver"), false));
        t.global("isSemver", 2).sig("isSemver(s, normalize)").doc("Whether s is a semantic version, normalised when normalize.").cost(Cost.traversal(0, "s")).impl((f, a) -> valid(Rt.str(a[0], "isSemver"), Rt.bool(a[1], "isSemver")));
        t.member("major", 1).sig("v.major()").doc("The major version.").impl((f, a) -> v(a[0], "major").major);
        t.member("minor", 1).sig("v.minor()").doc("The minor version.").impl((f, a) -> v(a[0], "minor").minor);
        t.member("patch", 1).sig("v.patch()").doc("The patch version.").impl((f, a) -> v(a[0], "patch").patch);
        t.member("compareTo", 2).sig("v.compareTo(w)").doc("-1, 0 or 1 by semver precedence.")
                .cost(Cost.traversal(0, "v"))
                .accepts(v -> v instanceof Semver).impl((f, a) -> {
                    if (a[0] instanceof Semver s) {
                        return (long) Integer.signum(s.compareWith(v(a[1], "compareTo")));
                    }
                    throw CelError.noSuchOverload("compareTo", a[0], a[1]);
                });
        if (t.find(true, "isGreaterThan", 2) == null) {
            t.member("isGreaterThan", 2).sig("v.isGreaterThan(w)").doc("Whether v > w by semver precedence.")
                    .cost(Cost.traversal(0, "v"))
                    .impl((f, a) -> Rt.compare(a[0], a[1], "isGreaterThan") > 0);
            t.member("isLessThan", 2).sig("v.isLessThan(w)").doc("Whether v < w by semver precedence.")
                    .cost(Cost.traversal(0, "v"))
                    .impl((f, a) -> Rt.compare(a[0], a[1], "isLessThan") < 0);
        }
    }

    private static Semver v(Object o, String fn) {
        if (o instanceof Semver s) {
            return s;
        }
        throw CelError.noSuchOverload(fn, o);
    }

    private static boolean valid(String s, boolean normalize) {
        try {
            parse(s, normalize);
            return true;
        } catch (CelError e) {
            return false;
        }
    }

    static Semver parse(String input, boolean normalize) {
        String s = input;
        if (normalize) {
            if (s.startsWith("v")) {
                s = s.substring(1);
            }
            int end = s.length();
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) == '-' || s.charAt(i) == '+') {
                    end = i;
                    break;
                }
            }
            String core = s.substring(0, end);
            String rest = s.substring(end);
            String[] parts = core.split("\\.", -1);
            if (parts.length < 3) {
                StringBuilder sb = new StringBuilder(core);
                for (int i = parts.length; i < 3; i++) {
                    sb.append(".0");
                }
                core = sb.toString();
            }
            String[] nums = core.split("\\.", -1);
            for (int i = 0; i < nums.length; i++) {
                String n = nums[i];
                while (n.length() > 1 && n.charAt(0) == '0') {
                    n = n.substring(1);
                }
                nums[i] = n;
            }
            s = String.join(".", nums) + rest;
        }
        String build = "";
        int plus = s.indexOf('+');
        if (plus >= 0) {
            build = s.substring(plus + 1);
            s = s.substring(0, plus);
            if (!identifiers(build, false)) {
                throw invalid(input);
            }
        }
        List<String> pre = new ArrayList<>();
        int dash = s.indexOf('-');
        if (dash >= 0) {
            String p = s.substring(dash + 1);
            s = s.substring(0, dash);
            if (!identifiers(p, true)) {
                throw invalid(input);
            }
            pre = List.of(p.split("\\.", -1));
        }
        String[] core = s.split("\\.", -1);
        if (core.length != 3) {
            throw invalid(input);
        }
        long[] n = new long[3];
        for (int i = 0; i < 3; i++) {
            String c = core[i];
            if (c.isEmpty() || !c.chars().allMatch(Character::isDigit) || (c.length() > 1 && c.charAt(0) == '0')
                    || c.length() > 18) {
                throw invalid(input);
            }
            n[i] = Long.parseLong(c);
        }
        return new Semver(n[0], n[1], n[2], pre, input);
    }

    private static boolean identifiers(String s, boolean noLeadingZeros) {
        if (s.isEmpty()) {
            return false;
        }
        for (String id : s.split("\\.", -1)) {
            if (id.isEmpty() || !id.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || c == '-')) {
                return false;
            }
            if (noLeadingZeros && id.length() > 1 && id.charAt(0) == '0' && id.chars().allMatch(Character::isDigit)) {
                return false;
            }
        }
        return true;
    }

    private static CelError invalid(String s) {
        return new CelError("invalid semver '" + s + "': expected MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]");
    }
}
