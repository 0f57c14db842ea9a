package dev.palisade.core.policy;

import dev.palisade.core.Enforcement;
import dev.palisade.core.EnforcementAction;
import dev.palisade.core.EnforcementPoint;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.SourceLocation;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

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
 *       {@code vap.k8s.io}, {@code *}); points not listed do not enforce the policy. When several
 *       entries name one point, the strongest action wins.</li>
 * </ul>
 */
public final class EnforcementParser {
    private static final Map<String, List<EnforcementPoint>> POINT_NAMES = pointNames();
    private static final Set<String> MAP_KEYS = Set.of("default", "admission", "audit", "ci");
    private static final Function<String, SourceLocation> NOWHERE = pointer -> SourceLocation.UNKNOWN;

    private EnforcementParser() {
    }

    /**
     * Parses {@code enforcementAction} (and {@code scopedEnforcementActions}) of a spec.
     *
     * @param spec the spec
     * @return the enforcement
     * @param fallback the enforcement when the spec says nothing
     * @throws PalisadeException naming the offending field
     */
    public static Enforcement parse(JsonNode spec, Enforcement fallback) {
        return parse(spec, fallback, NOWHERE);
    }

    /**
     * Parses as {@link #parse(JsonNode, Enforcement)} does, with errors located in the spec's source.
     *
     * @param spec the spec
     * @param fallback the enforcement when the spec says nothing
     * @return the enforcement
     * @param locate the location of the node at a JSON pointer relative to the spec
     *     ({@code /enforcementAction}); typically {@code p -> resource.locate("/spec" + p)}
     * @throws PalisadeException naming the offending field, with the location {@code locate} gives for it
     */
    public static Enforcement parse(JsonNode spec, Enforcement fallback, Function<String, SourceLocation> locate) {
        JsonNode action = spec.path("enforcementAction");
        if (action.isMissingNode() || action.isNull() || (action.isTextual() && action.asText().isEmpty())) {
            return fallback;
        }
        if (action.isObject()) {
            return perPoint(action, locate);
        }
        String text = action.asText().trim();
        if (text.equalsIgnoreCase("scoped")) {
            return scoped(spec.path("scopedEnforcementActions"), locate);
        }
        try {
            return Enforcement.of(EnforcementAction.parse(text));
        } catch (PalisadeException e) {
            throw error("enforcementAction: " + e.getMessage() + ", or scoped (with scopedEnforcementActions)",
                    "/enforcementAction", locate);
        }
    }

    private static Enforcement perPoint(JsonNode node, Function<String, SourceLocation> locate) {
        Map<EnforcementPoint, EnforcementAction> actions = new EnumMap<>(EnforcementPoint.class);
        JsonNode fallback = node.path("default");
        if (!fallback.isMissingNode()) {
            EnforcementAction all = parseAction(fallback.asText(), "enforcementAction.default",
                    "/enforcementAction/default", locate);
            for (EnforcementPoint point : EnforcementPoint.values()) {
                actions.put(point, all);
            }
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!MAP_KEYS.contains(key)) {
                throw error("enforcementAction." + key + " is not an enforcement point; use default, admission,"
                        + " audit or ci", "/enforcementAction/" + key, locate);
            }
            if (!key.equals("default")) {
                actions.put(EnforcementPoint.parse(key), parseAction(node.path(key).asText(),
                        "enforcementAction." + key, "/enforcementAction/" + key, locate));
            }
        }
        return Enforcement.scoped(actions);
    }

    private static Enforcement scoped(JsonNode list, Function<String, SourceLocation> locate) {
        if (!list.isArray() || list.isEmpty()) {
            throw error("enforcementAction is scoped, so scopedEnforcementActions must list at least one {action,"
                    + " enforcementPoints}", "/enforcementAction", locate);
        }
        Map<EnforcementPoint, EnforcementAction> actions = new EnumMap<>(EnforcementPoint.class);
        for (int i = 0; i < list.size(); i++) {
            JsonNode entry = list.get(i);
            String at = "scopedEnforcementActions[" + i + "]";
            String pointer = "/scopedEnforcementActions/" + i;
            EnforcementAction action = parseAction(entry.path("action").asText(""), at + ".action",
                    pointer + "/action", locate);
            JsonNode points = entry.path("enforcementPoints");
            if (!points.isArray() || points.isEmpty()) {
                throw error(at + ".enforcementPoints must list at least one {name}; supported: " + supportedPoints(),
                        pointer, locate);
            }
            for (int j = 0; j < points.size(); j++) {
                String name = points.get(j).path("name").asText(points.get(j).asText(""));
                List<EnforcementPoint> mapped = POINT_NAMES.get(name);
                if (mapped == null) {
                    throw error(at + ".enforcementPoints[" + j + "].name: enforcement point '" + name
                            + "' is not supported; use one of " + supportedPoints(),
                            pointer + "/enforcementPoints/" + j, locate);
                }
                for (EnforcementPoint point : mapped) {
                    actions.merge(point, action, EnforcementAction::max);
                }
            }
        }
        return Enforcement.scoped(actions);
    }

    private static EnforcementAction parseAction(String text, String field, String pointer,
            Function<String, SourceLocation> locate) {
        try {
            return EnforcementAction.parse(text);
        } catch (PalisadeException e) {
            throw error(field + ": " + e.getMessage(), pointer, locate);
        }
    }

    private static PalisadeException error(String message, String pointer, Function<String, SourceLocation> locate) {
        SourceLocation location = locate.apply(pointer);
        return location.isKnown() ? new PalisadeException(message, location) : new PalisadeException(message);
    }

    private static String supportedPoints() {
        return String.join(", ", POINT_NAMES.keySet());
    }

    /** Palisade's point names, then Gatekeeper's, in the order messages list them. */
    private static Map<String, List<EnforcementPoint>> pointNames() {
        Map<String, List<EnforcementPoint>> names = new LinkedHashMap<>();
        names.put("admission", List.of(EnforcementPoint.ADMISSION));
        names.put("audit", List.of(EnforcementPoint.AUDIT));
        names.put("ci", List.of(EnforcementPoint.CI));
        names.put("validation.gatekeeper.sh", List.of(EnforcementPoint.ADMISSION));
        names.put("audit.gatekeeper.sh", List.of(EnforcementPoint.AUDIT));
        names.put("gator.gatekeeper.sh", List.of(EnforcementPoint.CI));
        names.put("vap.k8s.io", List.of(EnforcementPoint.ADMISSION));
        names.put("*", List.of(EnforcementPoint.values()));
        return Collections.unmodifiableMap(names);
    }
}
