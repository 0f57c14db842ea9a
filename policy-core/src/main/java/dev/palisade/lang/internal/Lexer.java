package dev.palisade.lang.internal;

import dev.palisade.lang.Bytes;
import dev.palisade.lang.CompileException;
import dev.palisade.lang.UInt;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Splits a CEL expression into tokens. */
final class Lexer {
    enum Kind { IDENT, QUOTED_IDENT, INT, UINT, DOUBLE, STRING, BYTES, PUNCT, EOF }

    /** One token: kind, text (identifier or punctuation), literal value and start offset. */
    record Token(Kind kind, String text, Object value, int offset) {
        boolean is(String punct) {
            return kind == Kind.PUNCT && text.equals(punct);
        }
    }

    private static final String[] PUNCTUATION = {
        "==", "!=", "<=", ">=", "&&", "||", ".?", "[?",
        "<", ">", "+", "-", "*", "/", "%", "!", "?", ":", ".", ",", "(", ")", "[", "]", "{", "}"
    };

    private final String src;
    private int pos;

    Lexer(String src) {
        this.src = src;
    }

    Token next() {
        skipSpaceAndComments();
        if (pos >= src.length()) {
            return new Token(Kind.EOF, "", null, pos);
        }
        int start = pos;
        char c = src.charAt(pos);
        if (c == '`') {
            int end = src.indexOf('`', pos + 1);
            if (end < 0) {
                throw error("unterminated quoted identifier", start);
            }
            String name = src.substring(pos + 1, end);
            if (name.isEmpty() || !name.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || "_.-/~".indexOf(ch) >= 0)) {
                throw error("invalid quoted identifier `" + name + "`", start);
            }
            pos = end + 1;
            return new Token(Kind.QUOTED_IDENT, name, null, start);
        }
        if (isIdentStart(c)) {
            int p = pos;
            while (p < src.length() && isIdentPart(src.charAt(p))) {
                p++;
            }
            String word = src.substring(pos, p);
            if (p < src.length() && (src.charAt(p) == '"' || src.charAt(p) == '\'')) {
                String lower = word.toLowerCase();
                if (lower.equals("r") || lower.equals("b") || lower.equals("rb") || lower.equals("br")) {
                    pos = p;
                    return quoted(start, lower.contains("r"), lower.contains("b"));
                }
            }
            pos = p;
            return new Token(Kind.IDENT, word, null, start);
        }
        if (c == '"' || c == '\'') {
            return quoted(start, false, false);
        }
        if (isDigit(c) || (c == '.' && pos + 1 < src.length() && isDigit(src.charAt(pos + 1)))) {
            return number(start);
        }
        for (String p : PUNCTUATION) {
            if (src.startsWith(p, pos)) {
                pos += p.length();
                return new Token(Kind.PUNCT, p, null, start);
            }
        }
        throw error("unexpected character '" + new String(Character.toChars(src.codePointAt(pos))) + "'", start);
    }

    private void skipSpaceAndComments() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
                pos++;
            } else if (c == '/' && pos + 1 < src.length() && src.charAt(pos + 1) == '/') {
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    private Token number(int start) {
        int p = pos;
        if (src.startsWith("0x", p) || src.startsWith("0X", p)) {
            p += 2;
            int digits = p;
            while (p < src.length() && Character.digit(src.charAt(p), 16) >= 0) {
                p++;
            }
            if (p == digits) {
                throw error("invalid hexadecimal literal", start);
            }
            String hex = src.substring(digits, p);
            if (p < src.length() && (src.charAt(p) == 'u' || src.charAt(p) == 'U')) {
                pos = p + 1;
                return new Token(Kind.UINT, src.substring(start, pos), new UInt(parseUnsigned(hex, 16, start)), start);
            }
            pos = p;
            return new Token(Kind.INT, src.substring(start, pos), parseIntMagnitude(hex, 16, start), start);
        }
        while (p < src.length() && isDigit(src.charAt(p))) {
            p++;
        }
        boolean isDouble = false;
        if (p + 1 < src.length() && src.charAt(p) == '.' && isDigit(src.charAt(p + 1))) {
            isDouble = true;
            p++;
            while (p < src.length() && isDigit(src.charAt(p))) {
                p++;
            }
        }
        if (p < src.length() && (src.charAt(p) == 'e' || src.charAt(p) == 'E')) {
            int q = p + 1;
            if (q < src.length() && (src.charAt(q) == '+' || src.charAt(q) == '-')) {
                q++;
            }
            if (q < src.length() && isDigit(src.charAt(q))) {
                while (q < src.length() && isDigit(src.charAt(q))) {
                    q++;
                }
                p = q;
                isDouble = true;
            }
        }
        String text = src.substring(start, p);
        if (isDouble) {
            pos = p;
            return new Token(Kind.DOUBLE, text, Double.parseDouble(text), start);
        }
        if (p < src.length() && (src.charAt(p) == 'u' || src.charAt(p) == 'U')) {
            pos = p + 1;
            return new Token(Kind.UINT, src.substring(start, pos), new UInt(parseUnsigned(text, 10, start)), start);
        }
        pos = p;
        return new Token(Kind.INT, text, parseIntMagnitude(text, 10, start), start);
    }

    /** Magnitude of an int literal; 2^63 is kept (as Long.MIN_VALUE marker text) for negation. */
    private Object parseIntMagnitude(String digits, int radix, int start) {
        java.math.BigInteger v = new java.math.BigInteger(digits, radix);
        if (v.bitLength() > 64 || v.compareTo(java.math.BigInteger.ONE.shiftLeft(63)) > 0) {
            throw error("integer literal out of range: " + digits, start);
        }
        return v;
    }

    private long parseUnsigned(String digits, int radix, int start) {
        java.math.BigInteger v = new java.math.BigInteger(digits, radix);
        if (v.bitLength() > 64) {
            throw error("unsigned integer literal out of range: " + digits, start);
        }
        return v.longValue();
    }

    private Token quoted(int start, boolean raw, boolean bytes) {
        char q = src.charAt(pos);
        boolean triple = src.startsWith(String.valueOf(q).repeat(3), pos);
        String delim = triple ? String.valueOf(q).repeat(3) : String.valueOf(q);
        pos += delim.length();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= src.length()) {
                throw error("unterminated string literal", start);
            }
            if (src.startsWith(delim, pos)) {
                pos += delim.length();
                break;
            }
            char c = src.charAt(pos);
            if (!triple && (c == '\n' || c == '\r')) {
                throw error("line break in a single-quoted string literal", pos);
            }
            if (c == '\\' && !raw) {
                escape(bytes, out, sb);
            } else if (c == '\\') {
                appendCodePoint(bytes, out, sb, '\\');
                pos++;
                if (pos < src.length() && (src.charAt(pos) == q || src.charAt(pos) == '\\')) {
                    appendCodePoint(bytes, out, sb, src.charAt(pos));
                    pos++;
                }
            } else {
                int cp = src.codePointAt(pos);
                appendCodePoint(bytes, out, sb, cp);
                pos += Character.charCount(cp);
            }
        }
        String text = src.substring(start, pos);
        if (bytes) {
            return new Token(Kind.BYTES, text, Bytes.wrap(out.toByteArray()), start);
        }
        return new Token(Kind.STRING, text, sb.toString(), start);
    }

    private static void appendCodePoint(boolean bytes, ByteArrayOutputStream out, StringBuilder sb, int cp) {
        if (bytes) {
            out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
        } else {
            sb.appendCodePoint(cp);
        }
    }

    private void escape(boolean bytes, ByteArrayOutputStream out, StringBuilder sb) {
        int start = pos;
        pos++;
        if (pos >= src.length()) {
            throw error("unterminated escape sequence", start);
        }
        char c = src.charAt(pos++);
        switch (c) {
            case 'a' -> appendCodePoint(bytes, out, sb, 7);
            case 'b' -> appendCodePoint(bytes, out, sb, '\b');
            case 'f' -> appendCodePoint(bytes, out, sb, '\f');
            case 'n' -> appendCodePoint(bytes, out, sb, '\n');
            case 'r' -> appendCodePoint(bytes, out, sb, '\r');
            case 't' -> appendCodePoint(bytes, out, sb, '\t');
            case 'v' -> appendCodePoint(bytes, out, sb, 11);
            case '\\', '\'', '"', '`', '?' -> appendCodePoint(bytes, out, sb, c);
            case 'x', 'X' -> {
                int v = hex(2, start);
                if (bytes) {
                    out.write(v);
                } else {
                    sb.appendCodePoint(v);
                }
            }
            case 'u' -> {
                if (bytes) {
                    throw error("\\u escapes are not allowed in bytes literals", start);
                }
                int v = hex(4, start);
                if (v >= 0xD800 && v <= 0xDFFF) {
                    throw error("invalid unicode escape (surrogate code point)", start);
                }
                sb.appendCodePoint(v);
            }
            case 'U' -> {
                if (bytes) {
                    throw error("\\U escapes are not allowed in bytes literals", start);
                }
                int v = hex(8, start);
                if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
                    throw error("invalid unicode escape", start);
                }
                sb.appendCodePoint(v);
            }
            case '0', '1', '2', '3' -> {
                if (pos + 2 > src.length()) {
                    throw error("invalid octal escape", start);
                }
                int v = (c - '0') * 64;
                for (int i = 0; i < 2; i++) {
                    char d = src.charAt(pos++);
                    if (d < '0' || d > '7') {
                        throw error("invalid octal escape", start);
                    }
                    v += (d - '0') * (i == 0 ? 8 : 1);
                }
                if (bytes) {
                    out.write(v);
                } else {
                    sb.appendCodePoint(v);
                }
            }
            default -> throw error("invalid escape sequence \\" + c, start);
        }
    }

    private int hex(int n, int start) {
        if (pos + n > src.length()) {
            throw error("invalid hexadecimal escape", start);
        }
        int v = 0;
        for (int i = 0; i < n; i++) {
            int d = Character.digit(src.charAt(pos++), 16);
            if (d < 0) {
                throw error("invalid hexadecimal escape", start);
            }
            v = v * 16 + d;
        }
        return v;
    }

    CompileException error(String msg, int offset) {
        return new CompileException(msg, src, offset);
    }

    static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    static boolean isIdentPart(char c) {
        return isIdentStart(c) || isDigit(c);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
