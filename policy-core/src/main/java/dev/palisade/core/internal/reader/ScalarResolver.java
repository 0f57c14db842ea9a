package dev.palisade.core.internal.reader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigInteger;

/**
 * Resolves YAML scalars the way Kubernetes reads them (sigs.k8s.io/yaml on go-yaml v2, YAML 1.1
 * types): booleans {@code y/yes/on/true} and their negatives in three case variants, null as
 * {@code ~}, {@code null} or empty, integers in decimal, {@code 0x}, {@code 0o}, leading-zero octal
 * and {@code 0b} with {@code _} separators, floats in decimal and exponent form plus {@code .inf}
 * and {@code .nan}. No base-60 numbers and no timestamps (they stay strings), as go-yaml v2.
 * The first character decides which of these can apply, so most strings cost one switch.
 */
public final class ScalarResolver {
    static final String TAG_PREFIX = "tag:yaml.org,2002:";
    static final String STR = TAG_PREFIX + "str";
    static final String INT = TAG_PREFIX + "int";
    static final String FLOAT = TAG_PREFIX + "float";
    static final String BOOL = TAG_PREFIX + "bool";
    static final String NULL = TAG_PREFIX + "null";
    static final String BINARY = TAG_PREFIX + "binary";
    static final String TIMESTAMP = TAG_PREFIX + "timestamp";
    static final String MERGE = TAG_PREFIX + "merge";

    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private ScalarResolver() {
    }

    /**
     * The JSON value of a scalar.
     *
     * @param value the scalar's text
     * @param plain whether the scalar was written without quotes or block style
     * @param tag the explicit tag, or {@code null} when none was written
     * @throws IllegalArgumentException when an explicit tag does not fit the value, with the reason
     */
    public static JsonNode resolve(String value, boolean plain, String tag) {
        if (tag == null || tag.equals("!")) {
            if (!plain || tag != null) {
                return TextNode.valueOf(value);
            }
            JsonNode implicit = implicit(value);
            return implicit == null ? TextNode.valueOf(value) : implicit;
        }
        switch (tag) {
            case STR, BINARY, TIMESTAMP:
                return TextNode.valueOf(value);
            case NULL:
                return require(value, implicit(value), NullNode.class, "!!null");
            case BOOL:
                return require(value, implicit(value), BooleanNode.class, "!!bool");
            case INT:
                JsonNode number = implicit(value);
                if (number != null && number.isIntegralNumber()) {
                    return number;
                }
                throw mismatch(value, "!!int");
            case FLOAT:
                JsonNode floating = implicit(value);
                if (floating != null && floating.isIntegralNumber()) {
                    return DoubleNode.valueOf(floating.doubleValue());
                }
                return require(value, floating, DoubleNode.class, "!!float");
            default:
                return TextNode.valueOf(value);
        }
    }

    /**
     * Whether a mapping key is the YAML 1.1 merge key: {@code <<} written plain, or tagged
     * {@code !!merge}, as go-yaml v2 decides it.
     */
    public static boolean isMergeKey(String value, boolean plain, String tag) {
        return value.equals("<<") && (MERGE.equals(tag) || plain && tag == null);
    }

    /**
     * The key string a mapping key resolves to, as sigs.k8s.io/yaml converts keys to JSON: booleans
     * become {@code true}/{@code false}, numbers their decimal text, null {@code null}.
     */
    public static String keyText(String value, boolean plain, String tag) {
        if (tag == null && !plain) {
            return value;
        }
        JsonNode node = tag == null ? implicit(value) : resolve(value, plain, tag);
        if (node == null) {
            return value;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isBoolean() || node.isIntegralNumber()) {
            return node.asText();
        }
        return value;
    }

    private static JsonNode require(String value, JsonNode node, Class<? extends JsonNode> type, String tag) {
        if (type.isInstance(node)) {
            return node;
        }
        throw mismatch(value, tag);
    }

    private static IllegalArgumentException mismatch(String value, String tag) {
        return new IllegalArgumentException("cannot read `" + value + "` as " + tag);
    }

    /** The implicit type of a plain scalar, or {@code null} for a string. */
    static JsonNode implicit(String s) {
        if (s.isEmpty()) {
            return NullNode.instance;
        }
        char first = s.charAt(0);
        switch (first) {
            case '~':
                return s.length() == 1 ? NullNode.instance : null;
            case 'n':
            case 'N':
                return word(s, "null", NullNode.instance, "no", BooleanNode.FALSE, "n", BooleanNode.FALSE);
            case 'y':
            case 'Y':
                return word(s, "yes", BooleanNode.TRUE, "y", BooleanNode.TRUE, null, null);
            case 't':
            case 'T':
                return word(s, "true", BooleanNode.TRUE, null, null, null, null);
            case 'f':
            case 'F':
                return word(s, "false", BooleanNode.FALSE, null, null, null, null);
            case 'o':
            case 'O':
                return word(s, "on", BooleanNode.TRUE, "off", BooleanNode.FALSE, null, null);
            case '.':
                return dotFloat(s);
            case '+':
            case '-':
            case '0':
            case '1':
            case '2':
            case '3':
            case '4':
            case '5':
            case '6':
            case '7':
            case '8':
            case '9':
                return number(s);
            default:
                return null;
        }
    }

    /**
     * Matches the three spellings go-yaml accepts for each word: all lower case, capitalised, all
     * upper case.
     */
    private static JsonNode word(String s, String w1, JsonNode v1, String w2, JsonNode v2, String w3, JsonNode v3) {
        if (spelled(s, w1)) {
            return v1;
        }
        if (w2 != null && spelled(s, w2)) {
            return v2;
        }
        if (w3 != null && spelled(s, w3)) {
            return v3;
        }
        return null;
    }

    private static boolean spelled(String s, String lower) {
        int n = lower.length();
        if (s.length() != n) {
            return false;
        }
        if (s.equals(lower)) {
            return true;
        }
        if (Character.toUpperCase(lower.charAt(0)) != s.charAt(0)) {
            return false;
        }
        boolean capitalised = true;
        boolean upper = true;
        for (int i = 1; i < n; i++) {
            char c = s.charAt(i);
            char l = lower.charAt(i);
            capitalised &= c == l;
            upper &= c == Character.toUpperCase(l);
        }
        return capitalised || upper;
    }

    private static JsonNode dotFloat(String s) {
        switch (s) {
            case ".inf", ".Inf", ".INF":
                return DoubleNode.valueOf(Double.POSITIVE_INFINITY);
            case ".nan", ".NaN", ".NAN":
                return DoubleNode.valueOf(Double.NaN);
            default:
                return isDecimalFloat(s) ? DoubleNode.valueOf(Double.parseDouble(s)) : null;
        }
    }

    static JsonNode number(String s) {
        int n = s.length();
        char first = s.charAt(0);
        if (first >= '0' && first <= '9') {
            // Shortcuts for what manifests hold: plain decimal integers (ports, replicas) and strings that
            // start with a digit but hold a character no number has (500m, 128Mi, 1.25-alpine).
            if (first != '0' && n <= 15) {
                long v = first - '0';
                int i = 1;
                while (i < n) {
                    char c = s.charAt(i);
                    if (c < '0' || c > '9') {
                        break;
                    }
                    v = v * 10 + (c - '0');
                    i++;
                }
                if (i == n) {
                    return smallest(v);
                }
            }
            for (int i = 1; i < n; i++) {
                char c = s.charAt(i);
                if (c >= 0x80 || !NUMBER_CHARACTER[c]) {
                    return null;
                }
            }
        }
        return numberGeneral(s);
    }

    /** The characters a number that starts with a digit can hold: digits, hex digits, prefixes, signs, {@code _} and {@code .}. */
    private static final boolean[] NUMBER_CHARACTER = new boolean[0x80];

    static {
        for (char c : "0123456789abcdefABCDEFxXoO_.+-".toCharArray()) {
            NUMBER_CHARACTER[c] = true;
        }
    }

    /** {@link #number} without its shortcuts. */
    static JsonNode numberGeneral(String s) {
        switch (s) {
            case "+.inf", "+.Inf", "+.INF":
                return DoubleNode.valueOf(Double.POSITIVE_INFINITY);
            case "-.inf", "-.Inf", "-.INF":
                return DoubleNode.valueOf(Double.NEGATIVE_INFINITY);
            default:
                break;
        }
        String plain = s.indexOf('_') < 0 ? s : s.replace("_", "");
        JsonNode integer = integer(plain);
        if (integer != null) {
            return integer;
        }
        if (isDecimalFloat(plain)) {
            return DoubleNode.valueOf(Double.parseDouble(plain));
        }
        return null;
    }

    /** Go's {@code strconv.ParseInt(s, 0, 64)}, then {@code ParseUint}: sign, base prefix, digits. */
    private static JsonNode integer(String s) {
        int i = 0;
        boolean negative = false;
        if (s.charAt(0) == '+' || s.charAt(0) == '-') {
            negative = s.charAt(0) == '-';
            i = 1;
        }
        int radix = 10;
        if (s.length() > i + 1 && s.charAt(i) == '0') {
            char p = s.charAt(i + 1);
            if (p == 'x' || p == 'X') {
                radix = 16;
                i += 2;
            } else if (p == 'o' || p == 'O') {
                radix = 8;
                i += 2;
            } else if (p == 'b' || p == 'B') {
                radix = 2;
                i += 2;
            } else {
                radix = 8;
                i += 1;
            }
        }
        if (i >= s.length()) {
            return null;
        }
        for (int k = i; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c > 'z' || Character.digit(c, radix) < 0) {
                return null;
            }
        }
        String digits = s.substring(i);
        boolean fitsLong = radix == 2 ? digits.length() <= 62 : digits.length() <= 15;
        if (fitsLong) {
            long v = Long.parseLong(digits, radix);
            return smallest(negative ? -v : v);
        }
        BigInteger big = new BigInteger(digits, radix);
        if (negative) {
            big = big.negate();
        }
        if (big.bitLength() < 64) {
            return smallest(big.longValue());
        }
        if (!negative && big.compareTo(UINT64_MAX) <= 0) {
            return BigIntegerNode.valueOf(big);
        }
        return null;
    }

    private static JsonNode smallest(long v) {
        return v == (int) v ? IntNode.valueOf((int) v) : LongNode.valueOf(v);
    }

    /** {@code ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$}, written out by hand. */
    static boolean isDecimalFloat(String s) {
        int n = s.length();
        int i = 0;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int intDigits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            intDigits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            int fraction = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                fraction++;
            }
            if (intDigits == 0 && fraction == 0) {
                return false;
            }
        } else if (intDigits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exponent = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                exponent++;
            }
            if (exponent == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
