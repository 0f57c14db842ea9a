package dev.palisade.rules.gatekeeper.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.FailurePolicy;
import dev.palisade.core.Resource;
import dev.palisade.rules.gatekeeper.ConstraintKind;

/**
 * A loaded ConstraintTemplate: its name and constraint kind, the parameter schema, the annotations
 * Palisade shows, and the engine that judges objects for its constraints.
 *
 * @param engine the CEL program or the native implementation
 * @param engineName {@code K8sNativeValidation} or {@code native}
 * @param failurePolicy what an evaluation error means (CEL {@code failurePolicy}; native kinds fail closed)
 */
public record TemplateDefinition(String name, String kind, JsonNode schema, String title, String description,
        ConstraintKind engine, String engineName, FailurePolicy failurePolicy, Resource document) {
}
