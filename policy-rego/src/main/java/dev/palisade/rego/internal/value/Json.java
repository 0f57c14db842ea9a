package dev.palisade.rego.internal.value;

/** Go's {@code encoding/json} text of values: compact, keys sorted, HTML characters escaped. */
public final class Json {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Json() {
    }

    public static String encode(Value v) {
        StringBuilder sb = new StringBuilder();
        encode(sb, v, true);
        return sb.toString();
    }

    /** Encodes; {@code escapeHtml} as Go's json.Marshal does by default. */
    public static void encode(StringBuilder sb, Value v, boolean escapeHtml) {
        switch (v.typeOrder()) {
            case Value.NULL -> sb.append("null");
            case Value.BOOLEAN -> sb.append(((BoolValue) v).value());
            case Value.NUMBER -> sb.append(((NumberValue) v).text(false));
            case Value.STRING -> string(sb, ((StringValue) v).value(), escapeHtml);
            case Value.ARRAY -> {
                ArrayValue a = (ArrayValue) v;
                sb.append('[');
                for (int i = 0; i < a.size(); i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    encode(sb, a.get(i), escapeHtml);
                }
                sb.append(']');
            }
            case Value.SET -> {
                SetValue s = (SetValue) v;
                sb.append('[');
                for (int i = 0; i < s.size(); i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    encode(sb, s.get(i), escapeHtml);
                }
                sb.append(']');
            }
            default -> {
                ObjectValue o = (ObjectValue) v;
                // Go builds a map (a later key with the same text wins) and sorts keys by their text
                java.util.Map<String, Value> map = new java.util.HashMap<>();
                for (int i = 0; i < o.size(); i++) {
                    Value k = o.keyAt(i);
                    map.put(k instanceof StringValue s ? s.value() : encode(k), o.valueAt(i));
                }
                String[] keys = map.keySet().toArray(new String[0]);
                java.util.Arrays.sort(keys, StringValue::compareCodePoints);
                sb.append('{');
                for (int j = 0; j < keys.length; j++) {
                    if (j > 0) {
                        sb.append(',');
                    }
                    string(sb, keys[j], escapeHtml);
                    sb.append(':');
                    encode(sb, map.get(keys[j]), escapeHtml);
                }
                sb.append('}');
            }
        }
    }

    public static void string(StringBuilder sb, String s, boolean escapeHtml) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || (escapeHtml && (c == '<' || c == '>' || c == '&'))
                            || c == '\u2028' || c == '\u2029') {
                        sb.append("\\u00").append(HEX[(c >> 4) & 15]).append(HEX[c & 15]);
                        if (c >= 0x100) {
                            sb.setLength(sb.length() - 6);
                            sb.append("\\u").append(HEX[(c >> 12) & 15]).append(HEX[(c >> 8) & 15])
                                    .append(HEX[(c >> 4) & 15]).append(HEX[c & 15]);
                        }
                    } else if (Character.isSurrogate(c)) {
                        if (Character.isHighSurrogate(c) && i + 1 < s.length()
                                && Character.isLowSurrogate(s.charAt(i + 1))) {
                            sb.append(c).append(s.charAt(++i));
                        } else {
                            sb.append("\\ufffd");
                        }
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
