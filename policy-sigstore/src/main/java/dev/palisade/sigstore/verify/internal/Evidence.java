package dev.palisade.sigstore.verify.internal;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * Everything one signature offers, whatever its layout (legacy layer or bundle).
 *
 * @param label {@code legacy[i]}, {@code bundle[i]} or {@code attestation[i]}
 * @param legacy whether it came from a legacy cosign layer (its log entry may be a {@code rekord})
 * @param signedData the exact bytes the signature covers (payload, DSSE PAE or artifact)
 * @param signature the signature bytes
 * @param certificate the signing certificate, for keyless signatures
 * @param presentedChain further certificates that came with the signature
 * @param tlogEntries transparency-log entries
 * @param timestamps DER RFC 3161 timestamps over the signature
 * @param body what a log entry must record
 * @param claims checks on the signed content (digest, docker-reference), run once the signature verified
 */
public record Evidence(String label, boolean legacy, byte[] signedData, byte[] signature, Optional<X509Certificate> certificate,
        List<X509Certificate> presentedChain, List<TlogEntry> tlogEntries, List<byte[]> timestamps,
        BodyExpectation body, ClaimCheck claims) {

    /** A check of the signed content. */
    @FunctionalInterface
    public interface ClaimCheck {
        /** Throws when the signed content does not say what the verification needs. */
        void check() throws Rejected;
    }
}
