package dev.palisade.kyverno.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.LabelRequirement;
import dev.palisade.core.LabelSelector;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.policy.MatchParser;
import dev.palisade.kyverno.internal.Wildcard;
import dev.palisade.kyverno.internal.Kinds;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Kyverno {@code match} or {@code exclude} block: {@code any} filters (one must hold),
 * {@code all} filters (each must hold), or one inline {@code resources} filter with user
 * criteria. Matching follows {@code pkg/engine/utils/match.go}. Immutable.
 */
public final class MatchBlock {
    private final List<Filter> any;
    private final List<Filter> all;
    private final Filter inline;
    private final boolean empty;

    private MatchBlock(List<Filter> any, List<Filter> all, Filter inline, boolean empty) {
        this.any = List.copyOf(any);
        this.all = List.copyOf(all);
        this.inline = inline;
        this.empty = empty;
    }

    /**
     * Reads a block.
     *
     * @param where the field, for messages ({@code spec.rules[0].match})
     * @throws PalisadeException when a selector is malformed
     */
    public static MatchBlock read(JsonNode node, String where) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return new MatchBlock(List.of(), List.of(), Filter.read(null, where), true);
        }
        List<Filter> any = new ArrayList<>();
        int i = 0;
        for (JsonNode f : node.path("any")) {
            any.add(Filter.read(f, where + ".any[" + i++ + "]"));
        }
        List<Filter> all = new ArrayList<>();
        i = 0;
        for (JsonNode f : node.path("all")) {
            all.add(Filter.read(f, where + ".all[" + i++ + "]"));
        }
        Filter inline = Filter.read(node, where);
        boolean empty = any.isEmpty() && all.isEmpty() && inline.isEmpty();
        return new MatchBlock(any, all, inline, empty);
    }

    /** Whether no criterion is set. */
    public boolean isEmpty() {
        return empty;
    }

    /** Every kind selector of the block ({@code GetKinds}). */
    public List<String> kinds() {
        List<String> kinds = new ArrayList<>(inline.kinds);
        all.forEach(f -> kinds.addAll(f.kinds));
        any.forEach(f -> kinds.addAll(f.kinds));
        return kinds;
    }

    /** What the resource is matched against. */
    public record Request(JsonNode resource, String group, String version, String kind, String subresource,
            Map<String, String> namespaceLabels, RequestInfo requestInfo, String operation) {
    }

    /** Whether the block, as a {@code match}, selects the request (every reason it does not, or none). */
    public List<String> matchFailures(Request request) {
        List<String> reasons = new ArrayList<>();
        if (!any.isEmpty()) {
            for (Filter f : any) {
                if (f.matchHelper(request).isEmpty()) {
                    return reasons;
                }
            }
            reasons.add("no resource matched");
        } else if (!all.isEmpty()) {
            for (Filter f : all) {
                reasons.addAll(f.matchHelper(request));
            }
        } else {
            reasons.addAll(inline.matchHelper(request));
        }
        return reasons;
    }

    /** Whether the block, as an {@code exclude}, excludes the request. */
    public boolean excludes(Request request) {
        if (empty) {
            return false;
        }
        if (!any.isEmpty()) {
            for (Filter f : any) {
                if (f.excludes(request)) {
                    return true;
                }
            }
            return false;
        }
        if (!all.isEmpty()) {
            for (Filter f : all) {
                if (!f.excludes(request)) {
                    return false;
                }
            }
            return true;
        }
        return inline.excludes(request);
    }

    /** Whether a PolicyException's {@code match} (any/all only) selects the request. */
    public boolean exceptionMatches(Request request) {
        if (!any.isEmpty()) {
            for (Filter f : any) {
                if (f.exceptionMatch(request)) {
                    return true;
                }
            }
            return false;
        }
        if (!all.isEmpty()) {
            for (Filter f : all) {
                if (!f.exceptionMatch(request)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** One resource filter: a resource description and user criteria. */
    /**
     * Kyverno's {@code collectResourceDescriptions} for a rule's {@code match}: the admission
     * operations its webhook registers, per kind selector; a filter without {@code operations} gets
     * {@code defaults}.
     */
    public Map<String, java.util.Set<String>> webhookOperations(java.util.Set<String> defaults) {
        Map<String, java.util.Set<String>> out = new LinkedHashMap<>();
        List<Filter> filters = new ArrayList<>();
        filters.add(inline);
        filters.addAll(all);
        filters.addAll(any);
        for (Filter f : filters) {
            for (String kind : f.kinds) {
                out.computeIfAbsent(kind, k -> new java.util.LinkedHashSet<>())
                        .addAll(f.operations.isEmpty() ? defaults : f.operations);
            }
        }
        return out;
    }

    /**
     * Kyverno's exclusion of webhook operations: an {@code exclude.any} entry with no user criteria
     * and nothing but {@code kinds} and {@code operations} removes those operations (all of them when
     * it names none) from its kinds (every kind when it names none).
     */
    public void removeExcludedOperations(Map<String, java.util.Set<String>> operations) {
        for (Filter f : any) {
            if (!f.userInfoEmpty() || !f.name.isEmpty() || !f.names.isEmpty() || !f.namespaces.isEmpty()
                    || f.hasAnnotations || f.selector.isPresent() || f.namespaceSelector.isPresent()) {
                continue;
            }
            List<String> kinds = f.kinds.isEmpty() ? new ArrayList<>(operations.keySet()) : f.kinds;
            List<String> ops = f.operations.isEmpty() ? List.of("CREATE", "UPDATE", "DELETE", "CONNECT") : f.operations;
            for (String kind : kinds) {
                java.util.Set<String> set = operations.get(kind);
                if (set != null) {
                    ops.forEach(set::remove);
                }
            }
        }
    }

    static final class Filter {
        final List<String> kinds;
        final List<Kinds.Selector> parsedKinds;
        final String name;
        final List<String> names;
        final List<String> namespaces;
        final Map<String, String> annotations;
        final Optional<LabelSelector> selector;
        final Optional<LabelSelector> namespaceSelector;
        final List<String> operations;
        final List<String> roles;
        final List<String> clusterRoles;
        final List<Subject> subjects;
        final boolean hasAnnotations;

        private Filter(JsonNode resources, JsonNode user, String where) {
            kinds = strings(resources.path("kinds"));
            parsedKinds = kinds.stream().map(Kinds::parse).toList();
            name = resources.path("name").asText("");
            names = strings(resources.path("names"));
            namespaces = strings(resources.path("namespaces"));
            annotations = new LinkedHashMap<>();
            hasAnnotations = resources.has("annotations") && !resources.get("annotations").isNull();
            for (Iterator<Map.Entry<String, JsonNode>> it = resources.path("annotations").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                annotations.put(e.getKey(), e.getValue().asText());
            }
            selector = selector(resources.path("selector"), where + ".resources.selector");
            namespaceSelector = selector(resources.path("namespaceSelector"), where + ".resources.namespaceSelector");
            operations = strings(resources.path("operations"));
            roles = strings(user.path("roles"));
            clusterRoles = strings(user.path("clusterRoles"));
            subjects = new ArrayList<>();
            for (JsonNode s : user.path("subjects")) {
                subjects.add(new Subject(s.path("kind").asText(""), s.path("name").asText(""),
                        s.path("namespace").asText("")));
            }
        }

        static Filter read(JsonNode node, String where) {
            if (node == null) {
                return new Filter(com.fasterxml.jackson.databind.node.MissingNode.getInstance(),
                        com.fasterxml.jackson.databind.node.MissingNode.getInstance(), where);
            }
            return new Filter(node.path("resources"), node, where);
        }

        private static Optional<LabelSelector> selector(JsonNode node, String where) {
            if (node.isMissingNode() || node.isNull()) {
                return Optional.empty();
            }
            Optional<LabelSelector> parsed = MatchParser.selector(node, where);
            return Optional.of(parsed.orElse(LabelSelector.EVERYTHING));
        }

        boolean resourceDescriptionEmpty() {
            return kinds.isEmpty() && name.isEmpty() && names.isEmpty() && namespaces.isEmpty() && !hasAnnotations
                    && selector.isEmpty() && namespaceSelector.isEmpty() && operations.isEmpty();
        }

        boolean userInfoEmpty() {
            return roles.isEmpty() && clusterRoles.isEmpty() && subjects.isEmpty();
        }

        boolean isEmpty() {
            return resourceDescriptionEmpty() && userInfoEmpty();
        }

        /** {@code matchesResourceDescriptionMatchHelper}: the reasons the filter does not match. */
        List<String> matchHelper(Request request) {
            boolean ignoreUser = request.requestInfo().isEmpty();
            if (!resourceDescriptionEmpty() || !ignoreUser && !userInfoEmpty()) {
                return conditionBlock(request, ignoreUser);
            }
            return List.of("match cannot be empty");
        }

        /** {@code matchesResourceDescriptionExcludeHelper}: whether the filter excludes the request. */
        boolean excludes(Request request) {
            if (!resourceDescriptionEmpty() || !userInfoEmpty()) {
                return conditionBlock(request, false).isEmpty();
            }
            return false;
        }

        /** Kyverno's {@code checkResourceFilter} for exceptions. */
        boolean exceptionMatch(Request request) {
            if (isEmpty()) {
                return false;
            }
            if (!kinds.isEmpty() && !Kinds.checkParsed(parsedKinds, request.group(), request.version(), request.kind(),
                    request.subresource())) {
                return false;
            }
            JsonNode metadata = request.resource().path("metadata");
            String resourceName = metadata.path("name").asText("");
            if (resourceName.isEmpty()) {
                resourceName = metadata.path("generateName").asText("");
            }
            if (!name.isEmpty() && !Wildcard.match(name, resourceName)) {
                return false;
            }
            if (!names.isEmpty() && !Wildcard.matchAny(names, resourceName)) {
                return false;
            }
            String kind = request.resource().path("kind").asText("");
            if (!namespaces.isEmpty()) {
                String namespace = kind.equals("Namespace") ? resourceName : metadata.path("namespace").asText("");
                if (!Wildcard.matchAny(namespaces, namespace)) {
                    return false;
                }
            }
            if (!annotations.isEmpty() && !annotationsMatch(stringMap(metadata.path("annotations")))) {
                return false;
            }
            if (selector.isPresent() && !selectorMatches(selector.get(), stringMap(metadata.path("labels")))) {
                return false;
            }
            if (namespaceSelector.isPresent() && !kind.equals("Namespace") && !kind.isEmpty()
                    && !selectorMatches(namespaceSelector.get(), request.namespaceLabels())) {
                return false;
            }
            RequestInfo info = request.requestInfo();
            if (!roles.isEmpty() && !containsAny(roles, info.roles())) {
                return false;
            }
            if (!clusterRoles.isEmpty() && !containsAny(clusterRoles, info.clusterRoles())) {
                return false;
            }
            return subjects.isEmpty() || subjectsMatch(info);
        }

        private List<String> conditionBlock(Request request, boolean ignoreUser) {
            List<String> errors = new ArrayList<>();
            if (!operations.isEmpty() && !operations.contains(request.operation())) {
                return List.of("operation does not match");
            }
            if (!kinds.isEmpty() && !Kinds.checkParsed(parsedKinds, request.group(), request.version(), request.kind(),
                    request.subresource())) {
                errors.add("kind does not match " + kinds);
            }
            JsonNode metadata = request.resource().path("metadata");
            String resourceName = metadata.path("name").asText("");
            if (resourceName.isEmpty()) {
                resourceName = metadata.path("generateName").asText("");
            }
            if (!name.isEmpty() && !Wildcard.match(name, resourceName)) {
                errors.add("name does not match");
            }
            if (!names.isEmpty() && !Wildcard.matchAny(names, resourceName)) {
                errors.add("none of the names match");
            }
            if (!namespaces.isEmpty()) {
                String namespace = request.resource().path("kind").asText("").equals("Namespace")
                        ? resourceName : metadata.path("namespace").asText("");
                if (!Wildcard.matchAny(namespaces, namespace)) {
                    errors.add("namespace does not match");
                }
            }
            if (!annotations.isEmpty() && !annotationsMatch(stringMap(metadata.path("annotations")))) {
                errors.add("annotations does not match");
            }
            if (selector.isPresent() && !selectorMatches(selector.get(), stringMap(metadata.path("labels")))) {
                errors.add("selector does not match");
            }
            if (namespaceSelector.isPresent()) {
                String kind = request.resource().path("kind").asText("");
                if (kind.equals("Namespace")) {
                    errors.add("namespace selector is not applicable for namespace resource");
                } else if (!kind.isEmpty() || kinds.contains("*")) {
                    if (!selectorMatches(namespaceSelector.get(), request.namespaceLabels())) {
                        errors.add("namespace selector does not match labels");
                    }
                }
            }
            if (!ignoreUser) {
                RequestInfo info = request.requestInfo();
                if (!roles.isEmpty() && !containsAny(roles, info.roles())) {
                    errors.add("user info does not match roles for the given conditionBlock");
                }
                if (!clusterRoles.isEmpty() && !containsAny(clusterRoles, info.clusterRoles())) {
                    errors.add("user info does not match clustersRoles for the given conditionBlock");
                }
                if (!subjects.isEmpty() && !subjectsMatch(info)) {
                    errors.add("user info does not match subject for the given conditionBlock");
                }
            }
            return errors;
        }

        private boolean annotationsMatch(Map<String, String> actual) {
            for (Map.Entry<String, String> e : annotations.entrySet()) {
                boolean found = false;
                for (Map.Entry<String, String> a : actual.entrySet()) {
                    if (Wildcard.match(e.getKey(), a.getKey()) && Wildcard.match(e.getValue(), a.getValue())) {
                        found = true;
                        break;
                    }
                }
                if (!found) {
                    return false;
                }
            }
            return true;
        }

        private boolean subjectsMatch(RequestInfo info) {
            for (Subject s : subjects) {
                switch (s.kind()) {
                    case "ServiceAccount" -> {
                        if (Wildcard.match("system:serviceaccount:" + s.namespace() + ":" + s.name(), info.username())) {
                            return true;
                        }
                    }
                    case "Group" -> {
                        for (String group : info.groups()) {
                            if (Wildcard.match(s.name(), group)) {
                                return true;
                            }
                        }
                    }
                    case "User" -> {
                        if (Wildcard.match(s.name(), info.username())) {
                            return true;
                        }
                    }
                    default -> {
                    }
                }
            }
            return false;
        }
    }

    /** An RBAC subject of a match block. */
    record Subject(String kind, String name, String namespace) {
    }

    private static boolean containsAny(List<String> wanted, List<String> actual) {
        for (String a : actual) {
            if (wanted.contains(a)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A label selector with Kyverno's wildcard expansion: a {@code matchLabels} key or value with
     * {@code *} or {@code ?} is replaced by the first label that matches both, otherwise by text
     * no label carries.
     */
    static boolean selectorMatches(LabelSelector selector, Map<String, String> labels) {
        for (Map.Entry<String, String> e : selector.matchLabels().entrySet()) {
            String k = e.getKey();
            String v = e.getValue();
            if (Wildcard.containsWildcard(k) || Wildcard.containsWildcard(v)) {
                boolean found = false;
                for (Map.Entry<String, String> l : labels.entrySet()) {
                    if (Wildcard.match(k, l.getKey()) && Wildcard.match(v, l.getValue())) {
                        found = true;
                        break;
                    }
                }
                if (!found) {
                    String replacedKey = k.replace('*', '0').replace('?', '0');
                    String replacedValue = v.replace('*', '0').replace('?', '0');
                    if (!replacedValue.equals(labels.get(replacedKey))) {
                        return false;
                    }
                }
            } else if (!v.equals(labels.get(k))) {
                return false;
            }
        }
        for (LabelRequirement requirement : selector.matchExpressions()) {
            if (!requirement.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    static Map<String, String> stringMap(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText());
        }
        return out;
    }

    static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        } else if (node.isTextual()) {
            out.add(node.textValue());
        }
        return out;
    }
}
