package dev.palisade.lang.internal;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one home of regular expressions: Go's limits on what may be compiled, the cost of compiling
 * and RE2/J patterns through a small bounded cache.
 *
 * <p>RE2/J enforces RE2's bound on a single repetition count but expands nested repetitions
 * ({@code ((a{1000}){1000}){1000}}) into a program of a billion instructions. Before RE2/J sees a
 * pattern, it is measured as Go's {@code regexp/syntax} measures it, with Go's rules and messages:
 * a repetition count above 1000, or nested repetitions that together repeat something more than
 * 1000 times, is an {@code invalid repeat count}; a program of more than {@link #MAX_PROGRAM_SIZE}
 * instructions is {@code expression too large}; groups and repetitions nested more than
 * {@link #MAX_NESTING} deep are {@code expression nests too deeply}. Compiling costs one unit per
 * instruction of the program, charged before compiling (every time, so that costs do not depend on
 * the cache); the cache keeps only small programs and is emptied when full, so a flood of distinct
 * patterns costs compilation time (metered) but no memory.
 */
final class Regexes {
    /** Go's limit on the size of a compiled program: 128 MiB of 40-byte instructions. */
    static final long MAX_PROGRAM_SIZE = (128L << 20) / 40;
    /** Go's limit on repetition counts, alone and nested. */
    static final int MAX_REPEAT = 1000;
    /** Go's limit on the nesting depth of a regular expression. */
    static final int MAX_NESTING = 1000;

    private static final int CACHE_SIZE = 256;
    private static final long CACHED_PROGRAM_SIZE = 10_000;
    private static final ConcurrentHashMap<String, Compiled> CACHE = new ConcurrentHashMap<>();

    private record Compiled(Pattern pattern, long size) {
    }

    private Regexes() {
    }

    /** A pattern for a regular expression computed at run time, charging its compilation to the frame. */
    static Pattern compile(Frame f, String re) {
        Compiled c = CACHE.get(re);
        if (c != null) {
            f.cost(c.size);
            return c.pattern;
        }
        long size = programSize(re);
        f.cost(size);
        Pattern p = re2j(re);
        if (size <= CACHED_PROGRAM_SIZE) {
            if (CACHE.size() >= CACHE_SIZE) {
                CACHE.clear();
            }
            CACHE.put(re, new Compiled(p, size));
        }
        return p;
    }

    /**
     * Compiles a constant regular expression at plan time, charging its compilation to the
     * compilation's frame; throws {@link CelError} for invalid patterns.
     */
    static Pattern constant(Frame compilation, String re) {
        return compile(compilation, re);
    }

    private static Pattern re2j(String re) {
        try {
            return Pattern.compile(re);
        } catch (PatternSyntaxException e) {
            throw invalid(re, e.getDescription());
        }
    }

    private static CelError invalid(String re, String why) {
        return new CelError("invalid regular expression " + Display.of(re) + ": " + why);
    }

    /**
     * The size of the program RE2 would compile for {@code re}, computed as Go's parser computes it;
     * throws {@link CelError} when the pattern breaks Go's limits.
     */
    static long programSize(String re) {
        Scanner s = new Scanner(re);
        Node root = s.alternation(0);
        if (!repeatIsValid(root, MAX_REPEAT)) {
            throw invalid(re, "invalid repeat count: nested repetitions repeat something more than " + MAX_REPEAT
                    + " times");
        }
        long size = root.size();
        if (size > MAX_PROGRAM_SIZE) {
            throw invalid(re, "expression too large: the program would have " + size + " instructions, more than "
                    + MAX_PROGRAM_SIZE);
        }
        return size;
    }

    /** Go's repeatIsValid: nested repetition counts divide the allowance of the repetitions inside them. */
    private static boolean repeatIsValid(Node node, int n) {
        if (node instanceof Repeat r) {
            int m = r.max;
            if (m == 0) {
                return true;
            }
            if (m < 0) {
                m = r.min;
            }
            if (m > n) {
                return false;
            }
            if (m > 0) {
                n /= m;
            }
        }
        for (Node sub : node.subs()) {
            if (!repeatIsValid(sub, n)) {
                return false;
            }
        }
        return true;
    }

    // A structural view of the pattern, enough to size it: RE2/J checks the syntax itself.

    private sealed interface Node permits Atom, Literal, Sequence, Choice, Group, Repeat {
        long size();

        default List<Node> subs() {
            return List.of();
        }
    }

    /** A character class, any character, an assertion or an empty expression. */
    private record Atom() implements Node {
        public long size() {
            return 1;
        }
    }

    /** A run of literal characters. */
    private record Literal(long runes) implements Node {
        public long size() {
            return Math.max(1, runes);
        }
    }

    private record Sequence(List<Node> items) implements Node {
        public long size() {
            long n = 0;
            for (Node i : items) {
                n = Cost.add(n, i.size());
            }
            return Math.max(1, n);
        }

        public List<Node> subs() {
            return items;
        }
    }

    private record Choice(List<Node> choices) implements Node {
        public long size() {
            long n = choices.size() - 1L;
            for (Node c : choices) {
                n = Cost.add(n, c.size());
            }
            return Math.max(1, n);
        }

        public List<Node> subs() {
            return choices;
        }
    }

    private record Group(Node inner, boolean capture) implements Node {
        public long size() {
            return capture ? Cost.add(2, inner.size()) : inner.size();
        }

        public List<Node> subs() {
            return List.of(inner);
        }
    }

    /** {@code *} is (0, -1), {@code +} (1, -1), {@code ?} (0, 1). */
    private record Repeat(Node inner, int min, int max) implements Node {
        public long size() {
            long sub = inner.size();
            if (max == -1) {
                return min == 0 ? Cost.add(2, sub) : min == 1 ? Cost.add(1, sub) : Cost.add(1, Cost.multiply(min, sub));
            }
            if (min == 0 && max == 1) {
                return Cost.add(1, sub);
            }
            return Math.max(1, Cost.add(Cost.multiply(max, sub), max - min));
        }

        public List<Node> subs() {
            return List.of(inner);
        }
    }

    private static final class Scanner {
        private final String re;
        private int pos;

        Scanner(String re) {
            this.re = re;
        }

        private CelError tooDeep() {
            return invalid(re, "expression nests too deeply (more than " + MAX_NESTING + " levels)");
        }

        Node alternation(int depth) {
            if (depth > MAX_NESTING) {
                throw tooDeep();
            }
            List<Node> choices = new ArrayList<>();
            choices.add(sequence(depth));
            while (pos < re.length() && re.charAt(pos) == '|') {
                pos++;
                choices.add(sequence(depth));
            }
            return choices.size() == 1 ? choices.get(0) : new Choice(choices);
        }

        private Node sequence(int depth) {
            List<Node> items = new ArrayList<>();
            long literal = 0;
            while (pos < re.length()) {
                char c = re.charAt(pos);
                if (c == '|' || c == ')') {
                    break;
                }
                Node item = item(depth);
                if (item == null) {
                    continue;
                }
                int[] repeat = repetition();
                if (repeat == null && item instanceof Literal l) {
                    literal += l.runes;
                    continue;
                }
                if (literal > 0) {
                    items.add(new Literal(literal));
                    literal = 0;
                }
                int nested = 0;
                while (repeat != null) {
                    if (++nested + depth > MAX_NESTING) {
                        throw tooDeep();
                    }
                    if (repeat[0] > MAX_REPEAT || repeat[1] > MAX_REPEAT) {
                        throw invalid(re, "invalid repeat count: more than " + MAX_REPEAT);
                    }
                    item = new Repeat(item, repeat[0], repeat[1]);
                    repeat = repetition();
                }
                items.add(item);
            }
            if (literal > 0) {
                items.add(new Literal(literal));
            }
            return items.isEmpty() ? new Atom() : items.size() == 1 ? items.get(0) : new Sequence(items);
        }

        /** One item, or null for a flag group such as {@code (?i)} that matches nothing. */
        private Node item(int depth) {
            char c = re.charAt(pos);
            switch (c) {
                case '(' -> {
                    pos++;
                    boolean capture = true;
                    if (pos < re.length() && re.charAt(pos) == '?') {
                        capture = false;
                        int close = re.indexOf(')', pos);
                        int colon = re.indexOf(':', pos);
                        int angle = re.indexOf('>', pos);
                        boolean named = re.startsWith("?P<", pos) || re.startsWith("?<", pos);
                        if (named && angle > 0) {
                            capture = true;
                            pos = angle + 1;
                        } else if (colon > 0 && (close < 0 || colon < close)) {
                            pos = colon + 1;
                        } else {
                            pos = close < 0 ? re.length() : close + 1;
                            return null;
                        }
                    }
                    Node inner = alternation(depth + 1);
                    if (pos < re.length() && re.charAt(pos) == ')') {
                        pos++;
                    }
                    return new Group(inner, capture);
                }
                case '[' -> {
                    skipClass();
                    return new Atom();
                }
                case '\\' -> {
                    return escape();
                }
                case '.', '^', '$' -> {
                    pos++;
                    return new Atom();
                }
                default -> {
                    pos += Character.charCount(re.codePointAt(pos));
                    return new Literal(1);
                }
            }
        }

        private Node escape() {
            pos++;
            if (pos >= re.length()) {
                return new Literal(1);
            }
            char c = re.charAt(pos++);
            switch (c) {
                case 'Q' -> {
                    int end = re.indexOf("\\E", pos);
                    int stop = end < 0 ? re.length() : end;
                    long runes = re.codePointCount(pos, stop);
                    pos = end < 0 ? re.length() : end + 2;
                    return new Literal(runes);
                }
                case 'p', 'P' -> {
                    if (pos < re.length() && re.charAt(pos) == '{') {
                        int end = re.indexOf('}', pos);
                        pos = end < 0 ? re.length() : end + 1;
                    } else if (pos < re.length()) {
                        pos++;
                    }
                    return new Atom();
                }
                case 'x' -> {
                    if (pos < re.length() && re.charAt(pos) == '{') {
                        int end = re.indexOf('}', pos);
                        pos = end < 0 ? re.length() : end + 1;
                    } else {
                        pos = Math.min(re.length(), pos + 2);
                    }
                    return new Literal(1);
                }
                case 'd', 'D', 'w', 'W', 's', 'S', 'b', 'B', 'A', 'z', 'C' -> {
                    return new Atom();
                }
                default -> {
                    if (Character.isHighSurrogate(c) && pos < re.length()) {
                        pos++;
                    }
                    return new Literal(1);
                }
            }
        }

        private void skipClass() {
            pos++;
            if (pos < re.length() && re.charAt(pos) == '^') {
                pos++;
            }
            if (pos < re.length() && re.charAt(pos) == ']') {
                pos++;
            }
            while (pos < re.length() && re.charAt(pos) != ']') {
                if (re.charAt(pos) == '\\') {
                    pos += 2;
                } else if (re.startsWith("[:", pos)) {
                    int end = re.indexOf(":]", pos + 2);
                    pos = end < 0 ? pos + 1 : end + 2;
                } else {
                    pos++;
                }
            }
            pos = Math.min(re.length(), pos + 1);
        }

        /** {min, max} of a repetition operator at the current position (max -1 for none), or null. */
        private int[] repetition() {
            if (pos >= re.length()) {
                return null;
            }
            char c = re.charAt(pos);
            int[] r;
            if (c == '*') {
                r = new int[] {0, -1};
                pos++;
            } else if (c == '+') {
                r = new int[] {1, -1};
                pos++;
            } else if (c == '?') {
                r = new int[] {0, 1};
                pos++;
            } else if (c == '{') {
                r = braces();
                if (r == null) {
                    return null;
                }
            } else {
                return null;
            }
            if (pos < re.length() && re.charAt(pos) == '?') {
                pos++;
            }
            return r;
        }

        /** {@code {n}}, {@code {n,}} or {@code {n,m}}; null (a literal brace) otherwise. */
        private int[] braces() {
            int i = pos + 1;
            int start = i;
            while (i < re.length() && Character.isDigit(re.charAt(i))) {
                i++;
            }
            if (i == start || i >= re.length()) {
                return null;
            }
            int min = count(re.substring(start, i));
            int max = min;
            if (re.charAt(i) == ',') {
                i++;
                int mstart = i;
                while (i < re.length() && Character.isDigit(re.charAt(i))) {
                    i++;
                }
                max = i == mstart ? -1 : count(re.substring(mstart, i));
            }
            if (i >= re.length() || re.charAt(i) != '}') {
                return null;
            }
            pos = i + 1;
            return new int[] {min, max};
        }

        private static int count(String digits) {
            return digits.length() > 7 ? Integer.MAX_VALUE : Integer.parseInt(digits);
        }
    }
}
