package dev.palisade.rules.gatekeeper.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.Enforcement;
import dev.palisade.core.EnforcementAction;
import dev.palisade.core.EnforcementPoint;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.Resource;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a constraint's {@code spec.enforcementAction} and {@code spec.scopedEnforcementActions}.
 * Gatekeeper's enforcement points map to Palisade's: {@code validation.gatekeeper.sh} and
 * {@code vap.k8s.io} to admission, {@code audit.gatekeeper.sh} to audit, {@code gator.gatekeeper.sh}
 * to CI, {@code *} to all. When several entries name one point, the strongest action wins.
 */
public final class EnforcementReader {
    /** Gatekeeper's enforcement point names and the Palisade points they stand for. */
    public static final Map<String, List<EnforcementPoint>> POINTS = Map.of(
            "validation.gatekeeper.sh", List.of(EnforcementPoint.ADMISSION),
            "vap.k8s.io", List.of(EnforcementPoint.ADMISSION),
            "audit.gatekeeper.sh", List.of(EnforcementPoint.AUDIT),
            "gator.gatekeeper.sh", List.of(EnforcementPoint.CI),
            "*", List.of(EnforcementPoint.values()));
    private static final String SUPPORTED_POINTS =
            "validation.gatekeeper.sh, audit.gatekeeper.sh, gator.gatekeeper.sh, vap.k8s.io, *";

    private EnforcementReader() {
    }

    /**
     * Reads the enforcement of a constraint.
     *
     * @throws PalisadeException naming the field and its location for an unknown action or point
     */
    public static Enforcement read(Resource constraint) {
        JsonNode spec = constraint.object().path("spec");
        JsonNode actionNode = spec.path("enforcementAction");
        String action = actionNode.isValueNode() ? actionNode.asText("").trim().toLowerCase(Locale.ROOT) : "";
        return switch (action) {
            case "", "deny" -> Enforcement.of(EnforcementAction.DENY);
            case "warn" -> Enforcement.of(EnforcementAction.WARN);
            case "dryrun" -> Enforcement.of(EnforcementAction.DRYRUN);
            case "scoped" -> scoped(constraint, spec.path("scopedEnforcementActions"));
            default -> throw MatchReader.error(constraint, "/spec/enforcementAction", "spec.enforcementAction '"
                    + actionNode.asText() + "' is not an enforcement action; use deny, dryrun, warn or scoped");
        };
    }

    private static Enforcement scoped(Resource constraint, JsonNode entries) {
        String base = "/spec/scopedEnforcementActions";
        if (!entries.isArray() || entries.isEmpty()) {
            throw MatchReader.error(constraint, "/spec/enforcementAction", "spec.enforcementAction is 'scoped' but"
                    + " spec.scopedEnforcementActions lists no {action, enforcementPoints}");
        }
        Map<EnforcementPoint, EnforcementAction> actions = new EnumMap<>(EnforcementPoint.class);
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            String at = base + "/" + i;
            String text = entry.path("action").asText("");
            EnforcementAction action;
            switch (text.toLowerCase(Locale.ROOT)) {
                case "deny" -> action = EnforcementAction.DENY;
                case "warn" -> action = EnforcementAction.WARN;
                case "dryrun" -> action = EnforcementAction.DRYRUN;
                default -> throw MatchReader.error(constraint, at + "/action", "spec.scopedEnforcementActions[" + i
                        + "].action '" + text + "' is not an action; use deny, dryrun or warn");
            }
            JsonNode points = entry.path("enforcementPoints");
            if (!points.isArray() || points.isEmpty()) {
                throw MatchReader.error(constraint, at, "spec.scopedEnforcementActions[" + i
                        + "].enforcementPoints must list at least one {name}; supported: " + SUPPORTED_POINTS);
            }
            for (int j = 0; j < points.size(); j++) {
                String name = points.get(j).path("name").asText("");
                List<EnforcementPoint> mapped = POINTS.get(name);
                if (mapped == null) {
                    throw MatchReader.error(constraint, at + "/enforcementPoints/" + j, "enforcement point '" + name
                            + "' is not supported; use one of " + SUPPORTED_POINTS);
                }
                for (EnforcementPoint point : mapped) {
                    actions.merge(point, action, EnforcementAction::max);
                }
            }
        }
        return Enforcement.scoped(actions);
    }
}
