package dev.palisade.cli;

import dev.palisade.core.Resource;
import dev.palisade.core.ResourceId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The team owning each resource: its owner label ({@code --owner-label}, default {@value #DEFAULT_LABEL}),
 * or else that label on its Namespace object in the same input. Fed with resources as they are read.
 */
final class Teams {
    static final String DEFAULT_LABEL = "team";
    private final String label;
    private final Map<ResourceId, String> byResource = new HashMap<>();
    private final Map<String, String> byNamespace = new HashMap<>();

    Teams(String label) {
        this.label = label;
    }

    void add(Resource resource) {
        String team = resource.labels().get(label);
        if (team == null || team.isBlank()) {
            return;
        }
        ResourceId id = resource.id();
        byResource.put(id, team);
        if (id.group().isEmpty() && id.kind().equals("Namespace")) {
            byNamespace.put(id.name(), team);
        }
    }

    Optional<String> of(ResourceId id) {
        String team = byResource.get(id);
        if (team == null && !id.namespace().isEmpty()) {
            team = byNamespace.get(id.namespace());
        }
        return Optional.ofNullable(team);
    }
}
