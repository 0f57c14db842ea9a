package dev.palisade.sigstore.verify.internal;

import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * Who made a signature, as a log entry must name it: a signing certificate (keyless), or a public key.
 */
public final class Signer {
    private final X509Certificate certificate;
    private final byte[] certificateDer;
    private final PublicKey key;
    private final byte[] keyDer;

    private Signer(X509Certificate certificate, byte[] certificateDer, PublicKey key) {
        this.certificate = certificate;
        this.certificateDer = certificateDer;
        this.key = key;
        this.keyDer = key.getEncoded();
    }

    /** A keyless signer. */
    public static Signer certificate(X509Certificate certificate) throws Rejected {
        return new Signer(certificate, Certificates.der(certificate), certificate.getPublicKey());
    }

    /** A key signer. */
    public static Signer key(PublicKey key) {
        return new Signer(null, null, key);
    }

    /** The signing certificate, for keyless signers. */
    public Optional<X509Certificate> certificate() {
        return Optional.ofNullable(certificate);
    }

    /** The DER certificate, for keyless signers. */
    public Optional<byte[]> certificateDer() {
        return Optional.ofNullable(certificateDer);
    }

    /** The public key (the certificate's, for keyless signers). */
    public PublicKey key() {
        return key;
    }

    /** The DER SubjectPublicKeyInfo of the key. */
    public byte[] keyDer() {
        return keyDer.clone();
    }

    /** Whether a PEM text (a certificate, or for key signers a public key) names this signer. */
    public boolean isNamedBy(String pem) {
        try {
            if (certificate != null) {
                return pem.contains("BEGIN CERTIFICATE")
                        && MessageDigest.isEqual(Certificates.derFromPem(pem, "log entry certificate").get(0), certificateDer);
            }
            if (pem.contains("BEGIN CERTIFICATE")) {
                return false;
            }
            return MessageDigest.isEqual(dev.palisade.sigstore.verify.PublicKeys.parsePem(pem).getEncoded(), keyDer);
        } catch (Rejected | RuntimeException e) {
            return false;
        }
    }

    /** Whether DER bytes of a Rekor v2 verifier ({@code x509Certificate} or {@code publicKey}) name this signer. */
    public boolean isNamedByDer(boolean isCertificate, byte[] der) {
        return isCertificate ? certificateDer != null && MessageDigest.isEqual(der, certificateDer)
                : certificate == null && MessageDigest.isEqual(der, keyDer);
    }
}
