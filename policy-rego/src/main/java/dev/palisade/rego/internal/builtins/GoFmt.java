package dev.palisade.rego.internal.builtins;

import dev.palisade.core.internal.gostrconv.GoFloats;
import dev.palisade.rego.internal.value.GoQuote;
import java.math.BigInteger;
import java.util.List;

/**
 * Go's {@code fmt.Sprintf} for the argument types OPA's {@code sprintf} passes: {@code int}
 * ({@link Long}), {@code *big.Int} ({@link BigInteger}), {@code float64} ({@link Double}) and
 * {@code string} ({@link String}). Flags, width, precision, {@code *}, explicit argument indexes,
 * and Go's error forms ({@code %!v(MISSING)}, {@code %!d(string=x)}, {@code %!(EXTRA ...)}).
 */
public final class GoFmt {
    private static final String LDIGITS = "0123456789abcdefx";
    private static final String UDIGITS = "0123456789ABCDEFX";

    private final StringBuilder buf;
    private boolean sharp;
    private boolean zero;
    private boolean plus;
    private boolean minus;
    private boolean space;
    private boolean sharpV;
    private boolean plusV;
    private boolean widPresent;
    private boolean precPresent;
    private int wid;
    private int prec;
    private boolean reordered;
    private boolean goodArgNum;
    private Object arg;
    private BuiltinContext ctx;
    private long charged;

    private GoFmt(int capacity) {
        this.buf = new StringBuilder(capacity);
    }

    /** Formats like Go's fmt.Sprintf. */
    public static String sprintf(String format, List<Object> args) {
        return sprintf(format, args, null);
    }

    /** Formats like Go's fmt.Sprintf, charging the output to the evaluation's budget as it grows. */
    static String sprintf(String format, List<Object> args, BuiltinContext c) {
        GoFmt p = new GoFmt(format.length() + 16 * args.size() + 16);
        p.ctx = c;
        p.doPrintf(format, args);
        if (c != null) {
            c.charge(1 + (p.buf.length() - p.charged) / 16);
        }
        return p.buf.toString();
    }

    private void chargeGrowth() {
        if (ctx != null && buf.length() - charged > 4096) {
            ctx.charge((buf.length() - charged) / 16);
            charged = buf.length();
        }
    }

    private void clearFlags() {
        sharp = zero = plus = minus = space = sharpV = plusV = false;
        widPresent = precPresent = false;
        wid = prec = 0;
    }

    private static boolean tooLarge(int x) {
        return x > 1_000_000 || x < -1_000_000;
    }

    // returns {num, isnum(0/1), newi}
    private static int[] parsenum(String s, int start, int end) {
        if (start >= end) {
            return new int[] {0, 0, end};
        }
        int num = 0;
        boolean isnum = false;
        int newi = start;
        for (; newi < end && s.charAt(newi) >= '0' && s.charAt(newi) <= '9'; newi++) {
            if (tooLarge(num)) {
                return new int[] {0, 0, end};
            }
            num = num * 10 + (s.charAt(newi) - '0');
            isnum = true;
        }
        return new int[] {num, isnum ? 1 : 0, newi};
    }

    // returns {index, wid/ok, newi}
    private int[] argNumber(int argNum, String format, int i, int numArgs) {
        if (format.length() <= i || format.charAt(i) != '[') {
            return new int[] {argNum, i, 0};
        }
        reordered = true;
        // parseArgNumber
        int index = 0;
        int wid = 0;
        boolean ok = false;
        if (format.length() - i < 3) {
            index = 0;
            wid = 1;
            ok = false;
        } else {
            boolean found = false;
            for (int j = i + 1; j < format.length(); j++) {
                if (format.charAt(j) == ']') {
                    int[] pn = parsenum(format, i + 1, j);
                    if (pn[1] == 0 || pn[2] != j) {
                        index = 0;
                        wid = j - i + 1;
                        ok = false;
                    } else {
                        index = pn[0] - 1;
                        wid = j - i + 1;
                        ok = true;
                    }
                    found = true;
                    break;
                }
            }
            if (!found) {
                index = 0;
                wid = 1;
                ok = false;
            }
        }
        if (ok && 0 <= index && index < numArgs) {
            return new int[] {index, i + wid, 1};
        }
        goodArgNum = false;
        return new int[] {argNum, i + wid, ok ? 1 : 0};
    }

    private void doPrintf(String format, List<Object> a) {
        int end = format.length();
        int argNum = 0;
        boolean afterIndex;
        reordered = false;
        outer:
        for (int i = 0; i < end; ) {
            chargeGrowth();
            goodArgNum = true;
            int lasti = i;
            while (i < end && format.charAt(i) != '%') {
                i++;
            }
            if (i > lasti) {
                buf.append(format, lasti, i);
            }
            if (i >= end) {
                break;
            }
            i++;
            clearFlags();
            simpleFormat:
            for (; i < end; i++) {
                char c = format.charAt(i);
                switch (c) {
                    case '#' -> sharp = true;
                    case '0' -> zero = !minus;
                    case '+' -> plus = true;
                    case '-' -> {
                        minus = true;
                        zero = false;
                    }
                    case ' ' -> space = true;
                    default -> {
                        break simpleFormat;
                    }
                }
            }
            int[] an = argNumber(argNum, format, i, a.size());
            argNum = an[0];
            i = an[1];
            afterIndex = an[2] == 1;
            if (i < end && format.charAt(i) == '*') {
                i++;
                Object[] r = intFromArg(a, argNum);
                wid = (int) r[0];
                widPresent = (boolean) r[1];
                argNum = (int) r[2];
                if (!widPresent) {
                    buf.append("%!(BADWIDTH)");
                }
                if (wid < 0) {
                    wid = -wid;
                    minus = true;
                    zero = false;
                }
                afterIndex = false;
            } else {
                int[] pn = parsenum(format, i, end);
                wid = pn[0];
                widPresent = pn[1] == 1;
                i = pn[2];
                if (afterIndex && widPresent) {
                    goodArgNum = false;
                }
            }
            if (i + 1 < end && format.charAt(i) == '.') {
                i++;
                if (afterIndex) {
                    goodArgNum = false;
                }
                an = argNumber(argNum, format, i, a.size());
                argNum = an[0];
                i = an[1];
                afterIndex = an[2] == 1;
                if (i < end && format.charAt(i) == '*') {
                    i++;
                    Object[] r = intFromArg(a, argNum);
                    prec = (int) r[0];
                    precPresent = (boolean) r[1];
                    argNum = (int) r[2];
                    if (prec < 0) {
                        prec = 0;
                        precPresent = false;
                    }
                    if (!precPresent) {
                        buf.append("%!(BADPREC)");
                    }
                    afterIndex = false;
                } else {
                    int[] pn = parsenum(format, i, end);
                    prec = pn[0];
                    precPresent = pn[1] == 1;
                    i = pn[2];
                    if (!precPresent) {
                        prec = 0;
                        precPresent = true;
                    }
                }
            }
            if (!afterIndex) {
                an = argNumber(argNum, format, i, a.size());
                argNum = an[0];
                i = an[1];
                afterIndex = an[2] == 1;
            }
            if (i >= end) {
                buf.append("%!(NOVERB)");
                break;
            }
            int verb = format.codePointAt(i);
            i += Character.charCount(verb);
            if (verb == '%') {
                buf.append('%');
            } else if (!goodArgNum) {
                buf.append("%!").appendCodePoint(verb).append("(BADINDEX)");
            } else if (argNum >= a.size()) {
                buf.append("%!").appendCodePoint(verb).append("(MISSING)");
            } else {
                if (verb == 'v') {
                    sharpV = sharp;
                    sharp = false;
                    plusV = plus;
                    plus = false;
                }
                printArg(a.get(argNum), verb);
                argNum++;
            }
            continue outer;
        }
        if (!reordered && argNum < a.size()) {
            clearFlags();
            buf.append("%!(EXTRA ");
            for (int j = argNum; j < a.size(); j++) {
                if (j > argNum) {
                    buf.append(", ");
                }
                Object o = a.get(j);
                buf.append(typeName(o)).append('=');
                printArg(o, 'v');
            }
            buf.append(')');
        }
    }

    private static Object[] intFromArg(List<Object> a, int argNum) {
        int num = 0;
        boolean isInt = false;
        int newArgNum = argNum;
        if (argNum < a.size()) {
            Object o = a.get(argNum);
            if (o instanceof Long l) {
                if (l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
                    num = (int) (long) l;
                    isInt = true;
                }
            }
            if (tooLarge(num)) {
                num = 0;
                isInt = false;
            }
            newArgNum = argNum + 1;
        }
        return new Object[] {num, isInt, newArgNum};
    }

    private static String typeName(Object o) {
        if (o instanceof Long) {
            return "int";
        }
        if (o instanceof BigInteger) {
            return "*big.Int";
        }
        if (o instanceof Double) {
            return "float64";
        }
        return "string";
    }

    private void printArg(Object a, int verb) {
        arg = a;
        if (verb == 'T') {
            fmtS(typeName(a));
            return;
        }
        if (a instanceof Long l) {
            fmtIntegerVerb(l, verb);
        } else if (a instanceof BigInteger b) {
            bigFormat(b, verb);
        } else if (a instanceof Double d) {
            fmtFloatVerb(d, verb);
        } else {
            fmtStringVerb((String) a, verb);
        }
    }

    private void badVerb(int verb) {
        buf.append("%!").appendCodePoint(verb).append('(');
        if (arg != null) {
            buf.append(typeName(arg)).append('=');
            boolean[] saved = {sharp, zero, plus, minus, space, sharpV, plusV, widPresent, precPresent};
            int sw = wid;
            int sp = prec;
            clearFlags();
            printArg(arg, 'v');
            sharp = saved[0];
            zero = saved[1];
            plus = saved[2];
            minus = saved[3];
            space = saved[4];
            sharpV = saved[5];
            plusV = saved[6];
            widPresent = saved[7];
            precPresent = saved[8];
            wid = sw;
            prec = sp;
        } else {
            buf.append("<nil>");
        }
        buf.append(')');
    }

    // ---------------------------------------------------------------- padding

    private void writePadding(int n) {
        if (n <= 0) {
            return;
        }
        char c = zero ? '0' : ' ';
        for (int i = 0; i < n; i++) {
            buf.append(c);
        }
    }

    private void pad(String s) {
        if (!widPresent || wid == 0) {
            buf.append(s);
            return;
        }
        int width = wid - s.codePointCount(0, s.length());
        if (!minus) {
            writePadding(width);
            buf.append(s);
        } else {
            buf.append(s);
            boolean z = zero;
            zero = false;
            writePadding(width);
            zero = z;
        }
    }

    // ---------------------------------------------------------------- integers

    private void fmtIntegerVerb(long v, int verb) {
        switch (verb) {
            case 'v', 'd' -> fmtInteger(BigInteger.valueOf(v), 10, verb, LDIGITS);
            case 'b' -> fmtInteger(BigInteger.valueOf(v), 2, verb, LDIGITS);
            case 'o', 'O' -> fmtInteger(BigInteger.valueOf(v), 8, verb, LDIGITS);
            case 'x' -> fmtInteger(BigInteger.valueOf(v), 16, verb, LDIGITS);
            case 'X' -> fmtInteger(BigInteger.valueOf(v), 16, verb, UDIGITS);
            case 'c' -> fmtC(v);
            case 'q' -> fmtQc(v);
            case 'U' -> fmtUnicode(v);
            default -> badVerb(verb);
        }
    }

    private void fmtInteger(BigInteger value, int base, int verb, String digits) {
        boolean negative = value.signum() < 0;
        BigInteger u = value.abs();
        int precision = 0;
        if (precPresent) {
            precision = prec;
            if (precision == 0 && u.signum() == 0) {
                boolean z = zero;
                zero = false;
                writePadding(wid);
                zero = z;
                return;
            }
        } else if (zero && !minus && widPresent) {
            precision = wid;
            if (negative || plus || space) {
                precision--;
            }
        }
        String ds = u.toString(base);
        if (digits == UDIGITS) {
            ds = ds.toUpperCase(java.util.Locale.ROOT);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = ds.length(); i < precision; i++) {
            sb.append('0');
        }
        sb.append(ds);
        if (sharp) {
            switch (base) {
                case 2 -> sb.insert(0, "0b");
                case 8 -> {
                    if (sb.charAt(0) != '0') {
                        sb.insert(0, '0');
                    }
                }
                case 16 -> sb.insert(0, digits.charAt(16)).insert(0, '0');
                default -> {
                }
            }
        }
        if (verb == 'O') {
            sb.insert(0, "0o");
        }
        if (negative) {
            sb.insert(0, '-');
        } else if (plus) {
            sb.insert(0, '+');
        } else if (space) {
            sb.insert(0, ' ');
        }
        boolean z = zero;
        zero = false;
        pad(sb.toString());
        zero = z;
    }

    private void fmtC(long c) {
        int r = c > 0x10FFFF || c < 0 || (c >= 0xD800 && c <= 0xDFFF) ? 0xFFFD : (int) c;
        pad(new String(Character.toChars(r)));
    }

    private void fmtQc(long c) {
        int r = c > 0x10FFFF || c < 0 || (c >= 0xD800 && c <= 0xDFFF) ? 0xFFFD : (int) c;
        String q;
        if (r == '\'') {
            q = "'\\''";
        } else if (r == '\\') {
            q = "'\\\\'";
        } else if (GoQuote.isPrint(r) && r != '"') {
            q = "'" + new String(Character.toChars(r)) + "'";
        } else if (r == '"') {
            q = "'\"'";
        } else {
            String s = GoQuote.quote(new String(Character.toChars(r)));
            q = "'" + s.substring(1, s.length() - 1) + "'";
        }
        pad(q);
    }

    private void fmtUnicode(long u) {
        String hex = Long.toHexString(u).toUpperCase(java.util.Locale.ROOT);
        StringBuilder sb = new StringBuilder("U+");
        int p = precPresent && prec > 4 ? prec : 4;
        for (int i = hex.length(); i < p; i++) {
            sb.append('0');
        }
        sb.append(hex);
        if (sharp && u >= 0 && u <= 0x10FFFF && GoQuote.isPrint((int) u)) {
            sb.append(" '").appendCodePoint((int) u).append('\'');
        }
        boolean z = zero;
        zero = false;
        pad(sb.toString());
        zero = z;
    }

    private void bigFormat(BigInteger x, int ch) {
        int base;
        switch (ch) {
            case 'b' -> base = 2;
            case 'o', 'O' -> base = 8;
            case 'd', 's', 'v' -> base = 10;
            case 'x', 'X' -> base = 16;
            default -> {
                buf.append("%!").appendCodePoint(ch).append("(big.Int=").append(x).append(')');
                return;
            }
        }
        boolean p = ch == 'v' ? plusV : plus;
        String sign = x.signum() < 0 ? "-" : p ? "+" : space ? " " : "";
        String prefix = "";
        boolean sh = ch == 'v' ? sharpV : sharp;
        if (sh) {
            switch (ch) {
                case 'b' -> prefix = "0b";
                case 'o' -> prefix = "0";
                case 'x' -> prefix = "0x";
                case 'X' -> prefix = "0X";
                default -> {
                }
            }
        }
        if (ch == 'O') {
            prefix = "0o";
        }
        String digits = x.abs().toString(base);
        if (ch == 'X') {
            digits = digits.toUpperCase(java.util.Locale.ROOT);
        }
        int left = 0;
        int zeros = 0;
        int right = 0;
        if (precPresent) {
            if (digits.length() < prec) {
                zeros = prec - digits.length();
            } else if (digits.equals("0") && prec == 0) {
                return;
            }
        }
        int length = sign.length() + prefix.length() + zeros + digits.length();
        if (widPresent && length < wid) {
            int d = wid - length;
            if (minus) {
                right = d;
            } else if (zero && !precPresent) {
                zeros = d;
            } else {
                left = d;
            }
        }
        buf.append(" ".repeat(left)).append(sign).append(prefix).append("0".repeat(zeros)).append(digits)
                .append(" ".repeat(right));
    }

    // ---------------------------------------------------------------- strings

    private void fmtStringVerb(String s, int verb) {
        switch (verb) {
            case 'v' -> {
                if (sharpV) {
                    fmtQ(s);
                } else {
                    fmtS(s);
                }
            }
            case 's' -> fmtS(s);
            case 'x' -> fmtSx(s, LDIGITS);
            case 'X' -> fmtSx(s, UDIGITS);
            case 'q' -> fmtQ(s);
            default -> badVerb(verb);
        }
    }

    private String truncate(String s) {
        if (precPresent) {
            int n = 0;
            for (int i = 0; i < s.length(); ) {
                n++;
                if (n > prec) {
                    return s.substring(0, i);
                }
                i += Character.charCount(s.codePointAt(i));
            }
        }
        return s;
    }

    private void fmtS(String s) {
        pad(truncate(s));
    }

    private void fmtSx(String s, String digits) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int length = b.length;
        if (precPresent && prec < length) {
            length = prec;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            if (space && i > 0) {
                sb.append(' ');
            }
            if (sharp && (space || i == 0)) {
                sb.append('0').append(digits.charAt(16));
            }
            int c = b[i] & 0xff;
            sb.append(digits.charAt(c >> 4)).append(digits.charAt(c & 15));
        }
        if (length == 0 && widPresent) {
            writePadding(wid);
            return;
        }
        pad(sb.toString());
    }

    private void fmtQ(String s) {
        s = truncate(s);
        if (sharp && s.indexOf('`') < 0 && canBackquote(s)) {
            pad("`" + s + "`");
            return;
        }
        if (plus) {
            pad(quoteAscii(s));
        } else {
            pad(GoQuote.quote(s));
        }
    }

    private static boolean canBackquote(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < ' ' && c != '\t') || c == 0x7f || c == '`' || c == '\uFEFF') {
                return false;
            }
        }
        return true;
    }

    private static String quoteAscii(String s) {
        String q = GoQuote.quote(s);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < q.length(); ) {
            int cp = q.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 0x80) {
                sb.append((char) cp);
            } else if (cp < 0x10000) {
                sb.append(String.format("\\u%04x", cp));
            } else {
                sb.append(String.format("\\U%08x", cp));
            }
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- floats

    private void fmtFloatVerb(double v, int verb) {
        switch (verb) {
            case 'v' -> fmtFloat(v, 'g', -1);
            case 'b', 'g', 'G', 'x', 'X' -> fmtFloat(v, verb, -1);
            case 'f', 'e', 'E', 'F' -> fmtFloat(v, verb, 6);
            default -> badVerb(verb);
        }
    }

    private void fmtFloat(double v, int verb, int defaultPrec) {
        int p = precPresent ? prec : defaultPrec;
        String num = GoFloats.format(v, (char) verb, p);
        if (num.charAt(0) != '-' && num.charAt(0) != '+') {
            num = "+" + num;
        }
        if (space && num.charAt(0) == '+' && !plus) {
            num = " " + num.substring(1);
        }
        if (num.charAt(1) == 'I' || num.charAt(1) == 'N') {
            boolean z = zero;
            zero = false;
            if (num.charAt(1) == 'N' && !space && !plus) {
                num = num.substring(1);
            }
            pad(num);
            zero = z;
            return;
        }
        if (sharp && verb != 'b') {
            num = sharpFloat(num, verb, p);
        }
        if (plus || num.charAt(0) != '+') {
            if (zero && !minus && widPresent && wid > num.length()) {
                buf.append(num.charAt(0));
                writePadding(wid - num.length());
                buf.append(num, 1, num.length());
                return;
            }
            pad(num);
            return;
        }
        pad(num.substring(1));
    }

    private static String sharpFloat(String num, int verb, int p) {
        // force a decimal point; keep trailing zeros for %g
        int digits = 0;
        if (verb == 'v' || verb == 'g' || verb == 'G') {
            digits = p == -1 ? 6 : p;
        }
        String tail = "";
        int e = -1;
        for (int i = 1; i < num.length(); i++) {
            char c = num.charAt(i);
            if (c == 'e' || c == 'E') {
                e = i;
                break;
            }
        }
        String body = e < 0 ? num : num.substring(0, e);
        if (e >= 0) {
            tail = num.substring(e);
        }
        boolean sawNonzero = false;
        boolean hasPoint = body.indexOf('.') >= 0;
        for (int i = 1; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '.') {
                continue;
            }
            if (c != '0') {
                sawNonzero = true;
            }
            if (sawNonzero) {
                digits--;
            }
        }
        if (!hasPoint) {
            body = body + ".";
        }
        StringBuilder sb = new StringBuilder(body);
        while (digits > 0) {
            sb.append('0');
            digits--;
        }
        return sb + tail;
    }
}
