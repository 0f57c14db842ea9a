package dev.palisade.sigstore.verify;

import dev.palisade.sigstore.verify.internal.SignatureScheme;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A transparency log (Rekor) or certificate-transparency log of a trusted root: one key of the log
 * with the time window in which it was in use. A log whose key was rotated appears once per key.
 *
 * @param baseUrl the log's URL; for Rekor v2 logs its host is the checkpoint origin
 * @param logIdHex lower-case hex of the log id (the trusted root's {@code logId.keyId})
 * @param publicKey the log's signing key
 * @param keyDetails the Sigstore {@code PublicKeyDetails} name of the key, which fixes how it signs
 *     ({@code PKIX_ECDSA_P256_SHA_256}, {@code PKIX_ED25519}, {@code PKCS1_RSA_PKCS1V5}, …); inferred from the
 *     key when the trusted root does not give it
 * @param validFrom start of the key's validity (inclusive)
 * @param validUntil end of the key's validity (inclusive), empty when open-ended
 */
public record TransparencyLog(String baseUrl, String logIdHex, PublicKey publicKey, String keyDetails,
        Instant validFrom, Optional<Instant> validUntil) {

    /**
     * Checks that every part is present and that the key details name a scheme the key can sign with.
     *
     * @param baseUrl the log's URL; for Rekor v2 logs its host is the checkpoint origin
     * @param logIdHex lower-case hex of the log id (the trusted root's {@code logId.keyId})
     * @param publicKey the log's signing key
     * @param keyDetails the Sigstore {@code PublicKeyDetails} name of the key, which fixes how it signs
     *     ({@code PKIX_ECDSA_P256_SHA_256}, {@code PKIX_ED25519}, {@code PKCS1_RSA_PKCS1V5}, …); inferred from the
     *     key when the trusted root does not give it
     * @param validFrom start of the key's validity (inclusive)
     * @param validUntil end of the key's validity (inclusive), empty when open-ended
     */
    public TransparencyLog {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(logIdHex, "logIdHex");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(keyDetails, "keyDetails");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(validUntil, "validUntil");
        SignatureScheme scheme = SignatureScheme.forKeyDetails(keyDetails).orElseThrow(() ->
                new SignatureVerificationException("log " + baseUrl + ": key details '" + keyDetails
                        + "' name no signature scheme Palisade verifies"));
        if (!scheme.accepts(publicKey)) {
            throw new SignatureVerificationException("log " + baseUrl + ": key details '" + keyDetails
                    + "' do not fit its " + publicKey.getAlgorithm() + " key");
        }
    }

    /**
     * {@return a log whose scheme is inferred from the key (ECDSA with the curve's hash, RSA PKCS#1 v1.5, Ed25519)}
     *
     * @param baseUrl the log's URL
     * @param logIdHex the log id, lower-case hex
     * @param publicKey the log's key
     * @param validFrom the start of the key's validity
     * @param validUntil the end of the key's validity, if it has one
     */
    public static TransparencyLog of(String baseUrl, String logIdHex, PublicKey publicKey, Instant validFrom,
            Optional<Instant> validUntil) {
        return new TransparencyLog(baseUrl, logIdHex, publicKey, inferKeyDetails(publicKey), validFrom, validUntil);
    }

    /**
     * {@return whether the key was valid at {@code time}; both ends of the window are included}
     *
     * @param time the instant
     */
    public boolean validAt(Instant time) {
        return !time.isBefore(validFrom) && validUntil.map(end -> !time.isAfter(end)).orElse(true);
    }

    /** The key details name that fits a key when none is given. */
    static String inferKeyDetails(PublicKey key) {
        SignatureScheme scheme = SignatureScheme.defaultFor(key).orElseThrow(() ->
                new SignatureVerificationException("unsupported log key algorithm " + key.getAlgorithm()));
        return switch (scheme) {
            case ECDSA_SHA256 -> "PKIX_ECDSA_P256_SHA_256";
            case ECDSA_SHA384 -> "PKIX_ECDSA_P384_SHA_384";
            case ECDSA_SHA512 -> "PKIX_ECDSA_P521_SHA_512";
            case RSA_PKCS1_SHA256 -> "PKIX_RSA_PKCS1V5";
            case RSA_PSS_SHA256 -> "PKIX_RSA_PSS";
            case ED25519 -> "PKIX_ED25519";
            case ED25519_PH -> "PKIX_ED25519_PH";
        };
    }
}
