package dev.palisade.rego.internal.value;

/** Go's {@code strconv.Quote}: double-quoted with Go escapes for non-printable characters. */
public final class GoQuote {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private GoQuote() {
    }

    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        quote(sb, s);
        return sb.toString();
    }

    public static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '"' || cp == '\\') {
                sb.append('\\').append((char) cp);
            } else if (isPrint(cp)) {
                sb.appendCodePoint(cp);
            } else {
                switch (cp) {
                    case 7 -> sb.append("\\a");
                    case '\b' -> sb.append("\\b");
                    case '\f' -> sb.append("\\f");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    case 11 -> sb.append("\\v");
                    default -> {
                        if (cp >= 0xD800 && cp <= 0xDFFF) {
                            sb.append("\\ufffd");
                        } else if (cp < ' ' || cp == 0x7f) {
                            sb.append("\\x").append(HEX[cp >> 4]).append(HEX[cp & 15]);
                        } else if (cp < 0x10000) {
                            sb.append("\\u");
                            hex(sb, cp, 4);
                        } else {
                            sb.append("\\U");
                            hex(sb, cp, 8);
                        }
                    }
                }
            }
        }
        sb.append('"');
    }

    private static void hex(StringBuilder sb, int v, int digits) {
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            sb.append(HEX[(v >> shift) & 15]);
        }
    }

    /** Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
    public static boolean isPrint(int cp) {
        if (cp < 0x7f) {
            return cp >= 0x20;
        }
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                    Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SPACE_SEPARATOR -> false;
            default -> true;
        };
    }
}
