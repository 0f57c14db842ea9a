package dev.palisade.sigstore.verify.internal;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.EdDSAParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Locale;
import java.util.Optional;

/**
 * How a key of the trusted root or a log entry signs: the signature algorithm and digest that its
 * Sigstore {@code PublicKeyDetails} name ({@code PKIX_ECDSA_P256_SHA_256}, {@code PKIX_ED25519}, …).
 * Trust material is verified with exactly its scheme, never by trying several.
 */
public enum SignatureScheme {
    /** ECDSA with SHA-256 (P-256 keys). */
    ECDSA_SHA256("SHA256withECDSA", "EC", "SHA-256"),
    /** ECDSA with SHA-384 (P-384 keys). */
    ECDSA_SHA384("SHA384withECDSA", "EC", "SHA-384"),
    /** ECDSA with SHA-512 (P-521 keys). */
    ECDSA_SHA512("SHA512withECDSA", "EC", "SHA-512"),
    /** RSA PKCS#1 v1.5 with SHA-256. */
    RSA_PKCS1_SHA256("SHA256withRSA", "RSA", "SHA-256"),
    /** RSA PSS with SHA-256, MGF1-SHA-256 and a 32-byte salt. */
    RSA_PSS_SHA256("RSASSA-PSS", "RSA", "SHA-256"),
    /** Pure Ed25519 over the message. */
    ED25519("Ed25519", "Ed25519", "SHA-512"),
    /** Ed25519ph (RFC 8032 pre-hashed with SHA-512). */
    ED25519_PH("Ed25519", "Ed25519", "SHA-512");

    private final String jcaName;
    private final String keyFamily;
    private final String digest;

    SignatureScheme(String jcaName, String keyFamily, String digest) {
        this.jcaName = jcaName;
        this.keyFamily = keyFamily;
        this.digest = digest;
    }

    /** The JCA digest name of the scheme's hash ({@code SHA-256} …); Ed25519 hashes with SHA-512. */
    public String digestName() {
        return digest;
    }

    /**
     * The scheme a {@code PublicKeyDetails} name stands for, empty for names that are not signing
     * schemes Palisade verifies (for example LMS or deprecated HMAC details).
     */
    public static Optional<SignatureScheme> forKeyDetails(String keyDetails) {
        String name = keyDetails.toUpperCase(Locale.ROOT);
        return Optional.ofNullable(switch (name) {
            case "PKIX_ECDSA_P256_SHA_256" -> ECDSA_SHA256;
            case "PKIX_ECDSA_P384_SHA_384" -> ECDSA_SHA384;
            case "PKIX_ECDSA_P521_SHA_512" -> ECDSA_SHA512;
            case "PKIX_RSA_PKCS1V15_2048_SHA256", "PKIX_RSA_PKCS1V15_3072_SHA256", "PKIX_RSA_PKCS1V15_4096_SHA256",
                    "PKCS1_RSA_PKCS1V5", "PKIX_RSA_PKCS1V5" -> RSA_PKCS1_SHA256;
            case "PKIX_RSA_PSS_2048_SHA256", "PKIX_RSA_PSS_3072_SHA256", "PKIX_RSA_PSS_4096_SHA256", "PKCS1_RSA_PSS",
                    "PKIX_RSA_PSS" -> RSA_PSS_SHA256;
            case "PKIX_ED25519" -> ED25519;
            case "PKIX_ED25519_PH" -> ED25519_PH;
            default -> null;
        });
    }

    /** Whether the key details name a key in PKCS#1 {@code RSAPublicKey} form rather than SubjectPublicKeyInfo. */
    public static boolean isPkcs1(String keyDetails) {
        return keyDetails.toUpperCase(Locale.ROOT).startsWith("PKCS1_");
    }

    /** The default scheme of a key when nothing names one: ECDSA with the curve's hash, RSA PKCS#1 v1.5, Ed25519. */
    public static Optional<SignatureScheme> defaultFor(PublicKey key) {
        if (key instanceof ECPublicKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            return Optional.of(bits <= 256 ? ECDSA_SHA256 : bits <= 384 ? ECDSA_SHA384 : ECDSA_SHA512);
        }
        if (key instanceof RSAPublicKey) {
            return Optional.of(key.getAlgorithm().equals("RSASSA-PSS") ? RSA_PSS_SHA256 : RSA_PKCS1_SHA256);
        }
        if (key.getAlgorithm().equals("Ed25519") || key.getAlgorithm().equals("EdDSA")) {
            return Optional.of(ED25519);
        }
        return Optional.empty();
    }

    /** Whether the key is of the family this scheme signs with. */
    public boolean accepts(PublicKey key) {
        String algorithm = key.getAlgorithm();
        return switch (keyFamily) {
            case "EC" -> key instanceof ECPublicKey;
            case "RSA" -> key instanceof RSAPublicKey;
            default -> algorithm.equals("Ed25519") || algorithm.equals("EdDSA");
        };
    }

    /** Whether {@code signature} verifies over {@code data} with the key in this scheme; never throws. */
    public boolean verify(PublicKey key, byte[] data, byte[] signature) {
        if (!accepts(key)) {
            return false;
        }
        switch (this) {
            case ECDSA_SHA256, ECDSA_SHA384, ECDSA_SHA512 -> {
                return FastVerify.ecdsa(key, digest, data, signature, true);
            }
            case ED25519 -> {
                return FastVerify.ed25519(key, data, signature, false);
            }
            case ED25519_PH -> {
                return FastVerify.ed25519(key, data, signature, true);
            }
            default -> {
                // RSA through the JDK, below
            }
        }
        String cacheKey = name();
        try {
            Signature verifier = Signatures.instance(cacheKey, jcaName);
            if (this == RSA_PSS_SHA256) {
                verifier.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
            } else if (this == ED25519_PH) {
                verifier.setParameter(new EdDSAParameterSpec(true));
            }
            verifier.initVerify(key);
            verifier.update(data);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            Signatures.discard(cacheKey);
            return false;
        }
    }
}
