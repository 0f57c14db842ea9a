package dev.palisade.rego.internal.builtins;

import dev.palisade.rego.internal.value.ArrayValue;
import dev.palisade.rego.internal.value.ObjectValue;
import dev.palisade.rego.internal.value.SetBuilder;
import dev.palisade.rego.internal.value.SetValue;
import dev.palisade.rego.internal.value.Value;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code graph.reachable} and {@code graph.reachable_paths}: a graph is an object from vertex to an
 * array or set of neighbouring vertices.
 */
final class Graph {
    private Graph() {
    }

    static void register(Map<String, Builtin> m) {
        Registry.add(m, "graph.reachable", 2, (c, a) -> {
            ObjectValue graph = Args.object(a, 0);
            ArrayDeque<Value> queue = new ArrayDeque<>(initial(a));
            SetBuilder reached = new SetBuilder();
            while (!queue.isEmpty()) {
                Value node = queue.poll();
                Value edges = graph.get(node);
                if (edges == null) {
                    continue;
                }
                for (Value n : Args.elements(edges)) {
                    c.charge(1);
                    if (!reached.contains(n)) {
                        queue.add(n);
                    }
                }
                reached.add(node);
            }
            return reached.build();
        });
        Registry.add(m, "graph.reachable_paths", 2, (c, a) -> {
            ObjectValue graph = Args.object(a, 0);
            SetBuilder result = new SetBuilder();
            for (Value node : initial(a)) {
                Value edges = graph.get(node);
                if (edges == null) {
                    continue;
                }
                List<Value> neighbours = Args.elements(edges);
                if (neighbours.isEmpty()) {
                    result.add(ArrayValue.of(node));
                    continue;
                }
                for (Value n : neighbours) {
                    Set<Value> reached = new HashSet<>();
                    reached.add(node);
                    List<Value> path = new ArrayList<>();
                    path.add(node);
                    paths(c, graph, n, path, result, reached);
                }
            }
            return result.build();
        });
    }

    private static List<Value> initial(Value[] a) {
        if (!(a[1] instanceof ArrayValue) && !(a[1] instanceof SetValue)) {
            throw Args.typeError(2, a[1], "array", "set");
        }
        return Args.elements(a[1]);
    }

    /**
     * Follows the paths from {@code root}, as OPA does: a path ends at a vertex without edges, at a
     * vertex that is not in the graph (which is then left out), or where it would revisit a vertex;
     * the vertices a path has passed stay marked for the sibling paths that follow (OPA's semantics).
     */
    private static void paths(BuiltinContext c, ObjectValue graph, Value root, List<Value> path, SetBuilder out,
                              Set<Value> reached) {
        c.charge(1);
        Value edges = graph.get(root);
        if (edges == null) {
            out.add(ArrayValue.of(path));
            return;
        }
        List<Value> here = new ArrayList<>(path);
        here.add(root);
        List<Value> neighbours = Args.elements(edges);
        if (neighbours.isEmpty()) {
            out.add(ArrayValue.of(here));
            return;
        }
        List<Value> committed = new ArrayList<>();
        for (Value n : neighbours) {
            if (reached.contains(n)) {
                committed.addAll(here); // OPA appends to the same slice for every revisited neighbour
                out.add(ArrayValue.of(new ArrayList<>(committed)));
            } else {
                reached.add(root);
                paths(c, graph, n, here, out, reached);
            }
        }
    }
}
