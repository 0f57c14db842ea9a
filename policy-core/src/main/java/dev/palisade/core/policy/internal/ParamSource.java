package dev.palisade.core.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.LabelSelector;
import dev.palisade.core.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the parameter objects of a binding ({@code paramKind} + {@code paramRef}) among the policy
 * documents loaded with it and the evaluation's inventory. Without {@code paramRef.namespace}, a
 * namespaced object takes parameters from its own namespace, falling back to cluster-scoped ones.
 */
public record ParamSource(String group, String version, String kind, Optional<String> name,
        Optional<String> namespace, Optional<LabelSelector> selector, boolean denyWhenMissing,
        List<Resource> loaded) {

    public ParamSource {
        loaded = List.copyOf(loaded);
    }

    /** The parameter objects for the resource, in load order then inventory order. */
    public List<JsonNode> find(Resource resource, EvaluationContext context) {
        List<Resource> candidates = new ArrayList<>(loaded);
        for (Resource r : context.inventory().ofKind(group, kind)) {
            if (!candidates.contains(r)) {
                candidates.add(r);
            }
        }
        String wanted = namespace.orElse(resource.id().namespace());
        List<JsonNode> inNamespace = new ArrayList<>();
        List<JsonNode> clusterScoped = new ArrayList<>();
        for (Resource candidate : candidates) {
            if (!candidate.id().kind().equals(kind) || !candidate.id().group().equals(group)) {
                continue;
            }
            if (name.isPresent() && !name.get().equals(candidate.id().name())) {
                continue;
            }
            if (selector.isPresent() && !selector.get().matches(candidate.labels())) {
                continue;
            }
            if (candidate.id().namespace().equals(wanted) && !wanted.isEmpty()) {
                inNamespace.add(candidate.object());
            } else if (candidate.id().namespace().isEmpty()) {
                clusterScoped.add(candidate.object());
            }
        }
        return inNamespace.isEmpty() && namespace.isEmpty() ? clusterScoped : inNamespace;
    }

    /** How the parameters are named in messages. */
    public String describe() {
        return kind + (name.map(n -> " '" + n + "'").orElse(" selected by label"))
                + namespace.map(ns -> " in namespace " + ns).orElse("");
    }
}
