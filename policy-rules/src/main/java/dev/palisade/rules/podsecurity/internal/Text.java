package dev.palisade.rules.podsecurity.internal;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/** The string helpers of the upstream evaluator: pluralisation, quoting and joining, byte for byte. */
final class Text {

    private Text() {
    }

    /** {@code singular} when n is 1, else {@code plural}. */
    static String plural(String singular, String plural, int n) {
        return n == 1 ? singular : plural;
    }

    /** Each item wrapped in double quotes, unescaped, joined with {@code ", "}. */
    static String quoteAll(Collection<String> items) {
        StringBuilder out = new StringBuilder();
        for (String item : items) {
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append('"').append(item).append('"');
        }
        return out.toString();
    }

    /** {@code container "a"} or {@code containers "a", "b"}. */
    static String containers(List<String> names) {
        return plural("container", "containers", names.size()) + " " + quoteAll(names);
    }

    /** De-duplicated, sorted by string. */
    static List<String> sortedSet(Collection<String> items) {
        return List.copyOf(new TreeSet<>(items));
    }

    /** Go's {@code strconv.Quote}: double quotes with Go escapes for quotes, backslashes and unprintable runes. */
    static String goQuote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        value.codePoints().forEach(cp -> appendRune(out, cp));
        return out.append('"').toString();
    }

    private static void appendRune(StringBuilder out, int cp) {
        switch (cp) {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            case 0x07 -> out.append("\\a");
            case '\b' -> out.append("\\b");
            case '\f' -> out.append("\\f");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case 0x0b -> out.append("\\v");
            default -> {
                if (isGoPrintable(cp)) {
                    out.appendCodePoint(cp);
                } else if (cp < 0x80) {
                    out.append(String.format("\\x%02x", cp));
                } else if (Character.isSurrogate((char) cp) && cp <= 0xffff) {
                    out.append("\\ufffd");
                } else if (cp <= 0xffff) {
                    out.append(String.format("\\u%04x", cp));
                } else {
                    out.append(String.format("\\U%08x", cp));
                }
            }
        }
    }

    /** Go's {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols and the ASCII space. */
    private static boolean isGoPrintable(int cp) {
        if (cp == ' ') {
            return true;
        }
        switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
                    Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK, Character.DECIMAL_DIGIT_NUMBER,
                    Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.CONNECTOR_PUNCTUATION,
                    Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
                    Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                    Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL:
                return true;
            default:
                return false;
        }
    }

    /** A JSON pointer segment: {@code ~} as {@code ~0}, {@code /} as {@code ~1}. */
    static String pointerSegment(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
