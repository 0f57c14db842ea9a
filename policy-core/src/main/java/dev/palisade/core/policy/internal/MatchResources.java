package dev.palisade.core.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.AdmissionRequest;
import dev.palisade.core.LabelSelector;
import dev.palisade.core.policy.MatchParser;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An admission policy's {@code matchConstraints} (or a binding's {@code matchResources}):
 * resource rules, exclusions (which win), the object selector (old or new object) and the match
 * policy. The namespace selector is applied by the engine through the policy's core match.
 */
public record MatchResources(List<ResourceRule> rules, List<ResourceRule> excluded,
        Optional<LabelSelector> objectSelector, Optional<LabelSelector> namespaceSelector, boolean exactVersions,
        boolean rulesRequired) {

    /** Reads the block at {@code where}; {@code rulesRequired} for a policy's matchConstraints. */
    public static MatchResources parse(JsonNode node, String where, boolean rulesRequired) {
        if (node.isMissingNode() || node.isNull()) {
            if (rulesRequired) {
                throw new PalisadeException(where + " is required");
            }
            return new MatchResources(List.of(), List.of(), Optional.empty(), Optional.empty(), false, false);
        }
        List<ResourceRule> rules = rules(node.path("resourceRules"), where + ".resourceRules");
        if (rulesRequired && rules.isEmpty()) {
            throw new PalisadeException(where + ".resourceRules must list at least one rule");
        }
        String matchPolicy = node.path("matchPolicy").asText("Equivalent");
        if (!matchPolicy.equals("Equivalent") && !matchPolicy.equals("Exact")) {
            throw new PalisadeException(where + ".matchPolicy must be Exact or Equivalent, not '" + matchPolicy + "'");
        }
        return new MatchResources(rules, rules(node.path("excludeResourceRules"), where + ".excludeResourceRules"),
                MatchParser.selector(node.path("objectSelector"), where + ".objectSelector"),
                MatchParser.selector(node.path("namespaceSelector"), where + ".namespaceSelector"),
                matchPolicy.equals("Exact"), rulesRequired);
    }

    private static List<ResourceRule> rules(JsonNode list, String where) {
        List<ResourceRule> rules = new ArrayList<>();
        if (list.isMissingNode() || list.isNull()) {
            return rules;
        }
        if (!list.isArray()) {
            throw new PalisadeException(where + " must be a list");
        }
        for (int i = 0; i < list.size(); i++) {
            rules.add(ResourceRule.parse(list.get(i), where + "[" + i + "]"));
        }
        return rules;
    }

    /** Whether the rules, exclusions and object selector select the resource. */
    public boolean matches(Resource resource) {
        String operation = resource.request().map(AdmissionRequest::operation).orElse("CREATE");
        String subResource = resource.request().map(r -> r.raw().path("subResource").asText("")).orElse("");
        if (!rules.isEmpty() || rulesRequired) {
            boolean selected = false;
            for (ResourceRule rule : rules) {
                if (rule.matches(resource.id(), operation, subResource, exactVersions)) {
                    selected = true;
                    break;
                }
            }
            if (!selected) {
                return false;
            }
        }
        for (ResourceRule rule : excluded) {
            if (rule.matches(resource.id(), operation, subResource, exactVersions)) {
                return false;
            }
        }
        if (objectSelector.isPresent()) {
            boolean current = objectSelector.get().matches(resource.labels());
            boolean old = resource.request().flatMap(AdmissionRequest::oldObject)
                    .map(o -> objectSelector.get().matches(labels(o.path("metadata").path("labels"))))
                    .orElse(false);
            return current || old;
        }
        return true;
    }

    private static Map<String, String> labels(JsonNode node) {
        Map<String, String> labels = new java.util.HashMap<>();
        node.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }
}
