package dev.palisade.kyverno.jmespath.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Kyverno's {@code random(pattern)} (goregen): a random string matching a regular expression.
 * Supports literals, escapes ({@code \d \w \s} and negations), {@code .}, classes with ranges and
 * negation, groups, alternation and the quantifiers {@code * + ? {n} {n,} {n,m}} (unbounded
 * repetition adds at most 10, as goregen); anchors generate nothing. The output is charged to the
 * cost meter, so {@code (a{1000}){1000}} fails instead of exhausting memory.
 */
public final class RegexGenerator {
    private static final int MAX_UNBOUNDED = 10;
    private final String p;
    private int i;

    private RegexGenerator(String pattern) {
        this.p = pattern;
    }

    private interface Gen {
        void generate(StringBuilder out, RandomGenerator rnd, Eval ev);
    }

    /**
     * A random string matching the pattern (Kyverno's {@code random}, for its CEL library), with
     * JMESPath's default cost limits on what is generated.
     */
    public static String generate(String pattern, RandomGenerator rnd) {
        return generate(pattern, rnd, new Eval("random('" + pattern + "')", null,
                dev.palisade.kyverno.jmespath.CostLimits.DEFAULT));
    }

    static String generate(String pattern, RandomGenerator rnd, Eval ev) {
        RegexGenerator parser = new RegexGenerator(pattern);
        // validate with RE2 first so that invalid patterns fail as Go's parser would
        KyvernoFunctions.regex("random", pattern);
        Gen g = parser.alternation();
        if (parser.i < pattern.length()) {
            throw new FunctionError("random(): unsupported regular expression syntax at offset " + parser.i
                    + " of '" + pattern + "'");
        }
        StringBuilder out = new StringBuilder();
        g.generate(out, rnd, ev);
        return out.toString();
    }

    private FunctionError unsupported() {
        return new FunctionError("random(): unsupported regular expression syntax at offset " + i + " of '" + p + "'");
    }

    private Gen alternation() {
        List<Gen> options = new ArrayList<>();
        options.add(concatenation());
        while (i < p.length() && p.charAt(i) == '|') {
            i++;
            options.add(concatenation());
        }
        if (options.size() == 1) {
            return options.get(0);
        }
        return (out, rnd, ev) -> options.get(rnd.nextInt(options.size())).generate(out, rnd, ev);
    }

    private Gen concatenation() {
        List<Gen> parts = new ArrayList<>();
        while (i < p.length() && p.charAt(i) != '|' && p.charAt(i) != ')') {
            parts.add(quantified(atom()));
        }
        return (out, rnd, ev) -> {
            for (Gen g : parts) {
                g.generate(out, rnd, ev);
            }
        };
    }

    private Gen quantified(Gen atom) {
        while (i < p.length()) {
            char c = p.charAt(i);
            int min;
            int max;
            if (c == '*') {
                min = 0;
                max = MAX_UNBOUNDED;
                i++;
            } else if (c == '+') {
                min = 1;
                max = 1 + MAX_UNBOUNDED;
                i++;
            } else if (c == '?') {
                min = 0;
                max = 1;
                i++;
            } else if (c == '{' && p.indexOf('}', i) > i && p.substring(i + 1, p.indexOf('}', i)).matches("[0-9]+(,[0-9]*)?")) {
                String body = p.substring(i + 1, p.indexOf('}', i));
                i = p.indexOf('}', i) + 1;
                String[] mm = body.split(",", -1);
                min = Integer.parseInt(mm[0]);
                max = mm.length == 1 ? min : mm[1].isEmpty() ? min + MAX_UNBOUNDED : Integer.parseInt(mm[1]);
            } else {
                return atom;
            }
            if (i < p.length() && p.charAt(i) == '?') {
                i++;
            }
            Gen inner = atom;
            int lo = min;
            int hi = max;
            atom = (out, rnd, ev) -> {
                int n = lo + (hi > lo ? rnd.nextInt(hi - lo + 1) : 0);
                for (int k = 0; k < n; k++) {
                    ev.step();
                    inner.generate(out, rnd, ev);
                }
            };
        }
        return atom;
    }

    private Gen atom() {
        char c = p.charAt(i);
        switch (c) {
            case '(': {
                i++;
                if (p.startsWith("?:", i)) {
                    i += 2;
                } else if (p.startsWith("?P<", i) || p.startsWith("?<", i)) {
                    int end = p.indexOf('>', i);
                    if (end < 0) {
                        throw unsupported();
                    }
                    i = end + 1;
                } else if (i < p.length() && p.charAt(i) == '?') {
                    throw unsupported();
                }
                Gen g = alternation();
                if (i >= p.length() || p.charAt(i) != ')') {
                    throw unsupported();
                }
                i++;
                return g;
            }
            case '[':
                return charClass();
            case '.':
                i++;
                return (out, rnd, ev) -> emit(out, ev, 0x20 + rnd.nextInt(0x7f - 0x20));
            case '^':
            case '$':
                i++;
                return (out, rnd, ev) -> { };
            case '\\':
                return escape();
            default:
                int cp = p.codePointAt(i);
                i += Character.charCount(cp);
                return (out, rnd, ev) -> emit(out, ev, cp);
        }
    }

    private static void emit(StringBuilder out, Eval ev, int cp) {
        ev.output(1);
        out.appendCodePoint(cp);
    }

    private static final int[][] DIGIT = {{'0', '9'}};
    private static final int[][] WORD = {{'0', '9'}, {'A', 'Z'}, {'_', '_'}, {'a', 'z'}};
    private static final int[][] SPACE = {{'\t', '\n'}, {'\f', '\r'}, {' ', ' '}};

    private Gen escape() {
        i++;
        if (i >= p.length()) {
            throw unsupported();
        }
        char e = p.charAt(i++);
        int[][] ranges = classEscape(e);
        if (ranges != null) {
            boolean negate = Character.isUpperCase(e);
            return ranges(ranges, negate);
        }
        if (e == 'b' || e == 'B' || e == 'A' || e == 'z') {
            return (out, rnd, ev) -> { };
        }
        int cp = literalEscape(e);
        return (out, rnd, ev) -> emit(out, ev, cp);
    }

    private static int[][] classEscape(char e) {
        return switch (Character.toLowerCase(e)) {
            case 'd' -> DIGIT;
            case 'w' -> WORD;
            case 's' -> SPACE;
            default -> null;
        };
    }

    private int literalEscape(char e) {
        return switch (e) {
            case 'n' -> '\n';
            case 't' -> '\t';
            case 'r' -> '\r';
            case 'f' -> '\f';
            case 'v' -> 0x0b;
            default -> {
                if (Character.isLetterOrDigit(e)) {
                    throw unsupported();
                }
                yield e;
            }
        };
    }

    private Gen charClass() {
        i++;
        boolean negate = false;
        if (i < p.length() && p.charAt(i) == '^') {
            negate = true;
            i++;
        }
        List<int[]> ranges = new ArrayList<>();
        boolean first = true;
        while (i < p.length() && (p.charAt(i) != ']' || first)) {
            first = false;
            int lo;
            if (p.charAt(i) == '\\') {
                i++;
                if (i >= p.length()) {
                    throw unsupported();
                }
                char e = p.charAt(i++);
                int[][] cls = classEscape(e);
                if (cls != null) {
                    if (Character.isUpperCase(e)) {
                        throw unsupported();
                    }
                    for (int[] r : cls) {
                        ranges.add(r);
                    }
                    continue;
                }
                lo = literalEscape(e);
            } else if (p.startsWith("[:", i)) {
                throw unsupported();
            } else {
                lo = p.codePointAt(i);
                i += Character.charCount(lo);
            }
            int hi = lo;
            if (i + 1 < p.length() && p.charAt(i) == '-' && p.charAt(i + 1) != ']') {
                i++;
                if (p.charAt(i) == '\\') {
                    i++;
                    hi = literalEscape(p.charAt(i++));
                } else {
                    hi = p.codePointAt(i);
                    i += Character.charCount(hi);
                }
            }
            ranges.add(new int[] {lo, hi});
        }
        if (i >= p.length()) {
            throw unsupported();
        }
        i++;
        return ranges(ranges.toArray(new int[0][]), negate);
    }

    private static Gen ranges(int[][] ranges, boolean negate) {
        List<Integer> pool = new ArrayList<>();
        if (negate) {
            for (int cp = 0x20; cp < 0x7f; cp++) {
                boolean in = false;
                for (int[] r : ranges) {
                    if (cp >= r[0] && cp <= r[1]) {
                        in = true;
                        break;
                    }
                }
                if (!in) {
                    pool.add(cp);
                }
            }
            return (out, rnd, ev) -> {
                if (pool.isEmpty()) {
                    throw new FunctionError("random(): the class matches no printable character");
                }
                emit(out, ev, pool.get(rnd.nextInt(pool.size())));
            };
        }
        long total = 0;
        for (int[] r : ranges) {
            total += r[1] - r[0] + 1L;
        }
        long size = total;
        return (out, rnd, ev) -> {
            long k = rnd.nextLong(size);
            for (int[] r : ranges) {
                long n = r[1] - r[0] + 1L;
                if (k < n) {
                    emit(out, ev, (int) (r[0] + k));
                    return;
                }
                k -= n;
            }
        };
    }
}
