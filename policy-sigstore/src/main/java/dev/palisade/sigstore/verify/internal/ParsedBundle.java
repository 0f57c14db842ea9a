package dev.palisade.sigstore.verify.internal;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * The parts of a Sigstore bundle (v0.1–v0.3) that verification uses.
 *
 * @param certificate the leaf certificate, when the material is a certificate or chain
 * @param chain the certificates after the leaf in an {@code x509CertificateChain}
 * @param tlogEntries the transparency-log entries
 * @param timestamps DER RFC 3161 timestamp responses
 * @param message the message signature, when the content is one
 * @param dsse the DSSE envelope, when the content is one
 */
public record ParsedBundle(Optional<X509Certificate> certificate, List<X509Certificate> chain,
        List<TlogEntry> tlogEntries, List<byte[]> timestamps, Optional<MessageSignature> message, Optional<Dsse> dsse) {

    /** {@code messageSignature}: a signature over the artifact and its digest. */
    public record MessageSignature(String digestAlgorithm, byte[] digest, byte[] signature) {
    }

    /** {@code dsseEnvelope}. */
    public record Dsse(String payloadType, byte[] payload, List<byte[]> signatures) {
    }
}
