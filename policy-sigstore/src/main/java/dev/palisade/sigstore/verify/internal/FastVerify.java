package dev.palisade.sigstore.verify.internal;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * ECDSA and Ed25519 verification with Bouncy Castle's lightweight implementations (specialised field
 * arithmetic for P-256, P-384 and P-521; fixed-base precomputation), several times faster than the JDK's
 * providers, which made signature verification the bulk of a keyless verification. Keys of trust material
 * (log, CT log and CA keys) are converted once and keep their precomputed tables; other keys are converted
 * per call. Every verification checks the signature encoding strictly (DER, minimal integers, in range).
 */
final class FastVerify {
    private static final int MAX_CACHED_KEYS = 256;
    private static final Map<ByteBuffer, ECPublicKeyParameters> TRUSTED_KEYS = new ConcurrentHashMap<>();
    private static final Map<String, ECDomainParameters> DOMAINS = new HashMap<>();
    private static final ThreadLocal<Map<String, MessageDigest>> DIGESTS = ThreadLocal.withInitial(HashMap::new);

    static {
        for (String name : new String[] {"secp256r1", "secp384r1", "secp521r1"}) {
            X9ECParameters x9 = CustomNamedCurves.getByName(name);
            DOMAINS.put(name, new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH()));
        }
    }

    private FastVerify() {
    }

    /**
     * Verifies a DER ECDSA signature over the digest of {@code data}.
     *
     * @param trusted whether the key belongs to long-lived trust material (its conversion is kept)
     * @return whether it verifies; false for keys on other curves or malformed signatures
     */
    static boolean ecdsa(PublicKey key, String digest, byte[] data, byte[] signature, boolean trusted) {
        if (!(key instanceof ECPublicKey ec)) {
            return false;
        }
        ECPublicKeyParameters parameters;
        try {
            parameters = trusted ? TRUSTED_KEYS.get(ByteBuffer.wrap(key.getEncoded())) : null;
            if (parameters == null) {
                parameters = convert(ec);
                if (parameters == null) {
                    return false;
                }
                if (trusted) {
                    // a key used again and again gets the same fixed-point comb tables as the generator
                    org.bouncycastle.math.ec.FixedPointUtil.precompute(parameters.getQ());
                    if (TRUSTED_KEYS.size() >= MAX_CACHED_KEYS) {
                        TRUSTED_KEYS.clear();
                    }
                    TRUSTED_KEYS.put(ByteBuffer.wrap(key.getEncoded()), parameters);
                }
            }
        } catch (RuntimeException e) {
            return false;
        }
        BigInteger[] rs = decodeDer(signature);
        if (rs == null) {
            return false;
        }
        BigInteger n = parameters.getParameters().getN();
        if (rs[0].signum() <= 0 || rs[1].signum() <= 0 || rs[0].compareTo(n) >= 0 || rs[1].compareTo(n) >= 0) {
            return false;
        }
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, parameters);
        return verifier.verifySignature(digest(digest, data), rs[0], rs[1]);
    }

    /** Verifies a pure Ed25519 (or, with {@code prehash}, Ed25519ph) signature. */
    static boolean ed25519(PublicKey key, byte[] data, byte[] signature, boolean prehash) {
        byte[] spki = key.getEncoded();
        if (spki.length != 44 || signature.length != Ed25519.SIGNATURE_SIZE) {
            return false;
        }
        byte[] raw = Arrays.copyOfRange(spki, 12, 44);
        try {
            if (prehash) {
                byte[] hash = digest("SHA-512", data);
                return Ed25519.verifyPrehash(signature, 0, raw, 0, new byte[0], hash, 0);
            }
            return Ed25519.verify(signature, 0, raw, 0, data, 0, data.length);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static ECPublicKeyParameters convert(ECPublicKey key) {
        int bits = key.getParams().getCurve().getField().getFieldSize();
        String name = switch (bits) {
            case 256 -> "secp256r1";
            case 384 -> "secp384r1";
            case 521 -> "secp521r1";
            default -> null;
        };
        if (name == null) {
            return null;
        }
        ECDomainParameters domain = DOMAINS.get(name);
        if (!domain.getCurve().getA().toBigInteger().equals(key.getParams().getCurve().getA())
                || !domain.getN().equals(key.getParams().getOrder())) {
            return null; // another curve of the same size
        }
        ECPoint point = domain.getCurve().validatePoint(key.getW().getAffineX(), key.getW().getAffineY());
        return new ECPublicKeyParameters(point, domain);
    }

    private static byte[] digest(String algorithm, byte[] data) {
        Map<String, MessageDigest> digests = DIGESTS.get();
        MessageDigest digest = digests.get(algorithm);
        if (digest == null) {
            try {
                digest = MessageDigest.getInstance(algorithm);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            digests.put(algorithm, digest);
        }
        return digest.digest(data);
    }

    /** {r, s} of a DER {@code SEQUENCE { INTEGER r, INTEGER s }}, or null when not exactly that. */
    static BigInteger[] decodeDer(byte[] der) {
        if (der.length < 8 || der[0] != 0x30) {
            return null;
        }
        int[] position = {1};
        int length = length(der, position);
        if (length < 0 || position[0] + length != der.length) {
            return null;
        }
        BigInteger r = integer(der, position);
        BigInteger s = r == null ? null : integer(der, position);
        return s == null || position[0] != der.length ? null : new BigInteger[] {r, s};
    }

    private static int length(byte[] der, int[] position) {
        if (position[0] >= der.length) {
            return -1;
        }
        int first = der[position[0]++] & 0xff;
        if (first < 0x80) {
            return first;
        }
        if (first != 0x81 || position[0] >= der.length) {
            return -1;
        }
        int value = der[position[0]++] & 0xff;
        return value < 0x80 ? -1 : value;
    }

    private static BigInteger integer(byte[] der, int[] position) {
        if (position[0] >= der.length || der[position[0]++] != 0x02) {
            return null;
        }
        int length = length(der, position);
        if (length <= 0 || position[0] + length > der.length) {
            return null;
        }
        int start = position[0];
        if ((der[start] & 0x80) != 0) {
            return null; // negative
        }
        if (length > 1 && der[start] == 0 && (der[start + 1] & 0x80) == 0) {
            return null; // not minimal
        }
        position[0] += length;
        return new BigInteger(1, Arrays.copyOfRange(der, start, start + length));
    }
}
