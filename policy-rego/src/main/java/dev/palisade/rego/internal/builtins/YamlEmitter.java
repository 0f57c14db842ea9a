package dev.palisade.rego.internal.builtins;

import dev.palisade.rego.internal.value.ArrayValue;
import dev.palisade.rego.internal.value.BoolValue;
import dev.palisade.rego.internal.value.Json;
import dev.palisade.rego.internal.value.NullValue;
import dev.palisade.rego.internal.value.NumberValue;
import dev.palisade.rego.internal.value.ObjectValue;
import dev.palisade.rego.internal.value.SetValue;
import dev.palisade.rego.internal.value.StringValue;
import dev.palisade.rego.internal.value.Value;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** YAML text as OPA's {@code yaml.marshal} produces it (go-yaml v2 block style, keys sorted). */
final class YamlEmitter {
    private static final Pattern RESOLVES_NON_STRING = Pattern.compile(
            "y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"
                    + "|null|Null|NULL|~"
                    + "|[-+]?(0|[1-9][0-9_]*)"
                    + "|[-+]?0[0-7_]+|[-+]?0x[0-9a-fA-F_]+|[-+]?0b[01_]+"
                    + "|[-+]?([0-9][0-9_]*)?\\.[0-9.]*([eE][-+][0-9]+)?"
                    + "|[-+]?[0-9][0-9_]*([eE][-+]?[0-9]+)"
                    + "|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)"
                    + "|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?");

    private YamlEmitter() {
    }

    static String emit(Value v) {
        StringBuilder sb = new StringBuilder();
        node(sb, v, 0, Ctx.TOP);
        if (sb.length() == 0 || sb.charAt(sb.length() - 1) != '\n') {
            sb.append('\n');
        }
        return sb.toString();
    }

    private enum Ctx { TOP, MAP_VALUE, SEQ_ITEM }

    private static void node(StringBuilder sb, Value v, int indent, Ctx ctx) {
        if (v instanceof ObjectValue o) {
            if (o.size() == 0) {
                sb.append(ctx == Ctx.MAP_VALUE ? " {}\n" : "{}\n");
                return;
            }
            TreeMap<String, Value> sorted = new TreeMap<>(StringValue::compareCodePoints);
            for (int i = 0; i < o.size(); i++) {
                Value k = o.keyAt(i);
                sorted.put(k instanceof StringValue s ? s.value() : Json.encode(k), o.valueAt(i));
            }
            if (ctx == Ctx.MAP_VALUE) {
                sb.append('\n');
            }
            boolean first = true;
            for (Map.Entry<String, Value> e : sorted.entrySet()) {
                if (!(first && ctx == Ctx.SEQ_ITEM)) {
                    sb.append(" ".repeat(indent));
                }
                first = false;
                sb.append(scalar(e.getKey(), indent)).append(':');
                Value val = e.getValue();
                if (val instanceof ArrayValue || val instanceof SetValue) {
                    List<Value> els = Args.elements(val);
                    if (els.isEmpty()) {
                        sb.append(" []\n");
                    } else {
                        sb.append('\n');
                        seq(sb, els, indent);
                    }
                } else if (val instanceof ObjectValue) {
                    node(sb, val, indent + 2, Ctx.MAP_VALUE);
                } else {
                    sb.append(' ').append(scalarValue(val, indent + 2)).append('\n');
                }
            }
            return;
        }
        if (v instanceof ArrayValue || v instanceof SetValue) {
            List<Value> els = Args.elements(v);
            if (els.isEmpty()) {
                sb.append(ctx == Ctx.MAP_VALUE ? " []\n" : "[]\n");
                return;
            }
            if (ctx == Ctx.MAP_VALUE) {
                sb.append('\n');
            }
            seq(sb, els, indent);
            return;
        }
        sb.append(scalarValue(v, indent)).append('\n');
    }

    private static void seq(StringBuilder sb, List<Value> els, int indent) {
        for (Value e : els) {
            sb.append(" ".repeat(indent)).append("- ");
            if (e instanceof ObjectValue o && o.size() > 0) {
                node(sb, e, indent + 2, Ctx.SEQ_ITEM);
            } else if ((e instanceof ArrayValue || e instanceof SetValue) && !Args.elements(e).isEmpty()) {
                // nested sequence: first item on the same line
                List<Value> inner = Args.elements(e);
                StringBuilder nested = new StringBuilder();
                seq(nested, inner, indent + 2);
                sb.append(nested.substring(indent + 2));
            } else {
                node(sb, e, indent + 2, Ctx.SEQ_ITEM);
            }
        }
    }

    private static String scalarValue(Value v, int indent) {
        if (v instanceof NullValue) {
            return "null";
        }
        if (v instanceof BoolValue b) {
            return Boolean.toString(b.value());
        }
        if (v instanceof NumberValue n) {
            return n.text(false);
        }
        if (v instanceof StringValue s) {
            return scalar(s.value(), indent);
        }
        return v.toString();
    }

    private static String scalar(String s, int indent) {
        if (s.contains("\n")) {
            String chomp = s.endsWith("\n") ? (s.endsWith("\n\n") ? "+" : "") : "-";
            StringBuilder sb = new StringBuilder("|").append(chomp);
            String body = s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
            for (String line : body.split("\n", -1)) {
                sb.append('\n');
                if (!line.isEmpty()) {
                    sb.append(" ".repeat(Math.max(indent, 2))).append(line);
                }
            }
            return sb.toString();
        }
        if (s.isEmpty() || RESOLVES_NON_STRING.matcher(s).matches()) {
            return doubleQuoted(s);
        }
        if (!plainAllowed(s)) {
            return singleQuotable(s) ? "'" + s.replace("'", "''") + "'" : doubleQuoted(s);
        }
        return s;
    }

    private static boolean plainAllowed(String s) {
        char c0 = s.charAt(0);
        if ("[]{},#&*!|>'\"%@`".indexOf(c0) >= 0) {
            return false;
        }
        if ((c0 == '-' || c0 == '?' || c0 == ':') && (s.length() == 1 || s.charAt(1) == ' ')) {
            return false;
        }
        if (Character.isWhitespace(c0) || Character.isWhitespace(s.charAt(s.length() - 1))) {
            return false;
        }
        if (s.contains(": ") || s.contains(" #") || s.endsWith(":")) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xA0) || c == '\uFEFF') {
                return false;
            }
        }
        return true;
    }

    private static boolean singleQuotable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static String doubleQuoted(String s) {
        StringBuilder sb = new StringBuilder();
        Json.string(sb, s, false);
        return sb.toString();
    }
}
