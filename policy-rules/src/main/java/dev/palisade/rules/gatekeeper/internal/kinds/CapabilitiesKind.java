package dev.palisade.rules.gatekeeper.internal.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.palisade.rules.gatekeeper.ConstraintInput;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * K8sPSPCapabilities: containers may add only {@code allowedCapabilities} ({@code *} allows all)
 * and must drop every {@code requiredDropCapabilities} (or {@code ALL}); case-insensitive. Skipped
 * on UPDATE.
 */
final class CapabilitiesKind extends RegoKind {
    private static final JsonNode NONE = TextNode.valueOf("NONE");
    private final CompiledParameters<Lists> lists = new CompiledParameters<>(params -> new Lists(
            lowered(params.path("allowedCapabilities")), lowered(params.path("requiredDropCapabilities"))));

    /** The constraint's capability lists, lower-cased. */
    private record Lists(Set<String> allowed, Set<String> mustDrop) {
    }

    CapabilitiesKind() {
        super("K8sPSPCapabilities");
    }

    @Override
    void check(ConstraintInput input, Violations violations) {
        if (Review.isUpdate(input)) {
            return;
        }
        JsonNode params = input.parameters();
        Set<String> allowed = lists.of(params).allowed();
        Set<String> mustDrop = lists.of(params).mustDrop();
        JsonNode allowedShown = params.has("allowedCapabilities") ? params.get("allowedCapabilities") : NONE;
        Containers.forEach(input.object(), Containers.ALL, (field, container, pointer) -> {
            if (ExemptImages.isExempt(params, container)) {
                return;
            }
            String noun = switch (field) {
                case "initContainers" -> "init container";
                case "ephemeralContainers" -> "ephemeral container";
                default -> "container";
            };
            JsonNode capabilities = container.path("securityContext").path("capabilities");
            Set<String> added = lowered(capabilities.path("add"));
            if (!allowed.contains("*") && !allowed.containsAll(added)) {
                violations.sprintf(pointer + "/securityContext/capabilities/add", noun + " <%v> has a disallowed"
                        + " capability. Allowed capabilities are %v", container.path("name"), allowedShown);
            }
            Set<String> dropped = lowered(capabilities.path("drop"));
            if (!dropped.containsAll(mustDrop) && !dropped.contains("all")) {
                violations.sprintf(pointer + "/securityContext/capabilities/drop", noun + " <%v> is not dropping all"
                        + " required capabilities. Container must drop all of %v or \"ALL\"", container.path("name"),
                        params.path("requiredDropCapabilities"));
            }
        });
    }

    private static Set<String> lowered(JsonNode list) {
        Set<String> values = new HashSet<>();
        for (JsonNode value : RegoValues.elements(list)) {
            if (value.isTextual()) {
                values.add(value.textValue().toLowerCase(Locale.ROOT));
            }
        }
        return Set.copyOf(values);
    }
}
