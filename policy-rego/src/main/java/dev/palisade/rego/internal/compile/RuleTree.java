package dev.palisade.rego.internal.compile;

import dev.palisade.rego.internal.ast.Ast.Rule;
import dev.palisade.rego.internal.ast.Ast.Scalar;
import dev.palisade.rego.internal.ast.Ast.Term;
import dev.palisade.rego.internal.value.StringValue;
import dev.palisade.rego.internal.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tree of rule paths under {@code data}: packages and the ground prefixes of rule heads. A node
 * holds the rules whose head ref's ground prefix ends there (all of one kind and arity).
 */
public final class RuleTree {
    /** A node; children are kept in OPA's sort order of their keys. */
    public static final class Node {
        public final Value key;
        public final Node parent;
        public final Map<Value, Node> children = new TreeMap<>();
        public final List<Rule> rules = new ArrayList<>();
        public boolean isPackage;
        /** Set by the planner: the executable form of this node's rules. */
        public Object plan;

        Node(Value key, Node parent) {
            this.key = key;
            this.parent = parent;
        }

        public Node child(Value k) {
            return children.get(k);
        }

        public Node childOrCreate(Value k) {
            return children.computeIfAbsent(k, x -> new Node(x, this));
        }

        /** The path below data, e.g. [pkg, p]. */
        public List<Value> path() {
            List<Value> p = new ArrayList<>();
            for (Node n = this; n.parent != null; n = n.parent) {
                p.add(0, n.key);
            }
            return p;
        }

        /** {@code data.a.b} style name of this node. */
        public String name() {
            StringBuilder sb = new StringBuilder("data");
            for (Value v : path()) {
                if (v instanceof StringValue s && s.value().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    sb.append('.').append(s.value());
                } else {
                    sb.append('[').append(v).append(']');
                }
            }
            return sb.toString();
        }

        public boolean hasRules() {
            return !rules.isEmpty();
        }

        /** Whether this node's rules are functions. */
        public boolean isFunction() {
            return !rules.isEmpty() && rules.get(0).head.args != null;
        }

        /** Whether any rule here has variables in its ref (beyond the ground prefix). */
        public boolean hasDynamicRefs() {
            for (Rule r : rules) {
                if (!r.head.isGroundRef() || r.head.ref.size() > groundPrefixLength(r)) {
                    return true;
                }
            }
            return false;
        }

        /** Depth-first: this node and all descendants. */
        public void forEach(java.util.function.Consumer<Node> f) {
            f.accept(this);
            for (Node c : children.values()) {
                c.forEach(f);
            }
        }
    }

    public final Node root = new Node(null, null);

    /** Length of the ground (scalar) prefix of a rule's head ref, counting the name. */
    public static int groundPrefixLength(Rule r) {
        int n = 1;
        while (n < r.head.ref.size() && r.head.ref.get(n) instanceof Scalar) {
            n++;
        }
        return n;
    }

    /** Finds the node at a path, or {@code null}. */
    public Node find(List<Value> path) {
        Node n = root;
        for (Value v : path) {
            n = n.child(v);
            if (n == null) {
                return null;
            }
        }
        return n;
    }

    /** The node for a rule (package path plus the ground prefix of its head ref). */
    static List<Value> rulePath(List<String> pkg, Rule r) {
        List<Value> p = new ArrayList<>();
        for (String s : pkg) {
            p.add(StringValue.of(s));
        }
        int n = groundPrefixLength(r);
        for (int i = 0; i < n; i++) {
            Term t = r.head.ref.get(i);
            p.add(i == 0 ? StringValue.of(r.head.name()) : ((Scalar) t).value);
        }
        return p;
    }
}
