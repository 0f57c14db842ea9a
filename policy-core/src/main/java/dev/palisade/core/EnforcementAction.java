package dev.palisade.core;

import java.util.Locale;

/** What a violation does. Ordered from weakest to strongest. */
public enum EnforcementAction {
    /** Reported only (audit, reports); never blocks nor warns. */
    DRYRUN,
    /** Allowed, with a warning to the user. */
    WARN,
    /** Refused. */
    DENY;

    /**
     * Lower-case name as written in policy files and reports.
     *
     * @return the label
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * {@return the stronger of two actions}
     *
     * @param other another action
     */
    public EnforcementAction max(EnforcementAction other) {
        return compareTo(other) >= 0 ? this : other;
    }

    /**
     * Parses {@code dryrun|warn|deny} in any case.
     *
     * @param text the action's name
     * @return the action
     */
    public static EnforcementAction parse(String text) {
        for (EnforcementAction a : values()) {
            if (a.name().equalsIgnoreCase(text.trim())) {
                return a;
            }
        }
        throw new PalisadeException("unknown enforcement action '" + text + "'; use one of dryrun, warn, deny");
    }
}
