package dev.palisade.kyverno.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Kyverno's JSON context of one policy evaluation ({@code pkg/engine/context}): {@code request}
 * (object, oldObject, operation, namespace, userInfo), {@code images}, {@code serviceAccountName},
 * context entries, variables and foreach elements, with checkpoints. Values are merged as Kyverno
 * merges them: maps key by key, anything else replaced. Not thread-safe: one per evaluation.
 */
public final class JsonContext {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Expressions expressions;
    private ObjectNode data = NODES.objectNode();
    private final Deque<ObjectNode> checkpoints = new ArrayDeque<>();
    private final List<Deferred> deferred = new ArrayList<>();
    private int loadingLevel = -1;
    private int loadingIndex = -1;
    private String operation = "";

    /** A context whose queries run on these expression services. */
    public JsonContext(Expressions expressions) {
        this.expressions = expressions;
    }

    /** The expression services of this context. */
    public Expressions expressions() {
        return expressions;
    }

    /** Computes a context entry's value when a query first names it. */
    @FunctionalInterface
    public interface Loader {
        /**
         * The entry's value.
         *
         * @throws ExpressionException when it cannot be computed
         */
        JsonNode load(JsonContext context);
    }

    /** A context entry loaded on first use, at the checkpoint level it was added. */
    private static final class Deferred {
        final String name;
        final com.google.re2j.Pattern matcher;
        final Loader loader;
        final int level;
        boolean matched;
        JsonNode value;

        Deferred(String name, Loader loader, int level) {
            this.name = name;
            this.matcher = com.google.re2j.Pattern.compile("(?:\\A|\\z|\\s|[^.0-9A-Za-z])"
                    + com.google.re2j.Pattern.quote(name) + "\\b");
            this.loader = loader;
            this.level = level;
        }
    }

    /**
     * Registers a context entry that is computed when a query first mentions its name (Kyverno's
     * deferred loading); a failure surfaces in that query.
     */
    public void addDeferred(String name, Loader loader) {
        deferred.add(new Deferred(name, loader, checkpoints.size()));
    }

    /** Computes a context entry's value, or nothing when its source is not available. */
    @FunctionalInterface
    public interface OptionalLoader {
        /**
         * The entry's value, or empty when its data is not available here.
         *
         * @throws ExpressionException when it cannot be computed
         */
        java.util.Optional<JsonNode> load(JsonContext context);
    }

    /**
     * As {@link #addDeferred}, for an entry whose source may be unavailable: then nothing is added
     * and the entry's name stays unresolved, as in Kyverno's CLI without a cluster.
     */
    public void addDeferredIfAvailable(String name, OptionalLoader loader) {
        deferred.add(new Deferred(name, ctx -> loader.load(ctx).orElse(MissingNode.getInstance()), checkpoints.size()));
    }

    /**
     * Evaluates a JMESPath query over the context, first loading the deferred entries it names.
     *
     * @throws ExpressionException when the query or a loader fails
     */
    public JsonNode query(String query) {
        loadMatching(query);
        String q = query.strip();
        if (q.isEmpty()) {
            throw new ExpressionException("invalid query (nil)", false, null);
        }
        return expressions.search(q, data);
    }

    private void loadMatching(String query) {
        int level = loadingLevel >= 0 ? loadingLevel : checkpoints.size();
        int index = loadingIndex >= 0 ? Math.min(loadingIndex, deferred.size()) : deferred.size();
        while (true) {
            Deferred found = null;
            int foundIndex = -1;
            for (int i = 0; i < Math.min(index, deferred.size()); i++) {
                Deferred d = deferred.get(i);
                if (d.matched || d.value != null) {
                    continue;
                }
                if (d.level <= level && d.matcher.matcher(query).find()) {
                    d.matched = true;
                    found = d;
                    foundIndex = i;
                    break;
                }
            }
            if (found == null) {
                return;
            }
            loadingLevel = found.level;
            loadingIndex = foundIndex;
            try {
                JsonNode value = found.loader.load(this);
                found.value = value;
                replaceEntry(found.name, value);
            } finally {
                loadingLevel = -1;
                loadingIndex = -1;
            }
        }
    }

    private void replaceEntry(String name, JsonNode value) {
        if (value.isMissingNode()) {
            return;
        }
        data.remove(name);
        add(value, false, name);
    }

    private void resetDeferred(boolean restore, int level) {
        for (Deferred d : deferred) {
            d.matched = false;
        }
        for (int i = 0; i < deferred.size(); i++) {
            Deferred d = deferred.get(i);
            if (d.level > level) {
                deferred.remove(i--);
            } else if (d.value != null) {
                if (restore || d.level < level) {
                    replaceEntry(d.name, d.value);
                }
                if (d.level == level) {
                    deferred.remove(i--);
                }
            } else if (!restore && d.level == level) {
                deferred.remove(i--);
            }
        }
    }

    /** The whole context, as JMESPath queries see it. Callers must not modify it. */
    public JsonNode data() {
        return data;
    }

    /** The admission operation ({@code CREATE}, {@code UPDATE}, {@code DELETE}, or {@code ""}). */
    public String operation() {
        if (!operation.isEmpty()) {
            return operation;
        }
        JsonNode op = data.path("request").path("operation");
        return op.isTextual() ? op.textValue() : "";
    }

    /** Sets {@code request.object}, replacing the previous one. */
    public void addResource(JsonNode object) {
        clearLeaf("request", "object");
        add(object, false, "request", "object");
    }

    /** Sets {@code request.oldObject}, replacing the previous one. */
    public void addOldResource(JsonNode object) {
        clearLeaf("request", "oldObject");
        add(object, false, "request", "oldObject");
    }

    /** Sets {@code target} (mutate-existing targets). */
    public void setTarget(JsonNode object) {
        clearLeaf("target");
        add(object, false, "target");
    }

    /** Sets {@code request.operation}. */
    public void addOperation(String op) {
        add(NODES.textNode(op), false, "request", "operation");
        this.operation = op;
    }

    /** Sets {@code request.namespace}. */
    public void addNamespace(String namespace) {
        add(NODES.textNode(namespace), false, "request", "namespace");
    }

    /** Adds {@code request.roles}, {@code request.clusterRoles} and {@code request.userInfo}. */
    public void addUserInfo(RequestInfo info) {
        add(info.toRequestFields(), false, "request");
    }

    /** Adds {@code serviceAccountName} and {@code serviceAccountNamespace} from a user name. */
    public void addServiceAccount(String username) {
        String prefix = "system:serviceaccount:";
        String sa = username.length() <= prefix.length() ? "" : username.substring(prefix.length());
        String[] groups = sa.split(":", -1);
        String name = "";
        String namespace = "";
        if (groups.length >= 2) {
            name = groups[1];
            namespace = groups[0];
        }
        ObjectNode node = NODES.objectNode();
        node.put("serviceAccountName", name);
        node.put("serviceAccountNamespace", namespace);
        merge(node, data, false);
    }

    /** Sets {@code images} (see {@link ImageInfos}). */
    public void addImages(JsonNode images) {
        if (images.isObject() && !images.isEmpty()) {
            add(images, false, "images");
        }
    }

    /**
     * Adds a variable at a dotted path ({@code request.object.metadata.name}); the path is split as
     * a CSV record with {@code .} as separator, so a quoted part may contain dots.
     */
    public void addVariable(String key, JsonNode value) {
        add(value, false, splitPath(key).toArray(String[]::new));
    }

    /** Adds a context entry under its name (not split). */
    public void addContextEntry(String name, JsonNode value) {
        add(value, false, name);
    }

    /** Adds a foreach element: {@code element}, {@code elementN}, {@code elementIndex}, {@code elementIndexN}. */
    public void addElement(JsonNode element, int index, int nesting) {
        ObjectNode node = NODES.objectNode();
        node.set("element", element);
        node.set("element" + nesting, element);
        node.put("elementIndex", (long) index);
        node.put("elementIndex" + nesting, (long) index);
        merge(node, data, true);
    }

    /** Pushes a copy of the current state. */
    public void checkpoint() {
        checkpoints.push(data.deepCopy());
    }

    /** Returns to the last checkpoint and drops it. */
    public void restore() {
        if (!checkpoints.isEmpty()) {
            data = checkpoints.pop();
            resetDeferred(true, checkpoints.size());
        }
    }

    /** Returns to the last checkpoint and keeps it. */
    public void reset() {
        if (!checkpoints.isEmpty()) {
            data = checkpoints.peek().deepCopy();
            resetDeferred(false, checkpoints.size());
        }
    }

    private void clearLeaf(String... tags) {
        ObjectNode node = data;
        for (int i = 0; i < tags.length; i++) {
            if (i == tags.length - 1) {
                node.remove(tags[i]);
                return;
            }
            JsonNode next = node.get(tags[i]);
            if (!(next instanceof ObjectNode o)) {
                return;
            }
            node = o;
        }
    }

    private void add(JsonNode value, boolean overwriteMaps, String... tags) {
        JsonNode pushed = value == null ? NODES.nullNode() : value.deepCopy();
        for (int i = tags.length - 1; i >= 0; i--) {
            ObjectNode wrapper = NODES.objectNode();
            wrapper.set(tags[i], pushed);
            pushed = wrapper;
        }
        if (pushed instanceof ObjectNode map) {
            merge(map, data, overwriteMaps);
        }
    }

    private static void merge(ObjectNode src, ObjectNode dest, boolean overwriteMaps) {
        for (Iterator<Map.Entry<String, JsonNode>> it = src.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v instanceof ObjectNode nextSrc && !overwriteMaps) {
                JsonNode existing = dest.get(e.getKey());
                if (existing instanceof ObjectNode nextDest) {
                    merge(nextSrc, nextDest, false);
                } else {
                    dest.set(e.getKey(), nextSrc.deepCopy());
                }
            } else {
                dest.set(e.getKey(), v == null ? NODES.nullNode() : v.deepCopy());
            }
        }
    }

    /** Go's {@code csv.Reader} with {@code Comma = '.'} over one record. */
    static List<String> splitPath(String key) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        int n = key.length();
        while (true) {
            field.setLength(0);
            if (i < n && key.charAt(i) == '"') {
                i++;
                while (i < n) {
                    char c = key.charAt(i);
                    if (c == '"') {
                        if (i + 1 < n && key.charAt(i + 1) == '"') {
                            field.append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    field.append(c);
                    i++;
                }
                while (i < n && key.charAt(i) != '.') {
                    field.append(key.charAt(i++));
                }
            } else {
                while (i < n && key.charAt(i) != '.') {
                    field.append(key.charAt(i++));
                }
            }
            fields.add(field.toString());
            if (i >= n) {
                break;
            }
            i++;
        }
        return fields;
    }
}
