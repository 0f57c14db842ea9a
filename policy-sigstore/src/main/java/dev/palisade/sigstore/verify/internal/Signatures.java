package dev.palisade.sigstore.verify.internal;

import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.HashMap;
import java.util.Map;

/**
 * Verifies signatures made with cosign keys, whose files do not say the scheme: ECDSA with SHA-256
 * (SHA-384 also for P-384 keys), RSA PKCS#1 v1.5 or PSS with SHA-256, Ed25519 over the raw data. Trust
 * material (logs, CT logs) uses {@link SignatureScheme} instead. {@link Signature} objects are reused
 * per thread: looking up a provider for every verification costs more than the verification.
 */
public final class Signatures {
    private static final ThreadLocal<Map<String, Signature>> INSTANCES = ThreadLocal.withInitial(HashMap::new);

    private Signatures() {
    }

    /**
     * A {@link Signature} for the algorithm, reused on this thread (callers initialise it before use). A
     * caller whose use of it throws must {@link #discard} it: a failed operation can leave it unusable.
     */
    static Signature instance(String algorithm) throws NoSuchAlgorithmException {
        return instance(algorithm, algorithm);
    }

    /** {@link #instance(String)} cached under its own key (for instances whose parameters are fixed once). */
    static Signature instance(String cacheKey, String algorithm) throws NoSuchAlgorithmException {
        Map<String, Signature> cache = INSTANCES.get();
        Signature signature = cache.get(cacheKey);
        if (signature == null) {
            signature = Signature.getInstance(algorithm);
            cache.put(cacheKey, signature);
        }
        return signature;
    }

    /** Forgets this thread's instance of the algorithm, after an operation on it failed. */
    static void discard(String algorithm) {
        INSTANCES.get().remove(algorithm);
    }

    /** Whether {@code signature} is a valid signature of {@code data} by {@code key}; never throws. */
    public static boolean verify(PublicKey key, byte[] data, byte[] signature) {
        return verify(key, data, signature, false);
    }

    /**
     * {@link #verify(PublicKey, byte[], byte[])}, remembering the key's precomputation when it is a long-lived
     * key (an authority's, not a certificate's that comes with the signature).
     */
    public static boolean verify(PublicKey key, byte[] data, byte[] signature, boolean longLived) {
        try {
            switch (key.getAlgorithm()) {
                case "EC" -> {
                    if (FastVerify.ecdsa(key, "SHA-256", data, signature, longLived)) {
                        return true;
                    }
                    return key instanceof ECPublicKey ec && ec.getParams().getCurve().getField().getFieldSize() > 256
                            && FastVerify.ecdsa(key, "SHA-384", data, signature, longLived);
                }
                case "RSA", "RSASSA-PSS" -> {
                    if (key.getAlgorithm().equals("RSA") && SignatureScheme.RSA_PKCS1_SHA256.verify(key, data, signature)) {
                        return true;
                    }
                    int modulusBytes = key instanceof RSAPublicKey rsa ? (rsa.getModulus().bitLength() + 7) / 8 : 256;
                    for (int salt : new int[] {32, modulusBytes - 32 - 2}) {
                        try {
                            Signature pss = instance("RSASSA-PSS");
                            pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, salt, 1));
                            pss.initVerify(key);
                            pss.update(data);
                            if (pss.verify(signature)) {
                                return true;
                            }
                        } catch (GeneralSecurityException | RuntimeException e) {
                            discard("RSASSA-PSS"); // not this salt length
                        }
                    }
                    return false;
                }
                case "Ed25519", "EdDSA" -> {
                    return SignatureScheme.ED25519.verify(key, data, signature);
                }
                default -> {
                    return false;
                }
            }
        } catch (RuntimeException e) {
            return false;
        }
    }
}
