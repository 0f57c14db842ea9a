package dev.palisade.rules.podsecurity;

import dev.palisade.core.PalisadeException;
import java.util.Locale;

/** A Pod Security Standards level, ordered from least to most restrictive. */
public enum Level {
    /** No checks: everything is allowed. */
    PRIVILEGED,
    /** Prevents known privilege escalations; every baseline check. */
    BASELINE,
    /** Current pod-hardening best practice; every restricted check plus the baseline checks it keeps. */
    RESTRICTED;

    /** {@return the lower-case name used in namespace labels and policy ids ({@code restricted})} */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether this level is stricter than the other.
     *
     * @param other another level
     * @return whether this level forbids more than {@code other}
     */
    public boolean isStricterThan(Level other) {
        return compareTo(other) > 0;
    }

    /**
     * Parses a level exactly as written in a namespace label: {@code privileged}, {@code baseline} or
     * {@code restricted} (case-sensitive, as Kubernetes reads them).
     *
     * @param text the label value
     * @return the level
     * @throws PalisadeException for anything else
     */
    public static Level parse(String text) {
        for (Level level : values()) {
            if (level.label().equals(text)) {
                return level;
            }
        }
        throw new PalisadeException("unknown Pod Security level '" + text
                + "'; use one of privileged, baseline, restricted");
    }
}
