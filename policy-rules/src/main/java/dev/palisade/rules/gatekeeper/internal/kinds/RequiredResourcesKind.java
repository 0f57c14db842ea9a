package dev.palisade.rules.gatekeeper.internal.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.rules.gatekeeper.ConstraintInput;
import java.util.Set;
import java.util.TreeSet;

/**
 * K8sRequiredResources: every container and init container must define the resource types listed
 * in {@code limits} and {@code requests}; the message lists the missing ones as a Rego set.
 */
final class RequiredResourcesKind extends RegoKind {

    RequiredResourcesKind() {
        super("K8sRequiredResources");
    }

    @Override
    void check(ConstraintInput input, Violations violations) {
        JsonNode params = input.parameters();
        Containers.forEach(input.object(), Containers.REGULAR_AND_INIT, (field, container, pointer) -> {
            if (ExemptImages.isExempt(params, container)) {
                return;
            }
            for (String section : new String[] {"limits", "requests"}) {
                JsonNode provided = container.path("resources").path(section);
                Set<String> missing = new TreeSet<>();
                for (JsonNode required : RegoValues.elements(params.path(section))) {
                    if (required.isTextual() && !RegoValues.truthy(provided.path(required.textValue()))) {
                        missing.add(required.textValue());
                    }
                }
                if (!missing.isEmpty()) {
                    violations.sprintf(pointer + "/resources/" + section, "container <%v> does not have <"
                            + RegoValues.formatSet(missing) + "> " + section + " defined", container.path("name"));
                }
            }
        });
    }
}
