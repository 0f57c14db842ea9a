package dev.palisade.kyverno.variables;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.kyverno.jmespath.JmesPath;
import dev.palisade.kyverno.jmespath.JmesPathEvaluationException;
import dev.palisade.kyverno.jmespath.internal.ImageInfos;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Kyverno's JSON context ({@code pkg/engine/context}): the variables of one rule evaluation, into
 * which the engine adds the admission request, the resource, context entries, images and foreach
 * elements, and from which variables are queried. Entries are merged as Kyverno merges them (nested
 * objects merge key by key unless replaced). Checkpoints save and restore the state around rules and
 * foreach iterations.
 *
 * <p>Checkpoints are copy-on-write: a checkpoint keeps a reference to the current tree, and a later
 * change copies only the objects on the path it writes (each at most once per checkpoint level),
 * so saving and restoring cost nothing until something changes. The context never modifies a JSON
 * node it did not create (values added to it are shared, not copied); callers must not modify
 * nodes after adding them.
 *
 * <p>Not thread-safe: one per evaluation. Queries share the compiled-expression cache of the
 * {@link JmesPath} it was created with.
 */
public final class JsonContext implements VariableSource {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final JmesPath jmesPath;
    private final String defaultRegistry;
    private final boolean registryMutation;
    private ObjectNode data = F.objectNode();
    private final Deque<ObjectNode> checkpoints = new ArrayDeque<>();
    /** Objects created since the last checkpoint: only these may be written in place. */
    private final Set<ObjectNode> owned = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<Deferred> deferred = new ArrayList<>();
    private String operation = "";

    private static final class Deferred {
        final String name;
        final Pattern matcher;
        final DeferredLoader loader;
        final int level;
        boolean loaded;
        boolean loading;

        Deferred(String name, DeferredLoader loader, int level) {
            this.name = name;
            this.matcher = Pattern.compile("(?:\\A|\\z|\\s|[^.0-9A-Za-z])" + Pattern.quote(name) + "\\b");
            this.loader = loader;
            this.level = level;
        }
    }

    private JsonContext(JmesPath jmesPath, String defaultRegistry, boolean registryMutation) {
        this.jmesPath = jmesPath;
        this.defaultRegistry = defaultRegistry;
        this.registryMutation = registryMutation;
    }

    /**
     * {@return an empty context querying with the given dialect ({@code docker.io} as default registry)}
     *
     * @param jmesPath the dialect queries are evaluated with
     */
    public static JsonContext create(JmesPath jmesPath) {
        return create(jmesPath, "docker.io", true);
    }

    /**
     * {@return an empty context with Kyverno's image settings ({@code defaultRegistry}, {@code enableDefaultRegistryMutation})}
     *
     * @param jmesPath the dialect queries are evaluated with
     * @param defaultRegistry the registry of image references that name none
     * @param registryMutation whether mutations add the default registry to image references
     */
    public static JsonContext create(JmesPath jmesPath, String defaultRegistry, boolean registryMutation) {
        return new JsonContext(Objects.requireNonNull(jmesPath, "jmesPath"), defaultRegistry, registryMutation);
    }

    /**
     * Evaluates a variable expression against the context (loading deferred entries it mentions).
     *
     * @throws dev.palisade.kyverno.jmespath.JmesPathException when the expression does not
     *     compile, a key is missing, or evaluation fails
     */
    @Override
    public JsonNode query(String expression) {
        loadDeferred(expression);
        String q = expression.strip();
        if (q.isEmpty()) {
            throw new JmesPathEvaluationException("invalid query (nil)", expression, 0);
        }
        return jmesPath.compile(q).search(data);
    }

    /** The admission operation, from {@link #addOperation} or {@code request.operation}. */
    @Override
    public String operation() {
        if (!operation.isEmpty()) {
            return operation;
        }
        JsonNode op = data.path("request").path("operation");
        return op.isTextual() ? op.textValue() : "";
    }

    /**
     * Whether {@code request.object.<path>} differs from {@code request.oldObject.<path>}.
     *
     * @param path a dotted path under the object
     * @return whether the two values differ
     * @throws IllegalStateException when either is absent
     */
    public boolean hasChanged(String path) {
        JsonNode now = query("request.object." + path);
        if (now.isNull()) {
            throw new IllegalStateException("request.object." + path + " not found");
        }
        JsonNode old = query("request.oldObject." + path);
        if (old.isNull()) {
            throw new IllegalStateException("request.oldObject." + path + " not found");
        }
        return !now.equals(old);
    }

    /**
     * Merges an AdmissionRequest (its JSON) under {@code request} and takes its operation.
     *
     * @param admissionRequest the request, as JSON
     * @return this context
     */
    public JsonContext addRequest(JsonNode admissionRequest) {
        merge(push(admissionRequest, "request"), false);
        JsonNode op = admissionRequest.path("operation");
        if (op.isTextual()) {
            operation = op.textValue();
        }
        return this;
    }

    /**
     * Adds a variable at a dotted key ({@code a.b} nests; quote a component with dots:
     * {@code "a.b".c}), merging with what is there.
     *
     * @param key the dotted key
     * @param value the variable's value
     * @return this context
     */
    public JsonContext addVariable(String key, JsonNode value) {
        merge(push(value, splitKey(key).toArray(new String[0])), false);
        return this;
    }

    /**
     * Adds a context entry (its JSON) under its name, merging with what is there.
     *
     * @param name the entry's name
     * @param value the entry's value
     * @return this context
     */
    public JsonContext addContextEntry(String name, JsonNode value) {
        merge(push(value, name), false);
        return this;
    }

    /**
     * Replaces a context entry under its name.
     *
     * @param name the entry's name
     * @param value the entry's new value
     * @return this context
     */
    public JsonContext replaceContextEntry(String name, JsonNode value) {
        if (data.has(name)) {
            root().remove(name);
        }
        merge(push(value, name), false);
        return this;
    }

    /**
     * Sets {@code request.object}.
     *
     * @param resource the object of the request
     * @return this context
     */
    public JsonContext addResource(JsonNode resource) {
        clear("request", "object");
        merge(push(resource, "request", "object"), false);
        return this;
    }

    /**
     * Sets {@code request.oldObject}.
     *
     * @param resource the old object of the request (UPDATE, DELETE)
     * @return this context
     */
    public JsonContext addOldResource(JsonNode resource) {
        clear("request", "oldObject");
        merge(push(resource, "request", "oldObject"), false);
        return this;
    }

    /**
     * Sets {@code target} (the resource a mutate-existing rule changes).
     *
     * @param resource the resource to change
     * @return this context
     */
    public JsonContext setTargetResource(JsonNode resource) {
        clear("target");
        merge(push(resource, "target"), false);
        return this;
    }

    /**
     * Sets {@code request.operation}.
     *
     * @param op {@code CREATE}, {@code UPDATE}, {@code DELETE} or {@code CONNECT}
     * @return this context
     */
    public JsonContext addOperation(String op) {
        merge(push(F.textNode(op), "request", "operation"), false);
        operation = op;
        return this;
    }

    /**
     * Merges Kyverno's RequestInfo ({@code {"roles": [...], "clusterRoles": [...], "userInfo": {...}}})
     * under {@code request}.
     *
     * @param requestInfo the roles, cluster roles and user info of the requester
     * @return this context
     */
    public JsonContext addUserInfo(JsonNode requestInfo) {
        merge(push(requestInfo, "request"), false);
        return this;
    }

    /**
     * Sets {@code serviceAccountName} and {@code serviceAccountNamespace} from a user name
     * {@code system:serviceaccount:<namespace>:<name>} (both empty for other users).
     *
     * @param userName the requesting user's name
     * @return this context
     */
    public JsonContext addServiceAccount(String userName) {
        String prefix = "system:serviceaccount:";
        String sa = userName.length() <= prefix.length() ? "" : userName.substring(prefix.length());
        String[] groups = sa.split(":", -1);
        String name = "";
        String namespace = "";
        if (groups.length >= 2) {
            name = groups[1];
            namespace = groups[0];
        }
        ObjectNode o = F.objectNode();
        o.put("serviceAccountName", name);
        o.put("serviceAccountNamespace", namespace);
        merge(o, false);
        return this;
    }

    /**
     * Sets {@code request.namespace}.
     *
     * @param namespace the request's namespace
     * @return this context
     */
    public JsonContext addNamespace(String namespace) {
        merge(push(F.textNode(namespace), "request", "namespace"), false);
        return this;
    }

    /**
     * A foreach element: {@code element}, {@code element<nesting>}, {@code elementIndex} and
     * {@code elementIndex<nesting>} (replacing, not merging).
     *
     * @param element the current element
     * @param index its index in the list
     * @param nesting the depth of the foreach, 0 for the outermost
     * @return this context
     */
    public JsonContext addElement(JsonNode element, int index, int nesting) {
        ObjectNode o = F.objectNode();
        o.set("element", element);
        o.set("element" + nesting, element);
        o.put("elementIndex", index);
        o.put("elementIndex" + nesting, index);
        merge(o, true);
        return this;
    }

    /**
     * Sets {@code image} for one image reference (verifyImages): reference, referenceWithTag,
     * registry, path, name, tag, digest.
     *
     * @param image the image reference
     * @return this context
     * @throws IllegalArgumentException when the reference is invalid
     */
    public JsonContext addImageInfo(String image) {
        merge(push(ImageInfos.info(image, defaultRegistry, registryMutation).toImageJson(), "image"), false);
        return this;
    }

    /**
     * Sets {@code images} from a resource's containers: {@code images.<containers|initContainers|
     * ephemeralContainers>.<container name>} with registry, path, name, tag, digest, reference,
     * referenceWithTag and jsonPointer, for Pods and the pod controllers Kyverno knows.
     *
     * @param resource the object whose images are described
     * @return the {@code images} value (empty when the kind has no images)
     * @throws IllegalArgumentException when an image reference is invalid
     */
    public JsonNode addImageInfos(JsonNode resource) {
        ObjectNode images = ImageInfos.extract(resource, defaultRegistry, registryMutation);
        if (images.size() > 0) {
            merge(push(images, "images"), false);
        }
        return images;
    }

    /**
     * Adds an entry that loads when a query first mentions its name.
     *
     * @param name the entry's name
     * @param loader loads the entry on first use
     * @return this context
     */
    public JsonContext addDeferredLoader(String name, DeferredLoader loader) {
        deferred.add(new Deferred(name, loader, checkpoints.size()));
        return this;
    }

    /** Saves the current state. */
    public void checkpoint() {
        checkpoints.push(data);
        owned.clear();
    }

    /** Returns to the last checkpoint and drops it. */
    public void restore() {
        reset(true);
    }

    /** Returns to the last checkpoint and keeps it. */
    public void reset() {
        reset(false);
    }

    private void reset(boolean restore) {
        if (checkpoints.isEmpty()) {
            return;
        }
        data = restore ? checkpoints.pop() : checkpoints.peek();
        owned.clear();
        int level = checkpoints.size();
        for (Iterator<Deferred> it = deferred.iterator(); it.hasNext(); ) {
            Deferred d = it.next();
            if (d.level > level || (d.level == level && !restore)) {
                it.remove();
            } else if (d.loaded) {
                d.loaded = false;
            }
        }
    }

    /** {@return the context's JSON (a copy), for diagnostics} */
    public JsonNode toJson() {
        return data.deepCopy();
    }

    private void loadDeferred(String query) {
        for (Deferred d : List.copyOf(deferred)) {
            if (!d.loaded && !d.loading && d.level <= checkpoints.size() && d.matcher.matcher(query).find()) {
                d.loading = true;
                try {
                    d.loader.load(this);
                    d.loaded = true;
                } finally {
                    d.loading = false;
                }
            }
        }
    }

    private void clear(String... tags) {
        JsonNode probe = data;
        for (String tag : tags) {
            probe = probe.get(tag);
            if (probe == null) {
                return;
            }
        }
        ObjectNode node = root();
        for (int i = 0; i < tags.length - 1; i++) {
            JsonNode next = node.get(tags[i]);
            if (!(next instanceof ObjectNode o)) {
                return;
            }
            node = writable(node, tags[i], o);
        }
        node.remove(tags[tags.length - 1]);
    }

    /** The root, writable (copied once per checkpoint level). */
    private ObjectNode root() {
        if (!owned.contains(data)) {
            ObjectNode copy = F.objectNode();
            copy.setAll(data);
            data = copy;
            owned.add(copy);
        }
        return data;
    }

    /** {@code parent.key}, writable: a shallow copy put in its place unless this level created it. */
    private ObjectNode writable(ObjectNode parent, String key, ObjectNode child) {
        if (owned.contains(child)) {
            return child;
        }
        ObjectNode copy = F.objectNode();
        copy.setAll(child);
        parent.set(key, copy);
        owned.add(copy);
        return copy;
    }

    private static ObjectNode push(JsonNode value, String... tags) {
        JsonNode node = value;
        for (int i = tags.length - 1; i >= 0; i--) {
            ObjectNode o = F.objectNode();
            o.set(tags[i], node);
            node = o;
        }
        return (ObjectNode) node;
    }

    /** Kyverno's {@code mergeMaps}: nested objects merge key by key unless {@code overwrite}. */
    private void merge(ObjectNode src, boolean overwrite) {
        mergeInto(src, root(), overwrite);
    }

    /** Merges into {@code dest}, which is writable; nested objects are made writable on the way. */
    private void mergeInto(ObjectNode src, ObjectNode dest, boolean overwrite) {
        for (Iterator<Map.Entry<String, JsonNode>> it = src.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v instanceof ObjectNode srcChild && !overwrite) {
                JsonNode existing = dest.get(e.getKey());
                if (existing instanceof ObjectNode destChild) {
                    mergeInto(srcChild, writable(dest, e.getKey(), destChild), false);
                } else {
                    dest.set(e.getKey(), srcChild);
                }
            } else {
                dest.set(e.getKey(), v == null ? F.nullNode() : v);
            }
        }
    }

    /** Splits a dotted key as Go's CSV reader with {@code .} as separator. */
    static List<String> splitKey(String key) {
        List<String> out = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < key.length() && key.charAt(i + 1) == '"') {
                        sb.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    sb.append(c);
                }
            } else if (c == '"' && sb.length() == 0) {
                quoted = true;
            } else if (c == '.') {
                out.add(sb.toString());
                sb.setLength(0);
            } else {
                sb.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("extraneous or missing \" in quoted-field of variable name '" + key + "'");
        }
        out.add(sb.toString());
        return out;
    }
}
