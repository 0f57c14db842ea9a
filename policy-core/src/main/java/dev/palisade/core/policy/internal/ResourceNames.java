package dev.palisade.core.policy.internal;

import java.util.Locale;
import java.util.Map;

/**
 * Resource (plural) names of kinds, as admission rules name them, computed offline the way
 * Kubernetes guesses them for unknown kinds (lower case; {@code s} → {@code ses}, consonant
 * {@code y} → {@code ies}), with the exceptions of the built-in API.
 */
public final class ResourceNames {
    private static final Map<String, String> IRREGULAR = Map.of("Endpoints", "endpoints");

    private ResourceNames() {
    }

    public static String plural(String kind) {
        String irregular = IRREGULAR.get(kind);
        if (irregular != null) {
            return irregular;
        }
        String lower = kind.toLowerCase(Locale.ROOT);
        if (lower.isEmpty()) {
            return lower;
        }
        if (lower.endsWith("s")) {
            return lower + "es";
        }
        if (lower.endsWith("y") && lower.length() > 1 && "aeiou".indexOf(lower.charAt(lower.length() - 2)) < 0) {
            return lower.substring(0, lower.length() - 1) + "ies";
        }
        return lower + "s";
    }
}
