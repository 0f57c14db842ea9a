package dev.palisade.rego.internal.builtins;

import dev.palisade.rego.internal.value.ArrayValue;
import dev.palisade.rego.internal.value.NullValue;
import dev.palisade.rego.internal.value.NumberValue;
import dev.palisade.rego.internal.value.ObjectBuilder;
import dev.palisade.rego.internal.value.ObjectValue;
import dev.palisade.rego.internal.value.SetValue;
import dev.palisade.rego.internal.value.StringValue;
import dev.palisade.rego.internal.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code json.filter}, {@code json.remove} and {@code json.patch} (RFC 6902 over Rego values, sets included). */
final class JsonPaths {
    private JsonPaths() {
    }

    static void register(Map<String, Builtin> m) {
        Registry.add(m, "json.filter", 2, (c, a) -> {
            ObjectValue o = Args.object(a, 0);
            Tree filter = toTree(paths(a[1]));
            return filter(o, filter);
        });
        Registry.add(m, "json.remove", 2, (c, a) -> {
            ObjectValue o = Args.object(a, 0);
            Tree t = toTree(paths(a[1]));
            Value r = remove(o, t);
            return r;
        });
        Registry.add(m, "json.patch", 2, (c, a) -> {
            ArrayValue ops = Args.array(a, 1);
            try {
                return patch(a[0], ops);
            } catch (PatchFailure e) {
                return null;
            }
        });
    }

    /** A tree of paths: a leaf (null children) ends a path. */
    static final class Tree {
        Map<Value, Tree> children = new LinkedHashMap<>();
        boolean leaf;
    }

    static List<List<Value>> paths(Value v) {
        List<List<Value>> out = new ArrayList<>();
        if (!(v instanceof ArrayValue) && !(v instanceof SetValue)) {
            throw Args.typeError(2, v, "set", "array");
        }
        for (Value p : Args.elements(v)) {
            out.add(parsePath(p));
        }
        return out;
    }

    static List<Value> parsePath(Value p) {
        List<Value> segs = new ArrayList<>();
        if (p instanceof StringValue s) {
            if (s.value().isEmpty()) {
                return segs;
            }
            String trimmed = s.value().replaceFirst("^/+", "");
            for (String part : Strings.split(trimmed, "/")) {
                segs.add(StringValue.of(part.replace("~1", "/").replace("~0", "~")));
            }
            return segs;
        }
        if (p instanceof ArrayValue arr) {
            for (int i = 0; i < arr.size(); i++) {
                segs.add(arr.get(i));
            }
            return segs;
        }
        throw Args.operandError(2, "must be one of {set, array} containing string paths or array of path segments but got "
                + p.typeName());
    }

    static Tree toTree(List<List<Value>> paths) {
        Tree root = new Tree();
        for (List<Value> path : paths) {
            if (path.isEmpty()) {
                continue;
            }
            Tree node = root;
            boolean done = false;
            for (int i = 0; i < path.size() - 1 && !done; i++) {
                Tree child = node.children.get(path.get(i));
                if (child == null) {
                    child = new Tree();
                    node.children.put(path.get(i), child);
                    node = child;
                } else if (child.leaf) {
                    done = true;
                } else {
                    node = child;
                }
            }
            if (!done) {
                Tree leaf = new Tree();
                leaf.leaf = true;
                node.children.put(path.get(path.size() - 1), leaf);
            }
        }
        return root;
    }

    private static Value filter(Value v, Tree f) {
        if (f.leaf) {
            return v;
        }
        if (v instanceof ArrayValue arr) {
            List<Value> out = new ArrayList<>();
            for (int i = 0; i < arr.size(); i++) {
                Tree sub = f.children.get(StringValue.of(Integer.toString(i)));
                if (sub != null) {
                    out.add(filter(arr.get(i), sub));
                }
            }
            return ArrayValue.of(out);
        }
        if (v instanceof SetValue s) {
            List<Value> out = new ArrayList<>();
            for (int i = 0; i < s.size(); i++) {
                Tree sub = f.children.get(s.get(i));
                if (sub != null) {
                    out.add(filter(s.get(i), sub));
                }
            }
            return SetValue.of(out);
        }
        if (v instanceof ObjectValue o) {
            ObjectBuilder b = new ObjectBuilder();
            for (int i = 0; i < o.size(); i++) {
                Tree sub = f.children.get(o.keyAt(i));
                if (sub != null) {
                    b.put(o.keyAt(i), filter(o.valueAt(i), sub));
                }
            }
            return b.build();
        }
        return v;
    }

    /** Returns null when the value is removed. */
    private static Value remove(Value a, Tree b) {
        if (b == null) {
            return a;
        }
        if (b.leaf) {
            return null;
        }
        if (a instanceof ObjectValue o) {
            ObjectBuilder out = new ObjectBuilder();
            for (int i = 0; i < o.size(); i++) {
                Value r = remove(o.valueAt(i), b.children.get(o.keyAt(i)));
                if (r != null) {
                    out.put(o.keyAt(i), r);
                }
            }
            return out.build();
        }
        if (a instanceof SetValue s) {
            List<Value> out = new ArrayList<>();
            for (int i = 0; i < s.size(); i++) {
                Value r = remove(s.get(i), b.children.get(s.get(i)));
                if (r != null) {
                    out.add(r);
                }
            }
            return SetValue.of(out);
        }
        if (a instanceof ArrayValue arr) {
            List<Value> out = new ArrayList<>();
            for (int i = 0; i < arr.size(); i++) {
                Value r = remove(arr.get(i), b.children.get(StringValue.of(Integer.toString(i))));
                if (r != null) {
                    out.add(r);
                }
            }
            return ArrayValue.of(out);
        }
        return a;
    }

    private static final class PatchFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PatchFailure() {
            super(null, null, false, false);
        }
    }

    private static Value patch(Value doc, ArrayValue ops) {
        Value cur = doc;
        for (int i = 0; i < ops.size(); i++) {
            if (!(ops.get(i) instanceof ObjectValue op)) {
                throw new PatchFailure();
            }
            Value opName = op.get("op");
            Value path = op.get("path");
            if (!(opName instanceof StringValue on) || path == null) {
                throw new PatchFailure();
            }
            List<Value> p;
            try {
                p = parsePath(path);
            } catch (BuiltinException e) {
                throw new PatchFailure();
            }
            switch (on.value()) {
                case "add" -> cur = insert(cur, p, 0, need(op, "value"));
                case "remove" -> cur = delete(cur, p, 0);
                case "replace" -> cur = insert(delete(cur, p, 0), p, 0, need(op, "value"));
                case "move" -> {
                    List<Value> from = parsePath(need(op, "from"));
                    Value chunk = get(cur, from);
                    cur = insert(delete(cur, from, 0), p, 0, chunk);
                }
                case "copy" -> {
                    List<Value> from = parsePath(need(op, "from"));
                    cur = insert(cur, p, 0, get(cur, from));
                }
                case "test" -> {
                    if (!get(cur, p).equals(need(op, "value"))) {
                        throw new PatchFailure();
                    }
                }
                default -> throw new PatchFailure();
            }
        }
        return cur;
    }

    private static Value need(ObjectValue op, String key) {
        Value v = op.get(key);
        if (v == null) {
            throw new PatchFailure();
        }
        return v;
    }

    private static Value get(Value cur, List<Value> path) {
        for (Value seg : path) {
            cur = child(cur, seg);
            if (cur == null) {
                throw new PatchFailure();
            }
        }
        return cur;
    }

    private static Integer index(Value seg, int size, boolean allowEnd) {
        long i;
        if (seg instanceof NumberValue n && n.isInt64()) {
            i = n.longValue();
        } else if (seg instanceof StringValue s && s.value().matches("0|[1-9][0-9]{0,9}")) {
            i = Long.parseLong(s.value());
        } else if (allowEnd && seg instanceof StringValue s && s.value().equals("-")) {
            return size;
        } else {
            return null;
        }
        if (i < 0 || i > (allowEnd ? size : size - 1)) {
            return null;
        }
        return (int) i;
    }

    private static Value child(Value cur, Value seg) {
        if (cur instanceof ObjectValue o) {
            return o.get(seg);
        }
        if (cur instanceof ArrayValue a) {
            Integer i = index(seg, a.size(), false);
            return i == null ? null : a.get(i);
        }
        if (cur instanceof SetValue s) {
            return s.contains(seg) ? seg : null;
        }
        return null;
    }

    private static Value insert(Value cur, List<Value> path, int i, Value v) {
        if (i == path.size()) {
            return v;
        }
        Value seg = path.get(i);
        boolean last = i == path.size() - 1;
        if (cur instanceof ObjectValue o) {
            ObjectBuilder b = copy(o);
            if (last) {
                b.put(seg, v);
            } else {
                Value c = o.get(seg);
                if (c == null) {
                    throw new PatchFailure();
                }
                b.put(seg, insert(c, path, i + 1, v));
            }
            return b.build();
        }
        if (cur instanceof ArrayValue a) {
            List<Value> out = new ArrayList<>(List.of(a.toArray()));
            Integer idx = index(seg, a.size(), last);
            if (idx == null) {
                throw new PatchFailure();
            }
            if (last) {
                out.add(idx, v);
            } else {
                out.set(idx, insert(a.get(idx), path, i + 1, v));
            }
            return ArrayValue.of(out);
        }
        if (cur instanceof SetValue s) {
            List<Value> out = new ArrayList<>(List.of(s.toArray()));
            if (last) {
                if (!seg.equals(v)) {
                    throw new PatchFailure();
                }
                out.add(v);
            } else {
                if (!s.contains(seg)) {
                    throw new PatchFailure();
                }
                out.remove(seg);
                out.add(insert(seg, path, i + 1, v));
            }
            return SetValue.of(out);
        }
        throw new PatchFailure();
    }

    private static Value delete(Value cur, List<Value> path, int i) {
        if (path.isEmpty()) {
            return NullValue.INSTANCE;
        }
        Value seg = path.get(i);
        boolean last = i == path.size() - 1;
        if (cur instanceof ObjectValue o) {
            Value c = o.get(seg);
            if (c == null) {
                throw new PatchFailure();
            }
            ObjectBuilder b = new ObjectBuilder();
            for (int k = 0; k < o.size(); k++) {
                if (o.keyAt(k).equals(seg)) {
                    if (!last) {
                        b.put(seg, delete(c, path, i + 1));
                    }
                } else {
                    b.put(o.keyAt(k), o.valueAt(k));
                }
            }
            return b.build();
        }
        if (cur instanceof ArrayValue a) {
            Integer idx = index(seg, a.size(), false);
            if (idx == null) {
                throw new PatchFailure();
            }
            List<Value> out = new ArrayList<>(List.of(a.toArray()));
            if (last) {
                out.remove((int) idx);
            } else {
                out.set(idx, delete(a.get(idx), path, i + 1));
            }
            return ArrayValue.of(out);
        }
        if (cur instanceof SetValue s) {
            if (!s.contains(seg)) {
                throw new PatchFailure();
            }
            List<Value> out = new ArrayList<>(List.of(s.toArray()));
            out.remove(seg);
            if (!last) {
                out.add(delete(seg, path, i + 1));
            }
            return SetValue.of(out);
        }
        throw new PatchFailure();
    }

    private static ObjectBuilder copy(ObjectValue o) {
        ObjectBuilder b = new ObjectBuilder(o.size() + 1);
        for (int i = 0; i < o.size(); i++) {
            b.put(o.keyAt(i), o.valueAt(i));
        }
        return b;
    }

    static Map<Value, Value> unused() {
        return new HashMap<>();
    }
}
