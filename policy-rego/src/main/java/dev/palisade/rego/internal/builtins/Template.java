package dev.palisade.rego.internal.builtins;

import dev.palisade.rego.internal.value.ArrayValue;
import dev.palisade.rego.internal.value.BoolValue;
import dev.palisade.rego.internal.value.NullValue;
import dev.palisade.rego.internal.value.NumberValue;
import dev.palisade.rego.internal.value.ObjectValue;
import dev.palisade.rego.internal.value.SetValue;
import dev.palisade.rego.internal.value.StringValue;
import dev.palisade.rego.internal.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code strings.render_template}: the part of Go's text/template that data templates use —
 * {@code {{.a.b}}}, variables, {@code range} (with {@code $i, $v :=}), {@code if}/{@code else},
 * {@code with}, trim markers — rendering values as Go prints decoded JSON ({@code <undefined>}
 * for missing keys, as OPA does).
 */
final class Template {
    private final String src;
    private int pos;
    private final StringBuilder out = new StringBuilder();
    private final BuiltinContext ctx;

    private Template(String src, BuiltinContext ctx) {
        this.src = src;
        this.ctx = ctx;
    }

    static String render(BuiltinContext ctx, String template, Value vars) {
        Template t = new Template(template, ctx);
        List<Node> nodes = t.parseList(new String[] {});
        Map<String, Value> scope = new HashMap<>();
        scope.put("$", vars);
        t.exec(nodes, vars, scope);
        return t.out.toString();
    }

    private interface Node {
    }

    private record Text(String text) implements Node {
    }

    private record Action(String pipeline) implements Node {
    }

    private record Range(String decl, String pipeline, List<Node> body, List<Node> elseBody) implements Node {
    }

    private record If(String pipeline, List<Node> body, List<Node> elseBody, boolean with) implements Node {
    }

    private String[] nextAction() {
        // returns {textBefore, actionText} or null at the end
        int open = src.indexOf("{{", pos);
        if (open < 0) {
            String text = src.substring(pos);
            pos = src.length();
            return new String[] {text, null};
        }
        String text = src.substring(pos, open);
        int start = open + 2;
        boolean trimLeft = start < src.length() && src.charAt(start) == '-' && start + 1 < src.length()
                && src.charAt(start + 1) == ' ';
        if (trimLeft) {
            text = text.stripTrailing();
            start += 2;
        }
        int close = src.indexOf("}}", start);
        if (close < 0) {
            throw BuiltinException.error("template: unclosed action");
        }
        String action = src.substring(start, close);
        pos = close + 2;
        if (action.endsWith(" -")) {
            action = action.substring(0, action.length() - 2);
            while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
                pos++;
            }
        }
        return new String[] {text, action.strip()};
    }

    private List<Node> parseList(String[] terminators) {
        List<Node> nodes = new ArrayList<>();
        while (pos < src.length()) {
            int save = pos;
            String[] ta = nextAction();
            if (!ta[0].isEmpty()) {
                nodes.add(new Text(ta[0]));
            }
            String a = ta[1];
            if (a == null) {
                break;
            }
            if (a.startsWith("/*")) {
                continue;
            }
            String word = a.split("\\s+", 2)[0];
            for (String t : terminators) {
                if (word.equals(t)) {
                    pos = save + src.substring(save).indexOf("{{");
                    // re-read the terminator action later
                    pos = save;
                    nextAction();
                    lastTerminator = a;
                    return nodes;
                }
            }
            if (word.equals("range")) {
                String rest = a.substring(5).strip();
                String decl = null;
                int assign = rest.indexOf(":=");
                if (assign >= 0) {
                    decl = rest.substring(0, assign).strip();
                    rest = rest.substring(assign + 2).strip();
                }
                List<Node> body = parseList(new String[] {"end", "else"});
                List<Node> elseBody = List.of();
                if (lastTerminator.equals("else")) {
                    elseBody = parseList(new String[] {"end"});
                }
                nodes.add(new Range(decl, rest, body, elseBody));
            } else if (word.equals("if") || word.equals("with")) {
                String rest = a.substring(word.length()).strip();
                List<Node> body = parseList(new String[] {"end", "else"});
                List<Node> elseBody = List.of();
                if (lastTerminator.equals("else")) {
                    elseBody = parseList(new String[] {"end"});
                } else if (lastTerminator.startsWith("else if")) {
                    throw BuiltinException.error("template: else if is not supported");
                }
                nodes.add(new If(rest, body, elseBody, word.equals("with")));
            } else {
                nodes.add(new Action(a));
            }
        }
        return nodes;
    }

    private String lastTerminator = "";

    private void exec(List<Node> nodes, Value dot, Map<String, Value> scope) {
        for (Node n : nodes) {
            if (n instanceof Text t) {
                out.append(t.text());
            } else if (n instanceof Action a) {
                Value v = eval(a.pipeline(), dot, scope);
                out.append(print(v));
            } else if (n instanceof If f) {
                Value v = eval(f.pipeline(), dot, scope);
                if (truth(v)) {
                    exec(f.body(), f.with() ? v : dot, scope);
                } else {
                    exec(f.elseBody(), dot, scope);
                }
            } else if (n instanceof Range r) {
                Value v = eval(r.pipeline(), dot, scope);
                List<Value[]> entries = new ArrayList<>();
                if (v instanceof ArrayValue arr) {
                    for (int i = 0; i < arr.size(); i++) {
                        entries.add(new Value[] {NumberValue.of(i), arr.get(i)});
                    }
                } else if (v instanceof ObjectValue o) {
                    for (int i = 0; i < o.size(); i++) {
                        entries.add(new Value[] {o.keyAt(i), o.valueAt(i)});
                    }
                } else if (v instanceof SetValue s) {
                    for (int i = 0; i < s.size(); i++) {
                        entries.add(new Value[] {NumberValue.of(i), s.get(i)});
                    }
                }
                if (entries.isEmpty()) {
                    exec(r.elseBody(), dot, scope);
                    continue;
                }
                for (Value[] e : entries) {
                    ctx.charge(1);
                    Map<String, Value> inner = new HashMap<>(scope);
                    if (r.decl() != null) {
                        String[] names = r.decl().split("\\s*,\\s*");
                        if (names.length == 1) {
                            inner.put(names[0], e[1]);
                        } else {
                            inner.put(names[0], e[0]);
                            inner.put(names[1], e[1]);
                        }
                    }
                    exec(r.body(), e[1], inner);
                }
            }
        }
    }

    private static final Value MISSING = StringValue.of("<undefined>");

    private Value eval(String pipeline, Value dot, Map<String, Value> scope) {
        String p = pipeline.strip();
        if (p.equals(".")) {
            return dot;
        }
        if (p.startsWith("\"") && p.endsWith("\"") && p.length() >= 2) {
            return StringValue.of(p.substring(1, p.length() - 1));
        }
        if (p.matches("-?\\d+")) {
            return NumberValue.parse(p);
        }
        if (p.equals("true") || p.equals("false")) {
            return BoolValue.of(p.equals("true"));
        }
        Value cur;
        String path;
        if (p.startsWith("$")) {
            int dotIdx = p.indexOf('.');
            String name = dotIdx < 0 ? p : p.substring(0, dotIdx);
            cur = scope.get(name);
            if (cur == null) {
                throw BuiltinException.error("template: undefined variable \"" + name + "\"");
            }
            path = dotIdx < 0 ? "" : p.substring(dotIdx);
        } else if (p.startsWith(".")) {
            cur = dot;
            path = p;
        } else {
            throw BuiltinException.error("template: function \"" + p.split("\\s+")[0] + "\" not defined");
        }
        for (String seg : path.split("\\.")) {
            if (seg.isEmpty()) {
                continue;
            }
            if (!(cur instanceof ObjectValue o)) {
                return MISSING;
            }
            Value next = o.get(StringValue.of(seg));
            if (next == null) {
                return MISSING;
            }
            cur = next;
        }
        return cur;
    }

    private static boolean truth(Value v) {
        if (v == null || v instanceof NullValue || v == MISSING) {
            return false;
        }
        if (v instanceof BoolValue b) {
            return b.value();
        }
        if (v instanceof NumberValue n) {
            return n.signum() != 0;
        }
        if (v instanceof StringValue s) {
            return !s.value().isEmpty();
        }
        if (v instanceof ArrayValue a) {
            return a.size() > 0;
        }
        if (v instanceof ObjectValue o) {
            return o.size() > 0;
        }
        if (v instanceof SetValue s) {
            return s.size() > 0;
        }
        return true;
    }

    /** Go's %v of decoded JSON values. */
    static String print(Value v) {
        if (v instanceof StringValue s) {
            return s.value();
        }
        if (v instanceof NullValue) {
            return "<nil>";
        }
        if (v instanceof ArrayValue || v instanceof SetValue) {
            StringBuilder sb = new StringBuilder("[");
            List<Value> els = Args.elements(v);
            for (int i = 0; i < els.size(); i++) {
                if (i > 0) {
                    sb.append(' ');
                }
                sb.append(print(els.get(i)));
            }
            return sb.append(']').toString();
        }
        if (v instanceof ObjectValue o) {
            StringBuilder sb = new StringBuilder("map[");
            for (int i = 0; i < o.size(); i++) {
                if (i > 0) {
                    sb.append(' ');
                }
                sb.append(print(o.keyAt(i))).append(':').append(print(o.valueAt(i)));
            }
            return sb.append(']').toString();
        }
        return v.toString();
    }
}
