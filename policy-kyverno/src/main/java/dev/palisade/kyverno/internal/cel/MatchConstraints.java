package dev.palisade.kyverno.internal.cel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.LabelSelector;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.policy.MatchParser;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Kubernetes' {@code MatchResources} as Kyverno's CEL matcher applies it
 * ({@code pkg/cel/matching}): the namespace selector (a request without a namespace passes it,
 * except for Namespaces; an unknown namespace has only its {@code kubernetes.io/metadata.name}
 * label), the object selector (new or old object), exclusions first, then the resource rules
 * (groups, versions, resources with subresources and wildcards, operations, scope, resource names
 * or a generateName prefix). Versions match exactly, as Kyverno's matcher does. Immutable.
 */
record MatchConstraints(List<Rule> rules, List<Rule> excluded, Optional<LabelSelector> namespaceSelector,
        Optional<LabelSelector> objectSelector, boolean present) {

    /** One {@code resourceRules} entry. */
    record Rule(List<String> apiGroups, List<String> apiVersions, List<String> resources, List<String> resourceNames,
            List<String> operations, String scope) {

        static Rule parse(JsonNode n, String where) {
            if (!n.isObject()) {
                throw new PalisadeException(where + " must be a mapping");
            }
            return new Rule(MatchParser.strings(n.path("apiGroups"), where + ".apiGroups"),
                    MatchParser.strings(n.path("apiVersions"), where + ".apiVersions"),
                    MatchParser.strings(n.path("resources"), where + ".resources"),
                    MatchParser.strings(n.path("resourceNames"), where + ".resourceNames"),
                    MatchParser.strings(n.path("operations"), where + ".operations"),
                    n.path("scope").asText("*"));
        }

        boolean matches(CelRequest r) {
            if (!any(operations, r.operation()) || !any(apiGroups, r.group()) || !any(apiVersions, r.version())) {
                return false;
            }
            boolean namespaced = !r.namespace().isEmpty();
            if (scope.equals("Cluster") && namespaced || scope.equals("Namespaced") && !namespaced) {
                return false;
            }
            for (String resource : resources) {
                int slash = resource.indexOf('/');
                String main = slash < 0 ? resource : resource.substring(0, slash);
                String sub = slash < 0 ? "" : resource.substring(slash + 1);
                boolean mainOk = main.equals("*") || main.equals(r.resource());
                boolean subOk = slash < 0 ? r.subResource().isEmpty() : sub.equals("*") || sub.equals(r.subResource());
                if (resource.equals("*") && !r.subResource().isEmpty()) {
                    subOk = false;
                }
                if (mainOk && subOk) {
                    return true;
                }
            }
            return false;
        }

        boolean named(CelRequest r) {
            if (resourceNames.isEmpty()) {
                return true;
            }
            if (r.name().isEmpty()) {
                String generateName = r.current().path("metadata").path("generateName").asText("");
                return resourceNames.stream().anyMatch(n -> !generateName.isEmpty() && generateName.startsWith(n));
            }
            return resourceNames.contains(r.name());
        }

        private static boolean any(List<String> allowed, String value) {
            return allowed.contains("*") || allowed.contains(value);
        }
    }

    static MatchConstraints parse(JsonNode node, String where) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return new MatchConstraints(List.of(), List.of(), Optional.empty(), Optional.empty(), false);
        }
        return new MatchConstraints(rules(node.path("resourceRules"), where + ".resourceRules"),
                rules(node.path("excludeResourceRules"), where + ".excludeResourceRules"),
                MatchParser.selector(node.path("namespaceSelector"), where + ".namespaceSelector"),
                MatchParser.selector(node.path("objectSelector"), where + ".objectSelector"), true);
    }

    private static List<Rule> rules(JsonNode list, String where) {
        List<Rule> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            out.add(Rule.parse(list.get(i), where + "[" + i + "]"));
        }
        return out;
    }

    /** Kyverno's matcher; a policy without constraints matches nothing (as Kyverno's matchPolicy). */
    boolean matches(CelRequest r) {
        if (!present) {
            return false;
        }
        if (namespaceSelector.isPresent() && !namespaceSelector.get().isEmpty()
                && (!r.namespace().isEmpty() || r.resource().equals("namespaces"))) {
            Map<String, String> labels = r.resource().equals("namespaces") && r.subResource().isEmpty()
                    && (r.operation().equals("CREATE") || r.operation().equals("UPDATE"))
                    ? CelRequest.labels(r.current()) : r.namespaceLabels();
            if (!namespaceSelector.get().matches(labels)) {
                return false;
            }
        }
        if (objectSelector.isPresent() && !objectSelector.get().isEmpty()) {
            boolean current = r.object() != null && objectSelector.get().matches(CelRequest.labels(r.object()));
            boolean old = r.oldObject() != null && objectSelector.get().matches(CelRequest.labels(r.oldObject()));
            if (!current && !old) {
                return false;
            }
        }
        for (Rule rule : excluded) {
            if (rule.matches(r) && rule.named(r)) {
                return false;
            }
        }
        if (rules.isEmpty()) {
            return true;
        }
        for (Rule rule : rules) {
            if (rule.matches(r) && rule.named(r)) {
                return true;
            }
        }
        return false;
    }

    /** Kyverno CLI's {@code hasSelector}: one plain rule, no selectors or exclusions (unmatched responses are dropped). */
    boolean simple() {
        boolean noNs = namespaceSelector.isEmpty() || namespaceSelector.get().isEmpty();
        boolean noObj = objectSelector.isEmpty() || objectSelector.get().isEmpty();
        return present && noNs && noObj && excluded.isEmpty() && rules.size() == 1
                && rules.get(0).resourceNames().isEmpty();
    }

    /** The operations the rules name (all four when one says {@code *}). */
    Set<String> operations() {
        Set<String> out = new LinkedHashSet<>();
        for (Rule rule : rules) {
            for (String op : rule.operations()) {
                if (op.equals("*")) {
                    out.addAll(List.of("CREATE", "UPDATE", "DELETE", "CONNECT"));
                } else {
                    out.add(op);
                }
            }
        }
        return out;
    }
}
