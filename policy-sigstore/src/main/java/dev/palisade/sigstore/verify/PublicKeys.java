package dev.palisade.sigstore.verify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * Reads public keys: PEM {@code PUBLIC KEY} (and {@code RSA PUBLIC KEY}) blocks, DER SubjectPublicKeyInfo
 * (PKIX) and DER PKCS#1 {@code RSAPublicKey}.
 */
public final class PublicKeys {
    private static final String BEGIN = "-----BEGIN PUBLIC KEY-----";
    private static final String END = "-----END PUBLIC KEY-----";
    private static final String BEGIN_RSA = "-----BEGIN RSA PUBLIC KEY-----";
    private static final String END_RSA = "-----END RSA PUBLIC KEY-----";

    private PublicKeys() {
    }

    /**
     * Reads one PEM public key (ECDSA P-256/P-384, RSA, RSASSA-PSS or Ed25519).
     *
     * @param pem the PEM text
     * @return the key
     * @throws SignatureVerificationException when the text is not a PEM public key of a supported type
     */
    public static PublicKey parsePem(String pem) {
        String text = pem.strip();
        int rsaBegin = text.indexOf(BEGIN_RSA);
        int rsaEnd = text.indexOf(END_RSA);
        if (rsaBegin >= 0 && rsaEnd > rsaBegin) {
            return parsePkcs1(decode(text.substring(rsaBegin + BEGIN_RSA.length(), rsaEnd)));
        }
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new SignatureVerificationException("not a PEM public key: expected a '" + BEGIN
                    + "' ... '" + END + "' block (cosign.pub as written by 'cosign generate-key-pair')");
        }
        return parseDer(decode(text.substring(begin + BEGIN.length(), end)));
    }

    private static byte[] decode(String body) {
        try {
            return Base64.getDecoder().decode(dev.palisade.sigstore.verify.internal.Pem.stripWhitespace(body));
        } catch (IllegalArgumentException e) {
            throw new SignatureVerificationException("PEM public key has invalid base64: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a DER PKCS#1 {@code RSAPublicKey} (modulus and public exponent), as trusted roots hold
     * some CT log keys ({@code PKCS1_RSA_PKCS1V5}).
     *
     * @param der the DER bytes
     * @return the key
     * @throws SignatureVerificationException when it is not a PKCS#1 RSA public key
     */
    public static PublicKey parsePkcs1(byte[] der) {
        try {
            org.bouncycastle.asn1.pkcs.RSAPublicKey key = org.bouncycastle.asn1.pkcs.RSAPublicKey.getInstance(der);
            return KeyFactory.getInstance("RSA").generatePublic(new java.security.spec.RSAPublicKeySpec(
                    key.getModulus(), key.getPublicExponent()));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new SignatureVerificationException("public key is not a DER PKCS#1 RSAPublicKey: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a PEM public key from bytes (UTF-8).
     *
     * @param pem the PEM text, UTF-8
     * @return the key
     */
    public static PublicKey parsePem(byte[] pem) {
        return parsePem(new String(pem, StandardCharsets.UTF_8));
    }

    /**
     * Reads a DER SubjectPublicKeyInfo.
     *
     * @param der the DER bytes
     * @return the key
     * @throws SignatureVerificationException when it is not a public key of a supported type
     */
    public static PublicKey parseDer(byte[] der) {
        String oid;
        try {
            oid = SubjectPublicKeyInfo.getInstance(der).getAlgorithm().getAlgorithm().getId();
        } catch (RuntimeException e) {
            throw new SignatureVerificationException("public key is not a DER SubjectPublicKeyInfo: " + e.getMessage(), e);
        }
        String algorithm = switch (oid) {
            case "1.2.840.10045.2.1" -> "EC";
            case "1.2.840.113549.1.1.1" -> "RSA";
            case "1.2.840.113549.1.1.10" -> "RSASSA-PSS";
            case "1.3.101.112" -> "Ed25519";
            default -> throw new SignatureVerificationException("unsupported public key algorithm " + oid
                    + "; use ECDSA P-256/P-384, RSA or Ed25519");
        };
        try {
            return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new SignatureVerificationException("invalid " + algorithm + " public key: " + e.getMessage(), e);
        }
    }
}
