package dev.palisade.lang.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the subset of RE2 syntax that {@link RegexDfa} compiles into a small syntax tree, or
 * answers null for anything outside it (flags, word boundaries, Unicode and POSIX classes, named
 * groups, hexadecimal and octal escapes, ambiguous literal braces) and for invalid patterns.
 */
final class RegexDfaSyntax {
    /** RE2's largest repetition count. */
    static final int MAX_REPEAT = 1000;
    private static final int MAX_NESTING = 100;

    /** A node of the syntax tree. */
    sealed interface Node permits Chars, Empty, Assertion, Concat, Alternation, Repeat {
    }

    /** One code point out of a set (normalized ranges). */
    record Chars(int[] ranges) implements Node {
    }

    /** The empty string. */
    record Empty() implements Node {
    }

    /** {@code ^} (start of text) or {@code $} (end of text). */
    record Assertion(boolean startOfText) implements Node {
    }

    /** Items in sequence. */
    record Concat(List<Node> items) implements Node {
    }

    /** Any one of the choices. */
    record Alternation(List<Node> choices) implements Node {
    }

    /** {@code item} between {@code min} and {@code max} times; {@code max} is -1 for unbounded. */
    record Repeat(Node item, int min, int max) implements Node {
    }

    /** Signals syntax outside the supported subset. */
    private static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported() {
            super(null, null, false, false);
        }
    }

    private final String re;
    private int pos;
    private int depth;

    private RegexDfaSyntax(String re) {
        this.re = re;
    }

    /** The syntax tree of {@code re}, or null when it is not in the supported subset. */
    static Node parse(String re) {
        RegexDfaSyntax parser = new RegexDfaSyntax(re);
        try {
            Node node = parser.alternation();
            return parser.pos == re.length() ? node : null;
        } catch (Unsupported e) {
            return null;
        }
    }

    private Node alternation() {
        List<Node> choices = new ArrayList<>();
        choices.add(concat());
        while (pos < re.length() && re.charAt(pos) == '|') {
            pos++;
            choices.add(concat());
        }
        return choices.size() == 1 ? choices.get(0) : new Alternation(List.copyOf(choices));
    }

    private Node concat() {
        List<Node> items = new ArrayList<>();
        while (pos < re.length() && re.charAt(pos) != '|' && re.charAt(pos) != ')') {
            items.add(quantified(atom()));
        }
        if (items.isEmpty()) {
            return new Empty();
        }
        return items.size() == 1 ? items.get(0) : new Concat(List.copyOf(items));
    }

    private Node quantified(Node atom) {
        if (pos >= re.length()) {
            return atom;
        }
        int min;
        int max;
        switch (re.charAt(pos)) {
            case '*' -> {
                min = 0;
                max = -1;
                pos++;
            }
            case '+' -> {
                min = 1;
                max = -1;
                pos++;
            }
            case '?' -> {
                min = 0;
                max = 1;
                pos++;
            }
            case '{' -> {
                pos++;
                min = number();
                max = min;
                if (peek() == ',') {
                    pos++;
                    max = peek() == '}' ? -1 : number();
                }
                expect('}');
                if (min > MAX_REPEAT || max > MAX_REPEAT || (max >= 0 && min > max)) {
                    throw new Unsupported();
                }
            }
            default -> {
                return atom;
            }
        }
        if (peek() == '?') {
            pos++;
        }
        if (isQuantifier(peek())) {
            throw new Unsupported();
        }
        return new Repeat(atom, min, max);
    }

    /** A decimal count without leading zeros (RE2 reads braces with those as literals). */
    private int number() {
        int start = pos;
        int value = 0;
        while (pos < re.length() && re.charAt(pos) >= '0' && re.charAt(pos) <= '9') {
            value = Math.min(value * 10 + (re.charAt(pos) - '0'), MAX_REPEAT + 1);
            pos++;
        }
        if (pos == start || (pos - start > 1 && re.charAt(start) == '0')) {
            throw new Unsupported();
        }
        return value;
    }

    private Node atom() {
        int c = re.codePointAt(pos);
        switch (c) {
            case '(' -> {
                return group();
            }
            case '[' -> {
                pos++;
                return charClass();
            }
            case '.' -> {
                pos++;
                return new Chars(RegexDfaRanges.ANY_BUT_NEWLINE);
            }
            case '^', '$' -> {
                pos++;
                return new Assertion(c == '^');
            }
            case '\\' -> {
                pos++;
                int[] perl = perlClass();
                return perl != null ? new Chars(perl) : literal(escapedChar());
            }
            default -> {
                if (isQuantifier(c)) {
                    throw new Unsupported();
                }
                return literal(literalCodePoint());
            }
        }
    }

    private Node group() {
        pos++;
        if (peek() == '?') {
            if (pos + 1 >= re.length() || re.charAt(pos + 1) != ':') {
                throw new Unsupported();
            }
            pos += 2;
        }
        if (++depth > MAX_NESTING) {
            throw new Unsupported();
        }
        Node inner = alternation();
        depth--;
        expect(')');
        return inner;
    }

    private Node charClass() {
        boolean negated = peek() == '^';
        if (negated) {
            pos++;
        }
        int[] pairs = new int[16];
        int size = 0;
        boolean first = true;
        while (true) {
            if (pos >= re.length()) {
                throw new Unsupported();
            }
            char c = re.charAt(pos);
            if (c == ']' && !first) {
                pos++;
                break;
            }
            first = false;
            if (c == '[' && pos + 1 < re.length() && re.charAt(pos + 1) == ':') {
                throw new Unsupported();
            }
            int[] add;
            if (c == '\\' && isPerlClassLetter(pos + 1)) {
                pos++;
                add = perlClass();
            } else {
                int lo = classChar();
                int hi = lo;
                if (pos + 1 < re.length() && re.charAt(pos) == '-' && re.charAt(pos + 1) != ']') {
                    pos++;
                    if (re.charAt(pos) == '\\' && isPerlClassLetter(pos + 1)) {
                        throw new Unsupported();
                    }
                    hi = classChar();
                    if (hi < lo) {
                        throw new Unsupported();
                    }
                }
                add = new int[] {lo, hi};
            }
            if (size + add.length > pairs.length) {
                pairs = java.util.Arrays.copyOf(pairs, Math.max(pairs.length * 2, size + add.length));
            }
            System.arraycopy(add, 0, pairs, size, add.length);
            size += add.length;
        }
        int[] ranges = RegexDfaRanges.normalize(pairs, size);
        return new Chars(negated ? RegexDfaRanges.negate(ranges) : ranges);
    }

    private int classChar() {
        if (re.charAt(pos) == '\\') {
            pos++;
            return escapedChar();
        }
        return literalCodePoint();
    }

    private boolean isPerlClassLetter(int at) {
        return at < re.length() && "dDwWsS".indexOf(re.charAt(at)) >= 0;
    }

    /** After a backslash: the set of {@code \d \w \s} or their negations, or null for another escape. */
    private int[] perlClass() {
        if (!isPerlClassLetter(pos)) {
            return null;
        }
        char c = re.charAt(pos++);
        int[] ranges = switch (Character.toLowerCase(c)) {
            case 'd' -> RegexDfaRanges.DIGIT;
            case 'w' -> RegexDfaRanges.WORD;
            default -> RegexDfaRanges.SPACE;
        };
        return Character.isUpperCase(c) ? RegexDfaRanges.negate(ranges) : ranges;
    }

    /** After a backslash: an escaped punctuation character or a control-character escape. */
    private int escapedChar() {
        if (pos >= re.length()) {
            throw new Unsupported();
        }
        char c = re.charAt(pos++);
        return switch (c) {
            case 'a' -> 7;
            case 'f' -> '\f';
            case 't' -> '\t';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 'v' -> 11;
            default -> {
                if (c > ' ' && c < 0x7f && !Character.isLetterOrDigit(c) && c != '_') {
                    yield c;
                }
                throw new Unsupported();
            }
        };
    }

    private int literalCodePoint() {
        int c = re.codePointAt(pos);
        if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
            throw new Unsupported();
        }
        pos += Character.charCount(c);
        return c;
    }

    private static Node literal(int codePoint) {
        return new Chars(new int[] {codePoint, codePoint});
    }

    private static boolean isQuantifier(int c) {
        return c == '*' || c == '+' || c == '?' || c == '{';
    }

    private int peek() {
        return pos < re.length() ? re.charAt(pos) : -1;
    }

    private void expect(char c) {
        if (peek() != c) {
            throw new Unsupported();
        }
        pos++;
    }
}
