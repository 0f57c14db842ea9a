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
import org.bouncycastle.math.ec.WNafUtil;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.bouncycastle.util.BigIntegers;

/**
 * ECDSA and Ed25519 verification, several times faster than the JDK's providers. On P-256 and P-384 (the
 * curves of Sigstore's trust material and Fulcio certificates) ECDSA uses {@link FixedBaseTable}s: the
 * generator's and a trusted key's (log, CT log and CA keys), grown with use by {@link TieredTable} (none on
 * the first use, which Bouncy Castle verifies; small from the second; large from the 4,096th), so that u1·G +
 * u2·Q is additions only; a key without a table (a leaf certificate's) adds u2·Q by width-5 NAF
 * double-and-add and u1·G from the generator's table. The point arithmetic is {@link Jacobian}'s, on Bouncy
 * Castle's field primitives. P-521 and Ed25519 use Bouncy Castle's lightweight implementations. Every verification checks the
 * signature encoding strictly (DER, minimal integers, 0 &lt; r, s &lt; n) and the key (on the curve).
 */
final class FastVerify {
    private static final int MAX_CACHED_KEYS = 64;
    private static final Map<ByteBuffer, TrustedKey> TRUSTED_KEYS = new ConcurrentHashMap<>();
    private static final Map<String, ECDomainParameters> DOMAINS = new HashMap<>();
    /** Tables of the generators of P-256 and P-384 (the curves of Sigstore's trust material), grown with use. */
    private static final Map<ECDomainParameters, TieredTable> GENERATORS = new HashMap<>();
    private static final Map<ECDomainParameters, PrimeField> FIELDS = new HashMap<>();
    /** Window width of the NAF of u2 for keys without a table (8 precomputed odd multiples). */
    private static final int NAF_WIDTH = 5;
    private static final ThreadLocal<Map<String, MessageDigest>> DIGESTS = ThreadLocal.withInitial(HashMap::new);

    static {
        for (String name : new String[] {"secp256r1", "secp384r1", "secp521r1"}) {
            X9ECParameters x9 = CustomNamedCurves.getByName(name);
            DOMAINS.put(name, new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH()));
        }
        FIELDS.put(DOMAINS.get("secp256r1"), PrimeField.P256);
        FIELDS.put(DOMAINS.get("secp384r1"), PrimeField.P384);
        for (Map.Entry<ECDomainParameters, PrimeField> curve : FIELDS.entrySet()) {
            ECDomainParameters domain = curve.getKey();
            GENERATORS.put(domain, new TieredTable(domain.getG(), domain.getN().bitLength(), curve.getValue(),
                    FixedBaseTable.GENERATOR_WIDTH, false));
            if (!curve.getKey().getCurve().getField().getCharacteristic().equals(curve.getValue().p())) {
                throw new IllegalStateException("field and curve disagree");
            }
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
        TrustedKey trustedKey = null;
        ECPublicKeyParameters parameters;
        try {
            if (trusted) {
                trustedKey = trustedKey(key, ec);
                if (trustedKey == null) {
                    return false;
                }
                parameters = trustedKey.parameters();
            } else {
                parameters = convert(ec);
                if (parameters == null) {
                    return false;
                }
            }
        } catch (RuntimeException e) {
            return false;
        }
        BigInteger[] rs = decodeDer(signature);
        if (rs == null) {
            return false;
        }
        ECDomainParameters domain = parameters.getParameters();
        BigInteger n = domain.getN();
        if (rs[0].signum() <= 0 || rs[1].signum() <= 0 || rs[0].compareTo(n) >= 0 || rs[1].compareTo(n) >= 0) {
            return false;
        }
        byte[] hash = digest(digest, data);
        FixedBaseTable table = null;
        if (trustedKey != null) {
            try {
                table = trustedKey.table == null ? null : trustedKey.table.use();
            } catch (RuntimeException e) {
                table = null; // not a point of prime order: verified as a fresh key, which rejects it
            }
        }
        try {
            FixedBaseTable generator = generatorTableOnReuse(domain);
            if (generator == null) {
                ECDSASigner verifier = new ECDSASigner();
                verifier.init(false, parameters);
                return verifier.verifySignature(hash, rs[0], rs[1]);
            }
            if (table != null) {
                return verifyWithTables(domain, generator, table, hash, rs[0], rs[1]);
            }
            return verifyFreshKey(domain, generator, parameters.getQ(), hash, rs[0], rs[1]);
        } catch (RuntimeException e) {
            return false; // fail closed: never thrown for a key on the curve and r, s in range
        }
    }

    /**
     * ECDSA verification (SEC 1 v2, 4.1.4) with precomputed tables of the generator and of the key: R = u1·G +
     * u2·Q with u1 = e·s⁻¹ and u2 = r·s⁻¹ mod n, valid when R is finite and its x coordinate is r modulo n.
     *
     * @param domain P-256 or P-384
     * @param r the signature's r, with 0 &lt; r &lt; n
     * @param s the signature's s, with 0 &lt; s &lt; n
     */
    static boolean verifyWithTables(ECDomainParameters domain, FixedBaseTable generator, FixedBaseTable key,
            byte[] hash, BigInteger r, BigInteger s) {
        PrimeField field = FIELDS.get(domain);
        BigInteger n = domain.getN();
        BigInteger w = BigIntegers.modOddInverseVar(n, s);
        Jacobian sum = new Jacobian(field);
        generator.addMultiple(sum, hashToInteger(n, hash).multiply(w).mod(n));
        key.addMultiple(sum, r.multiply(w).mod(n));
        return xMatches(field, n, sum, r);
    }

    /**
     * {@link #verifyWithTables} for a key without a table (a leaf certificate's, used once): u2·Q by
     * double-and-add over the width-5 NAF of u2 with Q's odd multiples Q, 3Q, …, 15Q (affine), then u1·G
     * from the generator's table.
     *
     * @param q a finite point of the curve (of prime order: the curves have cofactor 1)
     */
    static boolean verifyFreshKey(ECDomainParameters domain, FixedBaseTable generator, ECPoint q,
            byte[] hash, BigInteger r, BigInteger s) {
        PrimeField field = FIELDS.get(domain);
        BigInteger n = domain.getN();
        BigInteger w = BigIntegers.modOddInverseVar(n, s);
        int count = 1 << (NAF_WIDTH - 2);
        int words = field.words();
        int[][] xs = new int[count][words];
        int[][] ys = new int[count][words];
        int[][] zs = new int[count][words];
        ECPoint affine = q.normalize();
        int[] qx = field.fromBigInteger(affine.getAffineXCoord().toBigInteger());
        int[] qy = field.fromBigInteger(affine.getAffineYCoord().toBigInteger());
        // 2Q in affine coordinates, then Q, 3Q, …, 15Q by adding it, all made affine with one inversion
        Jacobian sum = new Jacobian(field);
        sum.add(qx, qy, false);
        sum.twice();
        if (sum.isInfinity()) {
            return false; // a point of small order: not on a curve of cofactor 1
        }
        field.copy(sum.x, xs[0]);
        field.copy(sum.y, ys[0]);
        field.copy(sum.z, zs[0]);
        Jacobian.toAffine(field, xs, ys, zs, 1);
        int[] twiceX = xs[0].clone();
        int[] twiceY = ys[0].clone();
        sum.setInfinity();
        for (int j = 0; j < count; j++) {
            sum.add(j == 0 ? qx : twiceX, j == 0 ? qy : twiceY, false);
            if (sum.isInfinity()) {
                return false;
            }
            field.copy(sum.x, xs[j]);
            field.copy(sum.y, ys[j]);
            field.copy(sum.z, zs[j]);
        }
        Jacobian.toAffine(field, xs, ys, zs, count);
        sum.setInfinity();
        byte[] naf = WNafUtil.generateWindowNaf(NAF_WIDTH, r.multiply(w).mod(n));
        for (int i = naf.length - 1; i >= 0; i--) {
            sum.twice();
            int digit = naf[i];
            if (digit != 0) {
                int index = (Math.abs(digit) - 1) >> 1;
                sum.add(xs[index], ys[index], digit < 0);
            }
        }
        generator.addMultiple(sum, hashToInteger(n, hash).multiply(w).mod(n));
        return xMatches(field, n, sum, r);
    }

    /**
     * Whether R is finite and its x coordinate is r modulo n, compared without an inversion: in Jacobian
     * coordinates x = X/Z², so x ≡ r + j·n for one of the candidates r + j·n &lt; p is X = (r + j·n)·Z².
     */
    private static boolean xMatches(PrimeField field, BigInteger n, Jacobian point, BigInteger r) {
        if (point.isInfinity()) {
            return false;
        }
        for (BigInteger candidate = r; candidate.compareTo(field.p()) < 0; candidate = candidate.add(n)) {
            if (point.xEquals(field.fromBigInteger(candidate))) {
                return true;
            }
        }
        return false;
    }

    /** The domain of a named curve (secp256r1, secp384r1 or secp521r1), with Bouncy Castle's specialised arithmetic. */
    static ECDomainParameters domain(String name) {
        return DOMAINS.get(name);
    }

    /** The generator's table of the domain (at least the small one, built now if need be), or null for P-521. */
    static FixedBaseTable generatorTable(ECDomainParameters domain) {
        TieredTable generator = GENERATORS.get(domain);
        return generator == null ? null : generator.small();
    }

    /**
     * The generator's table for this use ({@link TieredTable#use}), null on the curve's first use and for
     * P-521: a process that verifies one signature (a command-line run) does not pay for building a table
     * (tens of milliseconds in a cold JVM).
     */
    private static FixedBaseTable generatorTableOnReuse(ECDomainParameters domain) {
        TieredTable generator = GENERATORS.get(domain);
        return generator == null ? null : generator.use();
    }

    /** The hash as an integer, its leftmost bits when it is longer than the order (SEC 1 v2, 4.1.3 step 5). */
    static BigInteger hashToInteger(BigInteger n, byte[] hash) {
        BigInteger e = new BigInteger(1, hash);
        int excess = hash.length * 8 - n.bitLength();
        return excess > 0 ? e.shiftRight(excess) : e;
    }

    /** The trusted key, converted on first use; null when not on a supported curve. */
    private static TrustedKey trustedKey(PublicKey key, ECPublicKey ec) {
        ByteBuffer encoded = ByteBuffer.wrap(key.getEncoded());
        TrustedKey known = TRUSTED_KEYS.get(encoded);
        if (known != null) {
            return known;
        }
        ECPublicKeyParameters parameters = convert(ec);
        if (parameters == null) {
            return null;
        }
        TrustedKey converted = new TrustedKey(parameters);
        if (TRUSTED_KEYS.size() >= MAX_CACHED_KEYS) {
            TRUSTED_KEYS.clear();
            TieredTable.keysDropped();
        }
        TRUSTED_KEYS.put(encoded, converted);
        return converted;
    }

    /** A trusted key converted once, with its table ({@link TieredTable}) on the curves that have tables. */
    private static final class TrustedKey {
        private final ECPublicKeyParameters parameters;
        /** Null on a curve without tables (P-521). */
        final TieredTable table;

        TrustedKey(ECPublicKeyParameters parameters) {
            this.parameters = parameters;
            ECDomainParameters domain = parameters.getParameters();
            PrimeField field = FIELDS.get(domain);
            this.table = field == null ? null : new TieredTable(parameters.getQ(), domain.getN().bitLength(), field,
                    FixedBaseTable.KEY_WIDTH, true);
        }

        ECPublicKeyParameters parameters() {
            return parameters;
        }
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
