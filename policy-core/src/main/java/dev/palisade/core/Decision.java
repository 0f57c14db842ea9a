package dev.palisade.core;

import java.util.Locale;

/** The outcome for one resource: the strongest action among its unexempted violations. */
public enum Decision {
    ALLOW, WARN, DENY;

    /** The decision that an action leads to ({@code dryrun} allows). */
    public static Decision of(EnforcementAction action) {
        return switch (action) {
            case DRYRUN -> ALLOW;
            case WARN -> WARN;
            case DENY -> DENY;
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
