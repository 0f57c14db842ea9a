package dev.palisade.sigstore.verify.internal;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies a signature over data with a public key, with the schemes cosign produces: ECDSA with
 * SHA-256 (SHA-384 also for P-384 keys), RSA PKCS#1 v1.5 or PSS with SHA-256, Ed25519 over the raw data.
 */
public final class Signatures {
    private Signatures() {
    }

    /** Whether {@code signature} is a valid signature of {@code data} by {@code key}; never throws. */
    public static boolean verify(PublicKey key, byte[] data, byte[] signature) {
        for (Signature verifier : verifiersFor(key)) {
            try {
                verifier.initVerify(key);
                verifier.update(data);
                if (verifier.verify(signature)) {
                    return true;
                }
            } catch (GeneralSecurityException | RuntimeException e) {
                // a malformed signature is simply not valid; try the next scheme
            }
        }
        return false;
    }

    private static List<Signature> verifiersFor(PublicKey key) {
        List<Signature> verifiers = new ArrayList<>();
        try {
            switch (key.getAlgorithm()) {
                case "EC" -> {
                    verifiers.add(Signature.getInstance("SHA256withECDSA"));
                    if (key instanceof ECPublicKey ec && ec.getParams().getCurve().getField().getFieldSize() > 256) {
                        verifiers.add(Signature.getInstance("SHA384withECDSA"));
                    }
                }
                case "RSA", "RSASSA-PSS" -> {
                    if (key.getAlgorithm().equals("RSA")) {
                        verifiers.add(Signature.getInstance("SHA256withRSA"));
                    }
                    int modulusBytes = key instanceof RSAPublicKey rsa ? (rsa.getModulus().bitLength() + 7) / 8 : 256;
                    for (int salt : new int[] {32, modulusBytes - 32 - 2}) {
                        Signature pss = Signature.getInstance("RSASSA-PSS");
                        pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, salt, 1));
                        verifiers.add(pss);
                    }
                }
                case "Ed25519", "EdDSA" -> verifiers.add(Signature.getInstance("Ed25519"));
                default -> {
                    // unsupported key type: no verifier, so nothing verifies
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK signature algorithm missing: " + e.getMessage(), e);
        }
        return verifiers;
    }
}
