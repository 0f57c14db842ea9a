package dev.palisade.rego.internal.value;

/** A string value; ordered by Unicode code point (the byte order of UTF-8, as Go orders strings). */
public final class StringValue extends Value {
    public static final StringValue EMPTY = new StringValue("");

    private final String value;

    private StringValue(String value) {
        this.value = value;
    }

    public static StringValue of(String s) {
        return s.isEmpty() ? EMPTY : new StringValue(s);
    }

    public String value() {
        return value;
    }

    @Override
    public int typeOrder() {
        return STRING;
    }

    @Override
    public String typeName() {
        return "string";
    }

    @Override
    int compareSameType(Value other) {
        return compareCodePoints(value, ((StringValue) other).value);
    }

    @Override
    public long weight() {
        return 1 + value().length() / 16;
    }

    @Override
    public boolean equals(Object obj) {
        return this == obj || obj instanceof StringValue s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** Compares strings by code point, which equals UTF-8 byte order (Go's string order). */
    public static int compareCodePoints(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                if (x >= 0xD800 && y >= 0xD800) {
                    x = fixup(x);
                    y = fixup(y);
                }
                return x < y ? -1 : 1;
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    private static char fixup(char c) {
        // surrogates (code points above U+FFFF) sort after U+E000..U+FFFF in code point order
        return c >= 0xE000 ? (char) (c - 0x800) : (char) (c + 0x2000);
    }
}
