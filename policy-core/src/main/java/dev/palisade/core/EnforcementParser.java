package dev.palisade.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads enforcement settings from a policy's spec, in any of the forms Palisade accepts:
 *
 * <ul>
 *   <li>{@code enforcementAction: warn} — the same action everywhere;</li>
 *   <li>{@code enforcementAction: {default: warn, admission: deny}} — per enforcement point;</li>
 *   <li>Gatekeeper's {@code enforcementAction: scoped} with {@code scopedEnforcementActions:
 *       [{action: deny, enforcementPoints: [{name: validation.gatekeeper.sh}]}]}, where point names
 *       are Palisade's ({@code admission}, {@code audit}, {@code ci}) or Gatekeeper's
 *       ({@code validation.gatekeeper.sh}, {@code audit.gatekeeper.sh}, {@code gator.gatekeeper.sh},
 *       {@code *}); points not listed do not enforce the policy.</li>
 * </ul>
 */
public final class EnforcementParser {
    private static final Map<String, List<EnforcementPoint>> POINT_NAMES = Map.of(
            "admission", List.of(EnforcementPoint.ADMISSION),
            "audit", List.of(EnforcementPoint.AUDIT),
            "ci", List.of(EnforcementPoint.CI),
            "validation.gatekeeper.sh", List.of(EnforcementPoint.ADMISSION),
            "audit.gatekeeper.sh", List.of(EnforcementPoint.AUDIT),
            "gator.gatekeeper.sh", List.of(EnforcementPoint.CI),
            "*", List.of(EnforcementPoint.values()));
    private static final Set<String> MAP_KEYS = Set.of("default", "admission", "audit", "ci");

    private EnforcementParser() {
    }

    /**
     * Parses {@code enforcementAction} (and {@code scopedEnforcementActions}) of a spec.
     *
     * @param fallback the enforcement when the spec says nothing
     * @throws PalisadeException naming the offending field
     */
    public static Enforcement parse(JsonNode spec, Enforcement fallback) {
        JsonNode action = spec.path("enforcementAction");
        if (action.isMissingNode() || action.isNull() || (action.isTextual() && action.asText().isEmpty())) {
            return fallback;
        }
        if (action.isObject()) {
            return perPoint(action);
        }
        String text = action.asText();
        if (text.equalsIgnoreCase("scoped")) {
            return scoped(spec.path("scopedEnforcementActions"));
        }
        return Enforcement.of(parseAction(text, "enforcementAction"));
    }

    private static Enforcement perPoint(JsonNode node) {
        Map<EnforcementPoint, EnforcementAction> actions = new EnumMap<>(EnforcementPoint.class);
        JsonNode fallback = node.path("default");
        if (!fallback.isMissingNode()) {
            EnforcementAction all = parseAction(fallback.asText(), "enforcementAction.default");
            for (EnforcementPoint point : EnforcementPoint.values()) {
                actions.put(point, all);
            }
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!MAP_KEYS.contains(key)) {
                throw new PalisadeException("enforcementAction." + key + " is not an enforcement point; use default,"
                        + " admission, audit or ci");
            }
            if (!key.equals("default")) {
                actions.put(EnforcementPoint.parse(key), parseAction(node.path(key).asText(), "enforcementAction." + key));
            }
        }
        return Enforcement.scoped(actions);
    }

    private static Enforcement scoped(JsonNode list) {
        if (!list.isArray() || list.isEmpty()) {
            throw new PalisadeException("enforcementAction is scoped, so scopedEnforcementActions must list at least"
                    + " one {action, enforcementPoints}");
        }
        Map<EnforcementPoint, EnforcementAction> actions = new EnumMap<>(EnforcementPoint.class);
        for (int i = 0; i < list.size(); i++) {
            JsonNode entry = list.get(i);
            String at = "scopedEnforcementActions[" + i + "]";
            EnforcementAction action = parseAction(entry.path("action").asText(""), at + ".action");
            JsonNode points = entry.path("enforcementPoints");
            if (!points.isArray() || points.isEmpty()) {
                throw new PalisadeException(at + ".enforcementPoints must list at least one {name}");
            }
            for (int j = 0; j < points.size(); j++) {
                String name = points.get(j).path("name").asText(points.get(j).asText(""));
                List<EnforcementPoint> mapped = POINT_NAMES.get(name);
                if (mapped == null) {
                    throw new PalisadeException(at + ".enforcementPoints[" + j + "].name '" + name
                            + "' is not supported; use one of " + String.join(", ", new java.util.TreeSet<>(
                                    POINT_NAMES.keySet())));
                }
                for (EnforcementPoint point : mapped) {
                    actions.merge(point, action, EnforcementAction::max);
                }
            }
        }
        return Enforcement.scoped(actions);
    }

    private static EnforcementAction parseAction(String text, String field) {
        try {
            return EnforcementAction.parse(text);
        } catch (PalisadeException e) {
            throw new PalisadeException(field + ": " + e.getMessage());
        }
    }
}
