package dev.palisade.rules.gatekeeper.internal.kinds;

import com.fasterxml.jackson.databind.JsonNode;

/** The container-resource checks shared by the limits, requests, ratio and storage kinds. */
final class ContainerResources {

    private ContainerResources() {
    }

    /** The Rego {@code missing(obj, field)}: the section exists and the field is absent, false or {@code ""}. */
    static boolean missing(JsonNode section, String field) {
        if (section.isMissingNode()) {
            return false;
        }
        JsonNode value = section.path(field);
        return !RegoValues.truthy(value) || (value.isTextual() && value.textValue().isEmpty());
    }

    /**
     * Reports "has no resource {@code plural}" when the container has no {@code resources} or no
     * {@code resources.<section>} (both Rego rules produce the same message).
     */
    static boolean reportNoSection(JsonNode container, String pointer, String section, Violations violations) {
        JsonNode resources = container.path("resources");
        if (!RegoValues.truthy(resources)) {
            violations.sprintf(pointer + "/resources", "container <%v> has no resource " + section,
                    container.path("name"));
            return true;
        }
        if (!RegoValues.truthy(resources.path(section))) {
            violations.sprintf(pointer + "/resources/" + section, "container <%v> has no resource " + section,
                    container.path("name"));
            return true;
        }
        return false;
    }
}
