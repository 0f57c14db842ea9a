package dev.palisade.sigstore.verify;

import java.util.Objects;

/**
 * One signature that did not satisfy one authority.
 *
 * @param signature which signature: {@code legacy[i]} or {@code bundle[i]}
 * @param authority the authority's name, or "" when the signature failed before any authority was tried
 * @param reason the failed check
 * @param detail a human-readable explanation
 */
public record SignatureRejection(String signature, String authority, RejectionReason reason, String detail) {

    /**
     * Checks that every component is present.
     *
     * @param signature which signature: {@code legacy[i]} or {@code bundle[i]}
     * @param authority the authority's name, or "" when the signature failed before any authority was tried
     * @param reason the failed check
     * @param detail a human-readable explanation
     */
    public SignatureRejection {
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(authority, "authority");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }

    /** {@return {@code signature [authority]: reason: detail}} */
    public String describe() {
        String who = authority.isEmpty() ? signature : signature + " [" + authority + "]";
        return who + ": " + reason + ": " + detail;
    }
}
