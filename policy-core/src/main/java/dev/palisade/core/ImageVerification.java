package dev.palisade.core;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of verifying one image.
 *
 * @param verified whether enough authorities signed it
 * @param digest the digest that was verified ({@code sha256:...}), or empty when unresolved
 * @param matchedAuthorities names of the authorities whose signatures verified
 * @param reasons why it did not verify (one per authority or problem); empty when verified
 */
public record ImageVerification(boolean verified, String digest, List<String> matchedAuthorities,
        List<String> reasons) {

    /**
     * Checks that the components are present, copies the collections.
     *
     * @param verified whether enough authorities signed it
     * @param digest the digest that was verified ({@code sha256:...}), or empty when unresolved
     * @param matchedAuthorities names of the authorities whose signatures verified
     * @param reasons why it did not verify (one per authority or problem); empty when verified
     */
    public ImageVerification {
        Objects.requireNonNull(digest, "digest");
        matchedAuthorities = List.copyOf(matchedAuthorities);
        reasons = List.copyOf(reasons);
    }
}
