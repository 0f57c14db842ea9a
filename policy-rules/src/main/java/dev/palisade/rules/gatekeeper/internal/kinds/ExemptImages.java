package dev.palisade.rules.gatekeeper.internal.kinds;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Gatekeeper's {@code exemptImages} convention ({@code lib.exempt_container}): an entry ending in
 * {@code *} exempts images starting with what precedes it; any other entry exempts that exact image.
 */
final class ExemptImages {

    private ExemptImages() {
    }

    /** Whether the container's image is exempted by the constraint's {@code exemptImages}. */
    static boolean isExempt(JsonNode parameters, JsonNode container) {
        JsonNode image = container.path("image");
        if (!image.isTextual()) {
            return false;
        }
        return matchesAny(parameters.path("exemptImages"), image.textValue());
    }

    /** Whether the image matches one of the entries (exact, or prefix for a trailing {@code *}). */
    static boolean matchesAny(JsonNode patterns, String image) {
        for (JsonNode pattern : RegoValues.elements(patterns)) {
            if (pattern.isTextual() && matches(pattern.textValue(), image)) {
                return true;
            }
        }
        return false;
    }

    static boolean matches(String pattern, String image) {
        if (pattern.endsWith("*")) {
            return image.startsWith(trimStarSuffix(pattern));
        }
        return pattern.equals(image);
    }

    /** Rego's {@code trim_suffix(pattern, "*")}: removes one trailing star. */
    private static String trimStarSuffix(String pattern) {
        return pattern.substring(0, pattern.length() - 1);
    }
}
