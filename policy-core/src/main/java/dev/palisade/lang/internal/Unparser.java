package dev.palisade.lang.internal;

import dev.palisade.lang.Bytes;
import dev.palisade.lang.NullValue;
import dev.palisade.lang.UInt;
import java.util.List;
import java.util.Map;

/** Prints an AST back as CEL source, fully parenthesised (macros in their call form). */
public final class Unparser {
    private static final Map<String, String> BINARY = Map.ofEntries(Map.entry("_+_", "+"), Map.entry("_-_", "-"),
            Map.entry("_*_", "*"), Map.entry("_/_", "/"), Map.entry("_%_", "%"), Map.entry("_==_", "=="),
            Map.entry("_!=_", "!="), Map.entry("_<_", "<"), Map.entry("_<=_", "<="), Map.entry("_>_", ">"),
            Map.entry("_>=_", ">="), Map.entry("@in", "in"), Map.entry("_&&_", "&&"), Map.entry("_||_", "||"));

    private Unparser() {
    }

    public static String print(Ast a) {
        StringBuilder sb = new StringBuilder();
        print(a, sb);
        return sb.toString();
    }

    private static void print(Ast a, StringBuilder sb) {
        if (a instanceof Ast.Const c) {
            literal(c.value(), sb);
        } else if (a instanceof Ast.Ident id) {
            sb.append(id.name());
        } else if (a instanceof Ast.Select s) {
            if (s.test()) {
                sb.append("has(");
            }
            print(s.operand(), sb);
            sb.append(s.optional() ? ".?" : ".").append(field(s.field()));
            if (s.test()) {
                sb.append(')');
            }
        } else if (a instanceof Ast.Call c) {
            call(c, sb);
        } else if (a instanceof Ast.ListLit l) {
            sb.append('[');
            for (int i = 0; i < l.elements().size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(l.optional().get(i) ? "?" : "");
                print(l.elements().get(i), sb);
            }
            sb.append(']');
        } else if (a instanceof Ast.MapLit m) {
            sb.append('{');
            for (int i = 0; i < m.entries().size(); i++) {
                Ast.Entry e = m.entries().get(i);
                sb.append(i == 0 ? "" : ", ").append(e.optional() ? "?" : "");
                print(e.key(), sb);
                sb.append(": ");
                print(e.value(), sb);
            }
            sb.append('}');
        } else if (a instanceof Ast.Comprehension c) {
            sb.append('(');
            print(c.range(), sb);
            sb.append(")." + macroName(c) + "(").append(c.var1());
            if (!c.var2().isEmpty()) {
                sb.append(", ").append(c.var2());
            }
            for (Ast arg : c.args()) {
                sb.append(", ");
                print(arg, sb);
            }
            sb.append(')');
        }
    }

    private static String field(String f) {
        boolean plain = !f.isEmpty() && Lexer.isIdentStart(f.charAt(0)) && f.chars().allMatch(ch -> Lexer.isIdentPart((char) ch));
        return plain ? f : "`" + f + "`";
    }

    private static String macroName(Ast.Comprehension c) {
        boolean two = !c.var2().isEmpty();
        return switch (c.kind()) {
            case ALL -> "all";
            case EXISTS -> "exists";
            case EXISTS_ONE -> two ? "existsOne" : "exists_one";
            case MAP -> "map";
            case FILTER -> "filter";
            case TRANSFORM_LIST -> "transformList";
            case TRANSFORM_MAP -> "transformMap";
            case TRANSFORM_MAP_ENTRY -> "transformMapEntry";
            case OPT_MAP -> "optMap";
            case OPT_FLAT_MAP -> "optFlatMap";
            case SORT_BY -> "sortBy";
        };
    }

    private static void call(Ast.Call c, StringBuilder sb) {
        List<Ast> args = c.args();
        String op = BINARY.get(c.function());
        if (op != null && c.target() == null) {
            sb.append('(');
            print(args.get(0), sb);
            sb.append(' ').append(op).append(' ');
            print(args.get(1), sb);
            sb.append(')');
            return;
        }
        switch (c.function()) {
            case "_?_:_" -> {
                sb.append('(');
                print(args.get(0), sb);
                sb.append(" ? ");
                print(args.get(1), sb);
                sb.append(" : ");
                print(args.get(2), sb);
                sb.append(')');
                return;
            }
            case "!_", "-_" -> {
                sb.append("(").append(c.function().charAt(0));
                print(args.get(0), sb);
                sb.append(')');
                return;
            }
            case "_[_]", "_[?_]" -> {
                print(args.get(0), sb);
                sb.append(c.function().equals("_[?_]") ? "[?" : "[");
                print(args.get(1), sb);
                sb.append(']');
                return;
            }
            default -> {
            }
        }
        if (c.target() != null) {
            print(c.target(), sb);
            sb.append('.');
        }
        sb.append(c.function()).append('(');
        for (int i = 0; i < args.size(); i++) {
            sb.append(i == 0 ? "" : ", ");
            print(args.get(i), sb);
        }
        sb.append(')');
    }

    private static void literal(Object v, StringBuilder sb) {
        if (v instanceof String s) {
            sb.append(StringsLib.quote(s));
        } else if (v instanceof Long l) {
            sb.append(l < 0 ? "(" + l + ")" : l.toString());
        } else if (v instanceof UInt u) {
            sb.append(u).append('u');
        } else if (v instanceof Double d) {
            String t = Double.toString(Math.abs(d));
            if (t.contains("E")) {
                t = t.replace("E", "e");
            }
            sb.append(d < 0 || (d == 0 && 1 / d < 0) ? "(-" + t + ")" : t);
        } else if (v instanceof Boolean || v instanceof NullValue) {
            sb.append(v);
        } else if (v instanceof Bytes b) {
            sb.append("b\"");
            for (byte x : b.toByteArray()) {
                sb.append(String.format("\\x%02x", x & 0xFF));
            }
            sb.append('"');
        } else {
            throw new IllegalArgumentException("not a literal: " + v);
        }
    }
}
