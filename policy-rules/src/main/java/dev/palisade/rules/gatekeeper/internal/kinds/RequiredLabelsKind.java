package dev.palisade.rules.gatekeeper.internal.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.rules.gatekeeper.ConstraintInput;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * K8sRequiredLabels: the object must carry every label key of {@code labels}, with values matching
 * the entry's {@code allowedRegex} (RE2, unanchored); the constraint's {@code message}, when set,
 * replaces both messages (so a missing and a mismatching label then count as one violation, as in
 * Rego's set of violations).
 */
final class RequiredLabelsKind extends RegoKind {
    private final RegexCache regexes = new RegexCache();

    RequiredLabelsKind() {
        super("K8sRequiredLabels");
    }

    @Override
    void check(ConstraintInput input, Violations violations) {
        JsonNode labels = input.object().path("metadata").path("labels");
        JsonNode params = input.parameters();
        JsonNode required = params.path("labels");
        JsonNode custom = params.path("message");
        Set<String> missing = new TreeSet<>();
        for (JsonNode entry : RegoValues.elements(required)) {
            JsonNode key = entry.path("key");
            if (key.isTextual() && !RegoValues.truthy(labels.path(key.textValue()))) {
                missing.add(key.textValue());
            }
        }
        if (!missing.isEmpty()) {
            report(custom, "you must provide labels: " + RegoValues.formatSet(missing), "/metadata/labels", violations);
        }
        for (Map.Entry<String, JsonNode> label : RegoValues.fields(labels)) {
            for (JsonNode entry : RegoValues.elements(required)) {
                JsonNode regex = entry.path("allowedRegex");
                if (!label.getKey().equals(entry.path("key").textValue()) || regex.isMissingNode()
                        || (regex.isTextual() && regex.textValue().isEmpty())) {
                    continue;
                }
                boolean matches = regex.isTextual() && label.getValue().isTextual()
                        && regexes.find(regex.textValue(), label.getValue().textValue()).orElse(false);
                if (!matches) {
                    String message = RegoFormat.sprintf("Label <%v: %v> does not satisfy allowed regex: %v",
                            label.getKey(), label.getValue(), regex);
                    if (message != null) {
                        report(custom, message, Pointer.field("/metadata/labels", label.getKey()), violations);
                    }
                }
            }
        }
    }

    /** {@code get_message}: the constraint's {@code message} when it is set, else the default. */
    private static void report(JsonNode custom, String defaultMessage, String pointer, Violations violations) {
        if (RegoValues.truthy(custom)) {
            violations.report(RegoValues.format(custom), pointer);
        } else {
            violations.report(defaultMessage, pointer);
        }
    }
}
