package dev.palisade.sigstore.verify.internal;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * The parts of a Sigstore bundle (v0.1–v0.3) that verification uses, after the structural checks of
 * its version.
 *
 * @param minorVersion 1, 2 or 3 (the bundle's {@code v0.N})
 * @param certificate the leaf certificate, when the material is a certificate or chain
 * @param chain the certificates after the leaf in an {@code x509CertificateChain}
 * @param publicKeyHint the hint of {@code publicKey} material, when the bundle was signed with a key
 * @param tlogEntries the transparency-log entries
 * @param timestamps DER RFC 3161 timestamp responses
 * @param message the message signature, when the content is one
 * @param dsse the DSSE envelope, when the content is one
 */
public record ParsedBundle(int minorVersion, Optional<X509Certificate> certificate, List<X509Certificate> chain,
        Optional<String> publicKeyHint, List<TlogEntry> tlogEntries, List<byte[]> timestamps,
        Optional<MessageSignature> message, Optional<Dsse> dsse) {

    /** {@code messageSignature}: a signature over the artifact, and the artifact's digest. */
    public record MessageSignature(String digestAlgorithm, byte[] digest, byte[] signature) {
    }

    /** {@code dsseEnvelope}. */
    public record Dsse(String payloadType, byte[] payload, List<byte[]> signatures) {
    }
}
