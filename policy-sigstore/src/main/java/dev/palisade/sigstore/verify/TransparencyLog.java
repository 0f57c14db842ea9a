package dev.palisade.sigstore.verify;

import java.security.PublicKey;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A transparency log (Rekor) or certificate-transparency log of a trusted root.
 *
 * @param baseUrl the log's URL, informational
 * @param logIdHex lower-case hex of the log id (SHA-256 of the DER public key)
 * @param publicKey the log's signing key
 * @param validFrom start of the key's validity
 * @param validUntil end of the key's validity, empty when open-ended
 */
public record TransparencyLog(String baseUrl, String logIdHex, PublicKey publicKey, Instant validFrom,
        Optional<Instant> validUntil) {

    public TransparencyLog {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(logIdHex, "logIdHex");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(validUntil, "validUntil");
    }

    /** Whether the key was valid at {@code time}. */
    public boolean validAt(Instant time) {
        return !time.isBefore(validFrom) && validUntil.map(end -> !time.isAfter(end)).orElse(true);
    }
}
