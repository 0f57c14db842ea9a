package dev.palisade.sigstore.verify;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A certificate authority (Fulcio) or timestamp authority of a trusted root.
 *
 * @param uri the authority's URL, informational
 * @param certChain intermediates first, the self-signed root last (never empty)
 * @param validFrom start of the authority's validity for issuing
 * @param validUntil end of that validity, empty when open-ended
 */
public record CertificateAuthority(String uri, List<X509Certificate> certChain, Instant validFrom,
        Optional<Instant> validUntil) {

    /**
     * Checks that every part is present and the chain is not empty.
     *
     * @param uri the authority's URL, informational
     * @param certChain intermediates first, the self-signed root last (never empty)
     * @param validFrom start of the authority's validity for issuing
     * @param validUntil end of that validity, empty when open-ended
     */
    public CertificateAuthority {
        Objects.requireNonNull(uri, "uri");
        certChain = List.copyOf(certChain);
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(validUntil, "validUntil");
        if (certChain.isEmpty()) {
            throw new SignatureVerificationException("certificate authority " + uri + " has an empty certificate chain");
        }
    }

    /**
     * {@return whether the authority was valid at {@code time}; both ends of the window are included}
     *
     * @param time the instant
     */
    public boolean validAt(Instant time) {
        return !time.isBefore(validFrom) && validUntil.map(end -> !time.isAfter(end)).orElse(true);
    }

    /** {@return the last certificate of the chain, the trust anchor} */
    public X509Certificate root() {
        return certChain.get(certChain.size() - 1);
    }

    /** {@return the certificates between a leaf and the root} */
    public List<X509Certificate> intermediates() {
        return certChain.subList(0, certChain.size() - 1);
    }
}
