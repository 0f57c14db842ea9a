package dev.palisade.rules.gatekeeper.internal.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.rules.gatekeeper.ConstraintInput;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * K8sRequiredAnnotations: the object must carry every annotation key of {@code annotations}, and
 * values must match the entry's {@code allowedRegex} (RE2, unanchored). An invalid regex counts as
 * not matching, as the Rego's {@code not regex.match(...)} succeeds when the builtin fails.
 */
final class RequiredAnnotationsKind extends RegoKind {
    private final RegexCache regexes = new RegexCache();

    RequiredAnnotationsKind() {
        super("K8sRequiredAnnotations");
    }

    @Override
    void check(ConstraintInput input, Violations violations) {
        JsonNode annotations = input.object().path("metadata").path("annotations");
        JsonNode required = input.parameters().path("annotations");
        Set<String> missing = new TreeSet<>();
        for (JsonNode entry : RegoValues.elements(required)) {
            JsonNode key = entry.path("key");
            if (key.isTextual() && !RegoValues.truthy(annotations.path(key.textValue()))) {
                missing.add(key.textValue());
            }
        }
        if (!missing.isEmpty()) {
            violations.report("you must provide annotation(s): " + RegoValues.formatSet(missing),
                    "/metadata/annotations");
        }
        for (Map.Entry<String, JsonNode> annotation : RegoValues.fields(annotations)) {
            for (JsonNode entry : RegoValues.elements(required)) {
                JsonNode regex = entry.path("allowedRegex");
                if (!annotation.getKey().equals(entry.path("key").textValue()) || regex.isMissingNode()
                        || (regex.isTextual() && regex.textValue().isEmpty())) {
                    continue;
                }
                if (!matches(regex, annotation.getValue())) {
                    violations.sprintf(Pointer.field("/metadata/annotations", annotation.getKey()),
                            "Annotation <%v: %v> does not satisfy allowed regex: %v", annotation.getKey(),
                            annotation.getValue(), regex);
                }
            }
        }
    }

    private boolean matches(JsonNode regex, JsonNode value) {
        if (!regex.isTextual() || !value.isTextual()) {
            return false;
        }
        Optional<Boolean> found = regexes.find(regex.textValue(), value.textValue());
        return found.orElse(false);
    }
}
