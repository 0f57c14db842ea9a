package dev.palisade.core;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The action a policy takes at each enforcement point. A point absent from the map means the
 * policy is not enforced there at all (Gatekeeper's scoped enforcement actions).
 */
public record Enforcement(Map<EnforcementPoint, EnforcementAction> actions) {

    /**
     * Copies the map.
     *
     * @param actions the action at each enforcement point; an absent point is not enforced
     */
    public Enforcement {
        EnumMap<EnforcementPoint, EnforcementAction> copy = new EnumMap<>(EnforcementPoint.class);
        copy.putAll(actions);
        actions = Collections.unmodifiableMap(copy);
    }

    /**
     * {@return the same action at every point}
     *
     * @param action the action
     */
    public static Enforcement of(EnforcementAction action) {
        EnumMap<EnforcementPoint, EnforcementAction> all = new EnumMap<>(EnforcementPoint.class);
        for (EnforcementPoint point : EnforcementPoint.values()) {
            all.put(point, action);
        }
        return new Enforcement(all);
    }

    /**
     * Only the listed points, each with its action.
     *
     * @param actions the action at each point that enforces the policy
     * @return the enforcement
     */
    public static Enforcement scoped(Map<EnforcementPoint, EnforcementAction> actions) {
        return new Enforcement(actions);
    }

    /**
     * {@return the action at the point, or empty when the policy is not enforced there}
     *
     * @param point an enforcement point
     */
    public Optional<EnforcementAction> at(EnforcementPoint point) {
        return Optional.ofNullable(actions.get(point));
    }
}
