package dev.palisade.rules.podsecurity;

import dev.palisade.core.PalisadeException;
import java.util.Objects;

/**
 * A Pod Security Standards policy version as written ({@code v1.25}, {@code latest}) and the
 * version it is evaluated as. {@code latest}, and any {@code v1.N} newer than {@link #NEWEST_MINOR},
 * evaluate as the newest version Palisade ships, as Kubernetes clamps them; messages keep the text as
 * written.
 *
 * @param text the version as written, printed in messages
 * @param minor the minor version evaluated (already clamped to {@link #NEWEST_MINOR})
 */
public record PodSecurityVersion(String text, int minor) {

    /** The newest policy version Palisade ships checks for: v1.37, so {@code latest} means v1.37. */
    public static final int NEWEST_MINOR = 37;

    /** {@code latest}. */
    public static final PodSecurityVersion LATEST = new PodSecurityVersion("latest", NEWEST_MINOR);

    /**
     * Checks that the components are present, validates the values.
     *
     * @param text the version as written, printed in messages
     * @param minor the minor version evaluated (already clamped to {@link #NEWEST_MINOR})
     */
    public PodSecurityVersion {
        Objects.requireNonNull(text, "text");
        if (!text.equals("latest") && !isNumbered(text)) {
            throw new PalisadeException("invalid Pod Security version '" + text
                    + "': must be \"latest\" or \"v1.x\" (for example v1.25)");
        }
        if (minor != clampedMinor(text)) {
            throw new PalisadeException("Pod Security version " + text + " evaluates as v1." + clampedMinor(text)
                    + ", not v1." + minor);
        }
    }

    /** {@return whether this is {@code latest}} */
    public boolean isLatest() {
        return text.equals("latest");
    }

    /**
     * Parses {@code latest} or {@code v1.N} (N without leading zeros), the syntax Kubernetes accepts in
     * {@code pod-security.kubernetes.io/*-version} labels.
     *
     * @param text the label value
     * @return the version
     * @throws PalisadeException naming the expected syntax for anything else
     */
    public static PodSecurityVersion parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.equals("latest")) {
            return LATEST;
        }
        if (!isNumbered(text)) {
            throw new PalisadeException("invalid Pod Security version '" + text
                    + "': must be \"latest\" or \"v1.x\" (for example v1.25)");
        }
        return new PodSecurityVersion(text, clampedMinor(text));
    }

    private static int clampedMinor(String text) {
        if (text.equals("latest")) {
            return NEWEST_MINOR;
        }
        String digits = text.substring(3);
        return digits.length() > 4 ? NEWEST_MINOR : Math.min(Integer.parseInt(digits), NEWEST_MINOR);
    }

    private static boolean isNumbered(String text) {
        if (!text.startsWith("v1.") || text.length() == 3) {
            return false;
        }
        String digits = text.substring(3);
        if (digits.length() > 1 && digits.charAt(0) == '0') {
            return false;
        }
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return text;
    }
}
