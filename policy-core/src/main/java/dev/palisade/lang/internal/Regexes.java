package dev.palisade.lang.internal;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
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
        } catch (StackOverflowError e) {
            throw invalid(re, "expression nests too deeply for RE2/J's compiler");
        }
    }

    private static CelError invalid(String re, String why) {
        return new CelError("invalid regular expression " + Display.of(re) + ": " + why);
    }

    /**
     * The size of the program RE2 would compile for {@code re}, computed as Go's parser computes it;
     * throws {@link CelError} when the pattern breaks Go's limits. Iterative, so that no pattern can
     * exhaust the stack.
     */
    static long programSize(String re) {
        return new Scanner(re).scan();
    }

    /**
     * A measured piece of a pattern: its program size; the largest product of repetition counts
     * along any path through it (Go's rule: at most {@link #MAX_REPEAT}); its height.
     */
    private record Measure(long size, long repeats, int height) {
        static final Measure ATOM = new Measure(1, 1, 1);
    }

    /** One level of grouping being scanned: the finished choices and the sequence being built. */
    private static final class Level {
        final boolean capture;
        long choicesSize;
        int choices;
        long choicesRepeats = 1;
        int choicesHeight;
        long sequenceSize;
        int sequenceItems;
        long sequenceRepeats = 1;
        int sequenceHeight;

        Level(boolean capture) {
            this.capture = capture;
        }

        void add(Measure m) {
            sequenceSize = Cost.add(sequenceSize, m.size);
            sequenceItems++;
            sequenceRepeats = Math.max(sequenceRepeats, m.repeats);
            sequenceHeight = Math.max(sequenceHeight, m.height);
        }

        /** Ends the current choice ({@code |} or the end of the group). */
        void endChoice() {
            choicesSize = Cost.add(choicesSize, Math.max(1, sequenceSize));
            choices++;
            choicesRepeats = Math.max(choicesRepeats, sequenceRepeats);
            choicesHeight = Math.max(choicesHeight, sequenceItems > 1 ? sequenceHeight + 1 : Math.max(1, sequenceHeight));
            sequenceSize = 0;
            sequenceItems = 0;
            sequenceRepeats = 1;
            sequenceHeight = 0;
        }

        Measure close() {
            endChoice();
            long size = Math.max(1, Cost.add(choicesSize, choices - 1L));
            int height = choices > 1 ? choicesHeight + 1 : choicesHeight;
            return capture ? new Measure(Cost.add(2, size), choicesRepeats, height + 1)
                    : new Measure(size, choicesRepeats, height);
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

        long scan() {
            java.util.ArrayDeque<Level> levels = new java.util.ArrayDeque<>();
            Level current = new Level(false);
            while (pos < re.length()) {
                char c = re.charAt(pos);
                if (c == '|') {
                    pos++;
                    current.endChoice();
                } else if (c == ')') {
                    pos++;
                    if (levels.isEmpty()) {
                        continue;
                    }
                    Measure group = current.close();
                    current = levels.pop();
                    current.add(repeated(group));
                } else if (c == '(') {
                    pos++;
                    Boolean capture = groupKind();
                    if (capture == null) {
                        continue;
                    }
                    if (levels.size() >= MAX_NESTING) {
                        throw tooDeep();
                    }
                    levels.push(current);
                    current = new Level(capture);
                } else {
                    current.add(repeated(atom()));
                }
            }
            while (!levels.isEmpty()) {
                Measure group = current.close();
                current = levels.pop();
                current.add(group);
            }
            Measure all = current.close();
            if (all.height > MAX_NESTING) {
                throw tooDeep();
            }
            if (all.size > MAX_PROGRAM_SIZE) {
                throw invalid(re, "expression too large: the program would have " + all.size
                        + " instructions, more than " + MAX_PROGRAM_SIZE);
            }
            return all.size;
        }

        /** After {@code (}: true for a capturing group, false for a non-capturing one, null for a flag group {@code (?i)}. */
        private Boolean groupKind() {
            if (pos >= re.length() || re.charAt(pos) != '?') {
                return true;
            }
            int close = re.indexOf(')', pos);
            int colon = re.indexOf(':', pos);
            int angle = re.indexOf('>', pos);
            boolean named = re.startsWith("?P<", pos) || re.startsWith("?<", pos);
            if (named && angle > 0) {
                pos = angle + 1;
                return true;
            }
            if (colon > 0 && (close < 0 || colon < close)) {
                pos = colon + 1;
                return false;
            }
            pos = close < 0 ? re.length() : close + 1;
            return null;
        }

        /** The item with the repetition operators that follow it applied, as Go sizes them. */
        private Measure repeated(Measure item) {
            int[] r = repetition();
            while (r != null) {
                int min = r[0];
                int max = r[1];
                if (min > MAX_REPEAT || max > MAX_REPEAT) {
                    throw invalid(re, "invalid repeat count: more than " + MAX_REPEAT);
                }
                long sub = item.size;
                long size;
                if (max == -1) {
                    size = min == 0 ? Cost.add(2, sub) : min == 1 ? Cost.add(1, sub) : Cost.add(1, Cost.multiply(min, sub));
                } else if (min == 0 && max == 1) {
                    size = Cost.add(1, sub);
                } else {
                    size = Math.max(1, Cost.add(Cost.multiply(max, sub), max - min));
                }
                // Go's repeatIsValid: the counts along any path multiply to at most MAX_REPEAT
                int m = max < 0 ? min : max;
                long repeats = max == 0 ? 1 : Cost.multiply(Math.max(1, m), item.repeats);
                if (repeats > MAX_REPEAT) {
                    throw invalid(re, "invalid repeat count: nested repetitions repeat something more than "
                            + MAX_REPEAT + " times");
                }
                item = new Measure(size, repeats, item.height + 1);
                r = repetition();
            }
            return item;
        }

        private Measure atom() {
            char c = re.charAt(pos);
            if (c == '[') {
                skipClass();
                return Measure.ATOM;
            }
            if (c == '\\') {
                return escape();
            }
            pos += Character.charCount(re.codePointAt(pos));
            return Measure.ATOM;
        }

        private Measure escape() {
            pos++;
            if (pos >= re.length()) {
                return Measure.ATOM;
            }
            char c = re.charAt(pos++);
            switch (c) {
                case 'Q' -> {
                    int end = re.indexOf("\\E", pos);
                    int stop = end < 0 ? re.length() : end;
                    long runes = re.codePointCount(pos, stop);
                    pos = end < 0 ? re.length() : end + 2;
                    return new Measure(Math.max(1, runes), 1, 1);
                }
                case 'p', 'P', 'x' -> {
                    if (pos < re.length() && re.charAt(pos) == '{') {
                        int end = re.indexOf('}', pos);
                        pos = end < 0 ? re.length() : end + 1;
                    } else {
                        pos = Math.min(re.length(), pos + (c == 'x' ? 2 : 1));
                    }
                    return Measure.ATOM;
                }
                default -> {
                    if (Character.isHighSurrogate(c) && pos < re.length()) {
                        pos++;
                    }
                    return Measure.ATOM;
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
