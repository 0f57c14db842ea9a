package dev.palisade.rules.gatekeeper.internal.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Iterates the containers of {@code input.review.object.spec} as a template's Rego does: only the
 * listed fields, in the listed order, and only directly under the object's {@code spec} (Pods),
 * never in pod templates of controllers.
 */
final class Containers {

    /** {@code containers}, {@code initContainers}, {@code ephemeralContainers}. */
    static final List<String> ALL = List.of("containers", "initContainers", "ephemeralContainers");
    /** {@code containers} and {@code initContainers} (templates that skip ephemeral containers). */
    static final List<String> REGULAR_AND_INIT = List.of("containers", "initContainers");
    /** {@code containers} only. */
    static final List<String> REGULAR = List.of("containers");

    /** Receives one container. */
    @FunctionalInterface
    interface Visitor {
        /**
         * @param field the list the container is in ({@code containers}, ...)
         * @param container the container object
         * @param pointer JSON pointer of the container
         */
        void visit(String field, JsonNode container, String pointer);
    }

    private Containers() {
    }

    /** Visits every container of the object's spec in the given lists. */
    static void forEach(JsonNode object, List<String> fields, Visitor visitor) {
        JsonNode spec = object.path("spec");
        for (String field : fields) {
            JsonNode list = spec.path(field);
            if (!list.isArray()) {
                continue;
            }
            for (int i = 0; i < list.size(); i++) {
                visitor.visit(field, list.get(i), "/spec/" + field + "/" + i);
            }
        }
    }

    /** The singular word the library's messages use for a container list. */
    static String noun(String field) {
        return switch (field) {
            case "initContainers" -> "initContainer";
            case "ephemeralContainers" -> "ephemeralContainer";
            default -> "container";
        };
    }
}
