package dev.palisade.core;

import java.util.Locale;

/**
 * The outcome for one resource or one run, from weakest to strongest. {@link #ERROR} is the
 * strongest: something could not be evaluated (a policy failed to load, an input could not be read),
 * so the outcome is unknown and must not be read as allowed.
 */
public enum Decision {
    /** No unexempted violation with a warn or deny action. */
    ALLOW,
    /** At least one warn violation, no deny. */
    WARN,
    /** At least one deny violation. */
    DENY,
    /** Part of the input or of the policies could not be evaluated: fail closed. */
    ERROR;

    /**
     * {@return the decision that an action leads to ({@code dryrun} allows)}
     *
     * @param action an enforcement action
     */
    public static Decision of(EnforcementAction action) {
        return switch (action) {
            case DRYRUN -> ALLOW;
            case WARN -> WARN;
            case DENY -> DENY;
        };
    }

    /** {@return whether the resource may go ahead: only {@link #ALLOW} and {@link #WARN} allow} */
    public boolean allows() {
        return this == ALLOW || this == WARN;
    }

    /**
     * {@return the stronger of the two decisions}
     *
     * @param other another decision
     */
    public Decision max(Decision other) {
        return compareTo(other) >= 0 ? this : other;
    }

    /**
     * Lower-case name as written in reports: {@code allow}, {@code warn}, {@code deny}, {@code error}.
     *
     * @return the label
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
