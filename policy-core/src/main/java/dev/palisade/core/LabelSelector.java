package dev.palisade.core;

import java.util.List;
import java.util.Map;

/**
 * A Kubernetes label selector: every {@code matchLabels} pair and every {@code matchExpressions}
 * requirement must hold. An empty selector matches everything.
 */
public record LabelSelector(Map<String, String> matchLabels, List<LabelRequirement> matchExpressions) {

    /** The selector that matches everything. */
    public static final LabelSelector EVERYTHING = new LabelSelector(Map.of(), List.of());

    /**
     * Copies the map and the list.
     *
     * @param matchLabels labels that must be present with these values
     * @param matchExpressions requirements that must all hold
     */
    public LabelSelector {
        matchLabels = Map.copyOf(matchLabels);
        matchExpressions = List.copyOf(matchExpressions);
    }

    /**
     * {@return whether labels satisfy every pair and requirement}
     *
     * @param labels an object's labels
     */
    public boolean matches(Map<String, String> labels) {
        for (Map.Entry<String, String> e : matchLabels.entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        for (LabelRequirement requirement : matchExpressions) {
            if (!requirement.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@return whether the selector has no pair and no requirement (it matches everything)}
     */
    public boolean isEmpty() {
        return matchLabels.isEmpty() && matchExpressions.isEmpty();
    }
}
