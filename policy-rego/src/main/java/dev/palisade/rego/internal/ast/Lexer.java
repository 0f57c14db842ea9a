package dev.palisade.rego.internal.ast;

import dev.palisade.rego.internal.ast.Token.Kind;

/**
 * Rego's scanner. Pull-based and position-addressed so that the parser can back up by keeping an
 * earlier token. Line and column numbers are shifted by the source's first line and column offset
 * (Rego embedded in a YAML file reports positions in that file).
 */
public final class Lexer {
    private final String src;
    private final int firstLine;
    private final int colOffset;
    private final int[] lineStarts;

    public Lexer(String src, int firstLine, int colOffset) {
        this.src = src;
        this.firstLine = firstLine;
        this.colOffset = colOffset;
        int n = 1;
        for (int i = 0; i < src.length(); i++) {
            if (src.charAt(i) == '\n') {
                n++;
            }
        }
        lineStarts = new int[n];
        int k = 1;
        for (int i = 0; i < src.length(); i++) {
            if (src.charAt(i) == '\n') {
                lineStarts[k++] = i + 1;
            }
        }
    }

    public String source() {
        return src;
    }

    /** Line (shifted) of an offset. */
    public int lineOf(int offset) {
        int lo = 0;
        int hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    public int line(int offset) {
        return lineOf(offset) + firstLine;
    }

    public int col(int offset) {
        return offset - lineStarts[lineOf(offset)] + 1 + colOffset;
    }

    /** The first token at or after {@code pos}. */
    public Token next(int pos) {
        boolean ws = false;
        boolean nl = false;
        int n = src.length();
        while (pos < n) {
            char c = src.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r') {
                ws = true;
                pos++;
            } else if (c == '\n') {
                ws = true;
                nl = true;
                pos++;
            } else if (c == '#') {
                ws = true;
                while (pos < n && src.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                break;
            }
        }
        if (pos >= n) {
            return tok(Kind.EOF, pos, pos, null, ws, nl);
        }
        char c = src.charAt(pos);
        if (isLetter(c)) {
            int e = pos + 1;
            while (e < n && (isLetter(src.charAt(e)) || isDigit(src.charAt(e)))) {
                e++;
            }
            return tok(Kind.IDENT, pos, e, null, ws, nl);
        }
        if (isDigit(c)) {
            return number(pos, ws, nl);
        }
        switch (c) {
            case '"':
                return string(pos, ws, nl);
            case '`':
                return rawString(pos, ws, nl);
            case '$':
                if (pos + 1 < n && (src.charAt(pos + 1) == '"' || src.charAt(pos + 1) == '`')) {
                    return template(pos, pos + 2, src.charAt(pos + 1) == '`', ws, nl);
                }
                return tok(Kind.ILLEGAL, pos, pos + 1, null, ws, nl);
            case '{':
                return tok(Kind.LBRACE, pos, pos + 1, null, ws, nl);
            case '}':
                return tok(Kind.RBRACE, pos, pos + 1, null, ws, nl);
            case '[':
                return tok(Kind.LBRACK, pos, pos + 1, null, ws, nl);
            case ']':
                return tok(Kind.RBRACK, pos, pos + 1, null, ws, nl);
            case '(':
                return tok(Kind.LPAREN, pos, pos + 1, null, ws, nl);
            case ')':
                return tok(Kind.RPAREN, pos, pos + 1, null, ws, nl);
            case '.':
                return tok(Kind.DOT, pos, pos + 1, null, ws, nl);
            case ',':
                return tok(Kind.COMMA, pos, pos + 1, null, ws, nl);
            case ';':
                return tok(Kind.SEMI, pos, pos + 1, null, ws, nl);
            case ':':
                if (at(pos + 1) == '=') {
                    return tok(Kind.ASSIGN, pos, pos + 2, null, ws, nl);
                }
                return tok(Kind.COLON, pos, pos + 1, null, ws, nl);
            case '=':
                if (at(pos + 1) == '=') {
                    return tok(Kind.EQUAL, pos, pos + 2, null, ws, nl);
                }
                return tok(Kind.UNIFY, pos, pos + 1, null, ws, nl);
            case '!':
                if (at(pos + 1) == '=') {
                    return tok(Kind.NEQ, pos, pos + 2, null, ws, nl);
                }
                return tok(Kind.ILLEGAL, pos, pos + 1, null, ws, nl);
            case '<':
                if (at(pos + 1) == '=') {
                    return tok(Kind.LTE, pos, pos + 2, null, ws, nl);
                }
                return tok(Kind.LT, pos, pos + 1, null, ws, nl);
            case '>':
                if (at(pos + 1) == '=') {
                    return tok(Kind.GTE, pos, pos + 2, null, ws, nl);
                }
                return tok(Kind.GT, pos, pos + 1, null, ws, nl);
            case '+':
                return tok(Kind.ADD, pos, pos + 1, null, ws, nl);
            case '-':
                return tok(Kind.SUB, pos, pos + 1, null, ws, nl);
            case '*':
                return tok(Kind.MUL, pos, pos + 1, null, ws, nl);
            case '/':
                return tok(Kind.QUO, pos, pos + 1, null, ws, nl);
            case '%':
                return tok(Kind.REM, pos, pos + 1, null, ws, nl);
            case '&':
                return tok(Kind.AND, pos, pos + 1, null, ws, nl);
            case '|':
                return tok(Kind.OR, pos, pos + 1, null, ws, nl);
            default:
                return tok(Kind.ILLEGAL, pos, pos + Character.charCount(src.codePointAt(pos)), "illegal character", ws, nl);
        }
    }

    /** Continues a template string after the {@code }} that closed an embedded expression. */
    public Token continueTemplate(int pos, boolean raw) {
        return template(pos, pos, raw, false, false);
    }

    private char at(int i) {
        return i < src.length() ? src.charAt(i) : '\0';
    }

    private Token tok(Kind kind, int start, int end, String value, boolean ws, boolean nl) {
        return new Token(kind, src.substring(start, end), value, start, end, line(start), col(start), ws, nl);
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private Token number(int pos, boolean ws, boolean nl) {
        int n = src.length();
        int e = pos;
        while (e < n && isDigit(src.charAt(e))) {
            e++;
        }
        if (e < n && src.charAt(e) == '.' && e + 1 < n && isDigit(src.charAt(e + 1))) {
            e++;
            while (e < n && isDigit(src.charAt(e))) {
                e++;
            }
        }
        if (e < n && (src.charAt(e) == 'e' || src.charAt(e) == 'E')) {
            int f = e + 1;
            if (f < n && (src.charAt(f) == '+' || src.charAt(f) == '-')) {
                f++;
            }
            if (f < n && isDigit(src.charAt(f))) {
                while (f < n && isDigit(src.charAt(f))) {
                    f++;
                }
                e = f;
            }
        }
        if (e < n && (isLetter(src.charAt(e)))) {
            // OPA's scanner reports digits followed by letters as an illegal number
            int f = e;
            while (f < n && (isLetter(src.charAt(f)) || isDigit(src.charAt(f)))) {
                f++;
            }
            return tok(Kind.ILLEGAL, pos, f, "illegal number format", ws, nl);
        }
        return tok(Kind.NUMBER, pos, e, null, ws, nl);
    }

    private Token string(int pos, boolean ws, boolean nl) {
        int n = src.length();
        StringBuilder sb = new StringBuilder();
        int i = pos + 1;
        while (true) {
            if (i >= n || src.charAt(i) == '\n') {
                return tok(Kind.ILLEGAL, pos, i, "non-terminated string", ws, nl);
            }
            char c = src.charAt(i);
            if (c == '"') {
                i++;
                break;
            }
            if (c == '\\') {
                int r = escape(i, sb, false);
                if (r < 0) {
                    return tok(Kind.ILLEGAL, pos, Math.min(n, i + 2), "illegal escape sequence", ws, nl);
                }
                i = r;
                continue;
            }
            if (c < 0x20) {
                return tok(Kind.ILLEGAL, pos, i + 1, "illegal control character in string", ws, nl);
            }
            sb.append(c);
            i++;
        }
        return tok(Kind.STRING, pos, i, sb.toString(), ws, nl);
    }

    /** Decodes one JSON escape at {@code i} (a backslash); returns the next index or -1. */
    private int escape(int i, StringBuilder sb, boolean template) {
        int n = src.length();
        if (i + 1 >= n) {
            return -1;
        }
        char e = src.charAt(i + 1);
        switch (e) {
            case '"', '\\', '/' -> sb.append(e);
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'n' -> sb.append('\n');
            case 'r' -> sb.append('\r');
            case 't' -> sb.append('\t');
            case 'u' -> {
                if (i + 6 > n) {
                    return -1;
                }
                try {
                    sb.append((char) Integer.parseInt(src.substring(i + 2, i + 6), 16));
                } catch (NumberFormatException ex) {
                    return -1;
                }
                return i + 6;
            }
            case '{' -> {
                if (!template) {
                    return -1;
                }
                sb.append('{');
            }
            default -> {
                return -1;
            }
        }
        return i + 2;
    }

    private Token rawString(int pos, boolean ws, boolean nl) {
        int i = src.indexOf('`', pos + 1);
        if (i < 0) {
            return tok(Kind.ILLEGAL, pos, src.length(), "non-terminated raw string", ws, nl);
        }
        return tok(Kind.RAW_STRING, pos, i + 1, src.substring(pos + 1, i), ws, nl);
    }

    /** Scans a template-string part from {@code from}; ends at an unescaped '{' (part) or the closing quote. */
    private Token template(int start, int from, boolean raw, boolean ws, boolean nl) {
        int n = src.length();
        StringBuilder sb = new StringBuilder();
        int i = from;
        char close = raw ? '`' : '"';
        while (true) {
            if (i >= n || (!raw && src.charAt(i) == '\n')) {
                return tok(Kind.ILLEGAL, start, Math.min(i, n), "non-terminated template string", ws, nl);
            }
            char c = src.charAt(i);
            if (c == close) {
                return tok(Kind.TEMPLATE_END, start, i + 1, sb.toString(), ws, nl);
            }
            if (c == '{') {
                return tok(Kind.TEMPLATE_PART, start, i + 1, sb.toString(), ws, nl);
            }
            if (c == '\\') {
                if (raw) {
                    if (at(i + 1) == '{') {
                        sb.append('{');
                        i += 2;
                    } else {
                        sb.append(c);
                        i++;
                    }
                    continue;
                }
                int r = escape(i, sb, true);
                if (r < 0) {
                    return tok(Kind.ILLEGAL, start, Math.min(n, i + 2), "illegal escape sequence in template string", ws, nl);
                }
                i = r;
                continue;
            }
            if (!raw && c < 0x20) {
                return tok(Kind.ILLEGAL, start, i + 1, "illegal control character in template string", ws, nl);
            }
            sb.append(c);
            i++;
        }
    }
}
