package dev.palisade.core;

import java.util.Locale;

/** Where a decision is made. A policy may act differently at each point. */
public enum EnforcementPoint {
    /** An admission webhook or controller deciding on a live request. */
    ADMISSION,
    /** A scan of existing resources. */
    AUDIT,
    /** A check of manifests before they are applied (CI, GitOps pre-sync, tests). */
    CI;

    /**
     * Lower-case name as written on the command line and in policy files.
     *
     * @return the label
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code admission|audit|ci} in any case.
     *
     * @param text the point's name
     * @return the point
     */
    public static EnforcementPoint parse(String text) {
        for (EnforcementPoint p : values()) {
            if (p.name().equalsIgnoreCase(text.trim())) {
                return p;
            }
        }
        throw new PalisadeException("unknown enforcement point '" + text + "'; use one of admission, audit, ci");
    }
}
