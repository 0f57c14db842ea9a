package dev.palisade.sigstore.verify.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.sigstore.FuzzBudget;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECFieldElement;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;

/**
 * Differential tests of {@link FastVerify}'s ECDSA verification, with and without the fixed-base tables of
 * trusted keys, against Bouncy Castle's {@link ECDSASigner} and the JDK's {@link Signature}: valid
 * signatures verify, and every mutation (bits of the message, the signature or the key; r or s replaced by
 * 0, 1, n−1, n, n+1, p and other edge values; r + n; high s) gets the references' answer. Signatures whose
 * point R has x ≥ n (r = x − n, which only the "r + n" comparison accepts) and whose R is the point at
 * infinity are made by choosing R and deriving the public key. {@code -Dpalisade.fuzz.tries=N} runs longer.
 */
@AddLifecycleHook(FuzzBudget.class)
class FastVerifyPropertiesTest {

    /** The curves, by their JDK and Bouncy Castle name. */
    enum Curve {
        P256("secp256r1"), P384("secp384r1"), P521("secp521r1");

        final String name;
        final ECDomainParameters domain;
        final ECParameterSpec jdk;

        Curve(String name) {
            this.name = name;
            this.domain = FastVerify.domain(name);
            try {
                AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
                parameters.init(new ECGenParameterSpec(name));
                this.jdk = parameters.getParameterSpec(ECParameterSpec.class);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        BigInteger n() {
            return domain.getN();
        }

        BigInteger p() {
            return domain.getCurve().getField().getCharacteristic();
        }
    }

    /** The digests, by their JDK names. */
    enum Hash {
        SHA256("SHA-256", "SHA256withECDSA"), SHA384("SHA-384", "SHA384withECDSA"), SHA512("SHA-512", "SHA512withECDSA");

        final String digest;
        final String jca;

        Hash(String digest, String jca) {
            this.digest = digest;
            this.jca = jca;
        }
    }

    /** What is changed in a valid signature before it is verified. */
    enum Mutation {
        NONE, MESSAGE_BIT, SIGNATURE_BIT, KEY_BIT, OTHER_KEY, R_SPECIAL, S_SPECIAL, HIGH_S, R_PLUS_N, S_PLUS_N, SWAP_R_S
    }

    private record Key(Curve curve, PublicKey publicKey, PrivateKey privateKey, ECPoint point) {
    }

    private static Key key(Curve curve, BigInteger d) throws GeneralSecurityException {
        ECPoint q = curve.domain.getG().multiply(d).normalize();
        return jdkKey(curve, q, d);
    }

    private static Key jdkKey(Curve curve, ECPoint q, BigInteger d) throws GeneralSecurityException {
        KeyFactory factory = KeyFactory.getInstance("EC");
        java.security.spec.ECPoint w = new java.security.spec.ECPoint(q.getAffineXCoord().toBigInteger(),
                q.getAffineYCoord().toBigInteger());
        PublicKey publicKey = factory.generatePublic(new ECPublicKeySpec(w, curve.jdk));
        PrivateKey privateKey = d == null ? null : factory.generatePrivate(new ECPrivateKeySpec(d, curve.jdk));
        return new Key(curve, publicKey, privateKey, q);
    }

    private static BigInteger scalar(Curve curve, Random random) {
        return new BigInteger(curve.n().bitLength() + 64, random).mod(curve.n().subtract(BigInteger.ONE)).add(BigInteger.ONE);
    }

    private static byte[] der(BigInteger r, BigInteger s) {
        byte[] re = r.toByteArray();
        byte[] se = s.toByteArray();
        int body = 2 + re.length + 2 + se.length + (re.length >= 128 ? 1 : 0) + (se.length >= 128 ? 1 : 0);
        List<Byte> out = new ArrayList<>();
        out.add((byte) 0x30);
        if (body >= 128) {
            out.add((byte) 0x81);
        }
        out.add((byte) body);
        for (byte[] integer : new byte[][] {re, se}) {
            out.add((byte) 0x02);
            if (integer.length >= 128) {
                out.add((byte) 0x81);
            }
            out.add((byte) integer.length);
            for (byte b : integer) {
                out.add(b);
            }
        }
        byte[] bytes = new byte[out.size()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = out.get(i);
        }
        return bytes;
    }

    private static boolean jdkVerifies(Hash hash, PublicKey key, byte[] message, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(hash.jca);
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static boolean bcVerifies(Curve curve, ECPoint q, byte[] hash, BigInteger r, BigInteger s) {
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, new ECPublicKeyParameters(q, curve.domain));
        return verifier.verifySignature(hash, r, s);
    }

    private static byte[] digest(Hash hash, byte[] message) throws GeneralSecurityException {
        return java.security.MessageDigest.getInstance(hash.digest).digest(message);
    }

    /**
     * Our answer, first as a key without a table (NAF double-and-add), then twice as a trusted key (the table is
     * built on its second use); on P-521 Bouncy Castle's verification.
     */
    private static boolean ours(Key key, Hash hash, byte[] message, byte[] signature) {
        boolean untrusted = FastVerify.ecdsa(key.publicKey(), hash.digest, message, signature, false);
        boolean first = FastVerify.ecdsa(key.publicKey(), hash.digest, message, signature, true);
        boolean again = FastVerify.ecdsa(key.publicKey(), hash.digest, message, signature, true);
        assertEquals(untrusted, first, "trusted and untrusted paths agree");
        assertEquals(first, again, "the table path agrees with the first use");
        return again;
    }

    private static BigInteger special(Curve curve, BigInteger original, int which) {
        BigInteger n = curve.n();
        BigInteger p = curve.p();
        BigInteger[] values = {BigInteger.ZERO, BigInteger.ONE, n.subtract(BigInteger.ONE), n, n.add(BigInteger.ONE),
            p.subtract(BigInteger.ONE), p, p.add(BigInteger.ONE), p.subtract(n), BigInteger.ONE.shiftLeft(n.bitLength()).subtract(BigInteger.ONE),
            BigInteger.ONE.shiftLeft(n.bitLength() - 1), original.add(BigInteger.ONE), original.subtract(BigInteger.ONE), n.subtract(original),
            BigInteger.TWO, n.subtract(BigInteger.TWO)};
        return values[Math.floorMod(which, values.length)];
    }

    /** {r, s} changed as the scalar mutations say (special values, high s, + n, swapped); others leave them. */
    private static BigInteger[] mutateScalars(Curve curve, Mutation mutation, BigInteger r, BigInteger s, int position) {
        BigInteger n = curve.n();
        return switch (mutation) {
            case R_SPECIAL -> new BigInteger[] {special(curve, r, position), s};
            case S_SPECIAL -> new BigInteger[] {r, special(curve, s, position)};
            case HIGH_S -> new BigInteger[] {r, n.subtract(s)};
            case R_PLUS_N -> new BigInteger[] {r.add(n), s};
            case S_PLUS_N -> new BigInteger[] {r, s.add(n)};
            case SWAP_R_S -> new BigInteger[] {s, r};
            default -> new BigInteger[] {r, s};
        };
    }

    @Provide
    Arbitrary<byte[]> messages() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(300);
    }

    /** Signatures made by the JDK, mutated or not: ours agrees with the JDK and with Bouncy Castle. */
    @Property(tries = 300)
    void agreesWithTheJdkAndBouncyCastle(@ForAll Curve curve, @ForAll Hash hash, @ForAll("messages") byte[] message,
            @ForAll long seed, @ForAll Mutation mutation, @ForAll int position) throws Exception {
        Random random = new Random(seed);
        Key key = key(curve, scalar(curve, random));
        Signature signer = Signature.getInstance(hash.jca);
        signer.initSign(key.privateKey());
        signer.update(message);
        byte[] signature = signer.sign();
        BigInteger[] rs = FastVerify.decodeDer(signature);
        BigInteger r = rs[0];
        BigInteger s = rs[1];
        BigInteger n = curve.n();
        byte[] verifiedMessage = message;
        Key verifyingKey = key;
        switch (mutation) {
            case NONE -> {
            }
            case MESSAGE_BIT -> {
                verifiedMessage = message.length == 0 ? new byte[] {1} : message.clone();
                if (message.length > 0) {
                    verifiedMessage[Math.floorMod(position, message.length)] ^= (byte) (1 << Math.floorMod(position >> 16, 8));
                }
            }
            case SIGNATURE_BIT -> {
                signature = signature.clone();
                signature[Math.floorMod(position, signature.length)] ^= (byte) (1 << Math.floorMod(position >> 16, 8));
            }
            case KEY_BIT -> {
                // a neighbouring x coordinate: a point on the curve when one exists there, else an invalid key
                ECPoint q = key.point();
                BigInteger x = q.getAffineXCoord().toBigInteger().flipBit(Math.floorMod(position, curve.n().bitLength() - 1));
                ECFieldElement fx = curve.domain.getCurve().fromBigInteger(x);
                ECFieldElement rhs = fx.square().add(curve.domain.getCurve().getA()).multiply(fx).add(curve.domain.getCurve().getB());
                ECFieldElement y = rhs.sqrt();
                if (y != null) {
                    verifyingKey = jdkKey(curve, curve.domain.getCurve().createPoint(x, y.toBigInteger()), null);
                }
            }
            case OTHER_KEY -> verifyingKey = key(curve, scalar(curve, random));
            default -> {
                BigInteger[] mutated = mutateScalars(curve, mutation, r, s, position);
                r = mutated[0];
                s = mutated[1];
            }
        }
        if (mutation != Mutation.SIGNATURE_BIT) {
            signature = der(r, s);
        }
        boolean jdk = jdkVerifies(hash, verifyingKey.publicKey(), verifiedMessage, signature);
        boolean ours = ours(verifyingKey, hash, verifiedMessage, signature);
        assertEquals(jdk, ours, "ours and the JDK's answer for " + mutation);
        BigInteger[] decoded = FastVerify.decodeDer(signature);
        if (decoded != null) {
            assertEquals(bcVerifies(curve, verifyingKey.point(), digest(hash, verifiedMessage), decoded[0], decoded[1]), ours,
                    "ours and Bouncy Castle's answer for " + mutation);
        } else {
            assertFalse(ours);
        }
        if (mutation == Mutation.NONE || mutation == Mutation.HIGH_S) {
            assertTrue(ours, "a valid signature verifies");
        }
    }

    /**
     * Signatures whose R has x in [n, p), so r = x − n: made by choosing R and a random hash and s, and deriving
     * the key Q = r⁻¹(s·R − e·G). r verifies only through the "r + n" candidate; x itself (≥ n) never does.
     */
    @Property(tries = 60)
    void rWrapsAroundTheOrder(@ForAll Curve curve, @ForAll long seed, @ForAll int start) {
        Random random = new Random(seed);
        BigInteger n = curve.n();
        ECPoint g = curve.domain.getG();
        for (long offset = Math.floorMod(start, 1_000_000) + 1L; ; offset++) { // half of all x have a point
            BigInteger x = n.add(BigInteger.valueOf(offset));
            ECFieldElement fx = curve.domain.getCurve().fromBigInteger(x);
            ECFieldElement y = fx.square().add(curve.domain.getCurve().getA()).multiply(fx).add(curve.domain.getCurve().getB()).sqrt();
            if (y == null) {
                continue;
            }
            ECPoint point = curve.domain.getCurve().createPoint(x, y.toBigInteger());
            BigInteger r = x.subtract(n);
            BigInteger s = scalar(curve, random);
            byte[] hash = new byte[(n.bitLength() + 7) / 8];
            random.nextBytes(hash);
            BigInteger e = FastVerify.hashToInteger(n, hash);
            ECPoint q = point.multiply(s).subtract(g.multiply(e)).multiply(BigIntegers.modOddInverseVar(n, r)).normalize();
            assertTrue(bcVerifies(curve, q, hash, r, s), "the reference accepts the constructed signature");
            FixedBaseTable generator = FastVerify.generatorTable(curve.domain);
            if (generator != null) {
                FixedBaseTable table = FixedBaseTable.of(q, n.bitLength(), field(curve), FixedBaseTable.KEY_WIDTH);
                assertTrue(FastVerify.verifyWithTables(curve.domain, generator, table, hash, r, s));
                assertFalse(FastVerify.verifyWithTables(curve.domain, generator, table, hash, r.add(BigInteger.ONE), s));
                assertFalse(FastVerify.verifyWithTables(curve.domain, generator, table, hash, r, s.add(BigInteger.ONE)));
                assertTrue(FastVerify.verifyFreshKey(curve.domain, generator, q, hash, r, s));
                assertFalse(FastVerify.verifyFreshKey(curve.domain, generator, q, hash, r.add(BigInteger.ONE), s));
            }
            return;
        }
    }

    /** Q = −(e·r⁻¹)·G makes u1·G + u2·Q the point at infinity for every s: never valid. */
    @Property(tries = 60)
    void theSumAtInfinityIsRejected(@ForAll Curve curve, @ForAll long seed) throws Exception {
        Random random = new Random(seed);
        BigInteger n = curve.n();
        BigInteger r = scalar(curve, random);
        BigInteger s = scalar(curve, random);
        byte[] hash = new byte[(n.bitLength() + 7) / 8];
        random.nextBytes(hash);
        BigInteger e = FastVerify.hashToInteger(n, hash);
        BigInteger d = e.multiply(BigIntegers.modOddInverseVar(n, r)).negate().mod(n);
        if (d.signum() == 0) {
            return;
        }
        ECPoint q = curve.domain.getG().multiply(d).normalize();
        assertFalse(bcVerifies(curve, q, hash, r, s));
        FixedBaseTable generator = FastVerify.generatorTable(curve.domain);
        if (generator != null) {
            assertFalse(FastVerify.verifyWithTables(curve.domain, generator, FixedBaseTable.of(q, n.bitLength(), field(curve), FixedBaseTable.KEY_WIDTH), hash, r, s));
            assertFalse(FastVerify.verifyFreshKey(curve.domain, generator, q, hash, r, s));
        }
    }

    /** Hashes as integers at the edges (0, n, n + 1, all ones; longer than the order): ours agrees with Bouncy Castle. */
    @Property(tries = 100)
    void edgeHashesAgreeWithBouncyCastle(@ForAll Curve curve, @ForAll long seed, @ForAll int which) throws Exception {
        Random random = new Random(seed);
        BigInteger n = curve.n();
        BigInteger d = scalar(curve, random);
        ECPoint q = curve.domain.getG().multiply(d).normalize();
        int length = Math.floorMod(which >> 8, 3) == 0 ? (n.bitLength() + 7) / 8 : 64;
        BigInteger[] values = {BigInteger.ZERO, n, n.add(BigInteger.ONE), n.subtract(BigInteger.ONE),
            BigInteger.ONE.shiftLeft(length * 8).subtract(BigInteger.ONE), new BigInteger(length * 8, random)};
        BigInteger value = values[Math.floorMod(which, values.length)];
        if (length * 8 > n.bitLength() && value.bitLength() <= n.bitLength()) {
            value = value.shiftLeft(length * 8 - n.bitLength()); // the truncation keeps the leftmost bits
        }
        byte[] hash = BigIntegers.asUnsignedByteArray(length, value.mod(BigInteger.ONE.shiftLeft(length * 8)));
        // a valid signature of this hash with a random nonce, and the same with r changed
        BigInteger e = FastVerify.hashToInteger(n, hash);
        BigInteger k = scalar(curve, random);
        BigInteger r = curve.domain.getG().multiply(k).normalize().getAffineXCoord().toBigInteger().mod(n);
        BigInteger s = BigIntegers.modOddInverseVar(n, k).multiply(e.add(r.multiply(d))).mod(n);
        if (r.signum() == 0 || s.signum() == 0) {
            return;
        }
        FixedBaseTable generator = FastVerify.generatorTable(curve.domain);
        boolean reference = bcVerifies(curve, q, hash, r, s);
        assertTrue(reference);
        if (generator != null) {
            FixedBaseTable table = FixedBaseTable.of(q, n.bitLength(), field(curve), FixedBaseTable.KEY_WIDTH);
            assertEquals(reference, FastVerify.verifyWithTables(curve.domain, generator, table, hash, r, s));
            BigInteger other = r.add(BigInteger.ONE).mod(n);
            assertEquals(bcVerifies(curve, q, hash, other, s), FastVerify.verifyWithTables(curve.domain, generator, table, hash, other, s));
            assertEquals(reference, FastVerify.verifyFreshKey(curve.domain, generator, q, hash, r, s));
            assertEquals(bcVerifies(curve, q, hash, other, s), FastVerify.verifyFreshKey(curve.domain, generator, q, hash, other, s));
        }
    }

    private static PrimeField field(Curve curve) {
        return curve == Curve.P256 ? PrimeField.P256 : curve == Curve.P384 ? PrimeField.P384 : null;
    }

    private static void assertSamePoint(ECPoint expected, Jacobian actual, String what) {
        BigInteger[] affine = actual.affine();
        if (expected.isInfinity()) {
            assertEquals(null, affine, what);
            return;
        }
        ECPoint normal = expected.normalize();
        assertEquals(normal.getAffineXCoord().toBigInteger(), affine[0], what + ": x");
        assertEquals(normal.getAffineYCoord().toBigInteger(), affine[1], what + ": y");
    }

    /** Operations on the point arithmetic */
    enum Step {
        TWICE, ADD, SUBTRACT, ADD_ITSELF, ADD_OPPOSITE
    }

    /**
     * Doubling and adding affine points, including the exceptional cases (adding the accumulator's own value,
     * its opposite, adding to the point at infinity), give Bouncy Castle's points.
     */
    @Property(tries = 200)
    void pointArithmeticEqualsBouncyCastle(@ForAll("tabulated") Curve curve, @ForAll long seed,
            @ForAll @net.jqwik.api.constraints.Size(max = 30) List<Step> steps) {
        Random random = new Random(seed);
        Jacobian accumulator = new Jacobian(field(curve));
        ECPoint reference = curve.domain.getCurve().getInfinity();
        for (Step step : steps) {
            ECPoint operand = switch (step) {
                case TWICE -> null;
                case ADD, SUBTRACT -> curve.domain.getG().multiply(scalar(curve, random)).normalize();
                case ADD_ITSELF -> reference.normalize();
                case ADD_OPPOSITE -> reference.negate().normalize();
            };
            if (operand == null) {
                accumulator.twice();
                reference = reference.twice();
            } else if (operand.isInfinity()) {
                continue; // the accumulator is at infinity: nothing affine to add
            } else {
                boolean negate = step == Step.SUBTRACT;
                accumulator.add(field(curve).fromBigInteger(operand.getAffineXCoord().toBigInteger()),
                        field(curve).fromBigInteger(operand.getAffineYCoord().toBigInteger()), negate);
                reference = negate ? reference.subtract(operand) : reference.add(operand);
            }
            assertSamePoint(reference, accumulator, step.toString());
        }
    }

    @Provide
    Arbitrary<Curve> tabulated() {
        return Arbitraries.of(Curve.P256, Curve.P384);
    }

    /** The table's multiplication equals Bouncy Castle's for random scalars and window edges. */
    @Property(tries = 200)
    void tableMultiplicationEqualsBouncyCastle(@ForAll("tabulated") Curve curve, @ForAll long seed, @ForAll int which) {
        Random random = new Random(seed);
        BigInteger n = curve.n();
        ECPoint point = curve.domain.getG().multiply(scalar(curve, random));
        int width = 2 + Math.floorMod(which >> 12, 8); // widths 2..9: window edges at other places
        FixedBaseTable table = FixedBaseTable.of(point, n.bitLength(), field(curve), width);
        int bit = Math.floorMod(which, n.bitLength());
        BigInteger[] scalars = {BigInteger.ZERO, BigInteger.ONE, n.subtract(BigInteger.ONE), n.subtract(BigInteger.TWO),
            BigInteger.ONE.shiftLeft(bit), BigInteger.ONE.shiftLeft(bit).subtract(BigInteger.ONE),
            BigInteger.ONE.shiftLeft(width - 1).shiftLeft(width * Math.floorMod(which, n.bitLength() / width)),
            BigInteger.ONE.shiftLeft(width - 1).add(BigInteger.ONE).shiftLeft(width * Math.floorMod(which, n.bitLength() / width)),
            BigInteger.ONE.shiftLeft(width).subtract(BigInteger.ONE).shiftLeft(width * Math.floorMod(which, n.bitLength() / width)),
            scalar(curve, random), new BigInteger(n.bitLength(), random)};
        for (BigInteger k : scalars) {
            if (k.bitLength() > n.bitLength()) {
                continue;
            }
            Jacobian accumulator = new Jacobian(field(curve));
            table.addMultiple(accumulator, k);
            assertSamePoint(point.multiply(k), accumulator, "k = " + k.toString(16));
        }
    }

    /** A large table (12-bit windows) of one random point per curve, and of the generator, built once. */
    private static final java.util.Map<Curve, FixedBaseTable[]> LARGE = new java.util.concurrent.ConcurrentHashMap<>();

    /** The large tables of the curve's generator and of {@link #largeKey}. */
    private static FixedBaseTable[] large(Curve curve) {
        return LARGE.computeIfAbsent(curve, c -> new FixedBaseTable[] {
            FixedBaseTable.of(c.domain.getG(), c.n().bitLength(), field(c), FixedBaseTable.LARGE_WIDTH),
            FixedBaseTable.of(largeKey(c), c.n().bitLength(), field(c), FixedBaseTable.LARGE_WIDTH)});
    }

    /** The key of the large tables: a fixed scalar, so that every run tests the same table. */
    private static ECPoint largeKey(Curve curve) {
        return curve.domain.getG().multiply(largeKeyScalar(curve)).normalize();
    }

    private static BigInteger largeKeyScalar(Curve curve) {
        return new BigInteger("5a1e5ade0fca11ab1e5", 16).multiply(BigInteger.valueOf(curve.ordinal() + 3)).mod(curve.n());
    }

    /** The large tables' multiplication equals Bouncy Castle's, for random scalars and 12-bit window edges. */
    @Property(tries = 60)
    void largeTableMultiplicationEqualsBouncyCastle(@ForAll("tabulated") Curve curve, @ForAll long seed, @ForAll int which) {
        Random random = new Random(seed);
        BigInteger n = curve.n();
        int width = FixedBaseTable.LARGE_WIDTH;
        FixedBaseTable[] tables = large(curve);
        assertEquals(width, tables[1].width());
        ECPoint[] points = {curve.domain.getG(), largeKey(curve)};
        int window = Math.floorMod(which, n.bitLength() / width);
        BigInteger[] scalars = {BigInteger.ONE, n.subtract(BigInteger.ONE), BigInteger.ONE.shiftLeft(Math.floorMod(which, n.bitLength())),
            BigInteger.ONE.shiftLeft(width - 1).shiftLeft(width * window),
            BigInteger.ONE.shiftLeft(width - 1).add(BigInteger.ONE).shiftLeft(width * window),
            BigInteger.ONE.shiftLeft(width).subtract(BigInteger.ONE).shiftLeft(width * window),
            scalar(curve, random), new BigInteger(n.bitLength(), random)};
        for (int t = 0; t < 2; t++) {
            for (BigInteger k : scalars) {
                if (k.bitLength() > n.bitLength()) {
                    continue;
                }
                Jacobian accumulator = new Jacobian(field(curve));
                tables[t].addMultiple(accumulator, k);
                assertSamePoint(points[t].multiply(k), accumulator, "k = " + k.toString(16));
            }
        }
    }

    /**
     * Verification with the large tables of the generator and the key agrees with Bouncy Castle for valid
     * signatures and for every mutation of the message, r and s.
     */
    @Property(tries = 150)
    void largeTablesAgreeWithBouncyCastle(@ForAll("tabulated") Curve curve, @ForAll long seed, @ForAll Mutation mutation,
            @ForAll int position) {
        Random random = new Random(seed);
        BigInteger n = curve.n();
        byte[] hash = new byte[(n.bitLength() + 7) / 8];
        random.nextBytes(hash);
        BigInteger d = largeKeyScalar(curve);
        BigInteger k = scalar(curve, random);
        BigInteger r = curve.domain.getG().multiply(k).normalize().getAffineXCoord().toBigInteger().mod(n);
        BigInteger s = BigIntegers.modOddInverseVar(n, k).multiply(FastVerify.hashToInteger(n, hash).add(r.multiply(d))).mod(n);
        if (mutation == Mutation.MESSAGE_BIT || mutation == Mutation.SIGNATURE_BIT || mutation == Mutation.KEY_BIT
                || mutation == Mutation.OTHER_KEY) {
            hash[Math.floorMod(position, hash.length)] ^= (byte) (1 << Math.floorMod(position >> 16, 8));
        }
        BigInteger[] mutated = mutateScalars(curve, mutation, r, s, position);
        r = mutated[0];
        s = mutated[1];
        if (r.signum() <= 0 || s.signum() <= 0 || r.compareTo(n) >= 0 || s.compareTo(n) >= 0) {
            return; // FastVerify.ecdsa refuses these before the tables (tested with the DER signatures above)
        }
        FixedBaseTable[] tables = large(curve);
        boolean reference = bcVerifies(curve, largeKey(curve), hash, r, s);
        assertEquals(reference, FastVerify.verifyWithTables(curve.domain, tables[0], tables[1], hash, r, s), mutation.toString());
        assertEquals(reference, FastVerify.verifyFreshKey(curve.domain, tables[0], largeKey(curve), hash, r, s), mutation.toString());
        if (mutation == Mutation.NONE || mutation == Mutation.HIGH_S) {
            assertTrue(reference, "a valid signature verifies");
        }
    }

    /**
     * A point's table grows with use: none on the first use, the small one from the second, the large one from
     * {@link TieredTable#LARGE_AFTER} uses; at most {@link TieredTable#MAX_LARGE_KEY_TABLES} keys have a large
     * table, generators are not counted.
     */
    @Example
    void tablesGrowWithUse() {
        Curve curve = Curve.P256;
        int bits = curve.n().bitLength();
        TieredTable.keysDropped();
        List<TieredTable> keys = new ArrayList<>();
        for (int i = 0; i <= TieredTable.MAX_LARGE_KEY_TABLES; i++) {
            keys.add(new TieredTable(curve.domain.getG().multiply(BigInteger.valueOf(1_000 + i)), bits, PrimeField.P256,
                    FixedBaseTable.KEY_WIDTH, true));
        }
        TieredTable first = keys.get(0);
        assertEquals(null, first.use(), "no table on the first use");
        assertEquals(FixedBaseTable.KEY_WIDTH, first.use().width(), "the small table on the second use");
        for (int use = 3; use < TieredTable.LARGE_AFTER - 1; use++) {
            assertEquals(FixedBaseTable.KEY_WIDTH, first.use().width());
        }
        FixedBaseTable small = first.use();
        assertEquals(33L * 128 * 16 * 4, small.bytes(), "a P-256 key's small table: 33 windows of 128 points of 16 words");
        FixedBaseTable grown = first.use();
        assertEquals(FixedBaseTable.LARGE_WIDTH, grown.width(), "the large table from use " + TieredTable.LARGE_AFTER);
        assertEquals(22L * 2048 * 16 * 4, grown.bytes(), "a P-256 large table: 22 windows of 2,048 points, 2.9 MB");
        int large = 1;
        for (TieredTable key : keys.subList(1, keys.size())) {
            FixedBaseTable last = null;
            for (int use = 1; use <= TieredTable.LARGE_AFTER; use++) {
                last = key.use();
            }
            large += last.width() == FixedBaseTable.LARGE_WIDTH ? 1 : 0;
            assertTrue(last.width() == FixedBaseTable.LARGE_WIDTH || last.width() == FixedBaseTable.KEY_WIDTH);
        }
        assertEquals(TieredTable.MAX_LARGE_KEY_TABLES, large, "large key tables are capped");
        TieredTable generator = new TieredTable(curve.domain.getG(), bits, PrimeField.P256, FixedBaseTable.GENERATOR_WIDTH, false);
        FixedBaseTable last = null;
        for (int use = 1; use <= TieredTable.LARGE_AFTER; use++) {
            last = generator.use();
        }
        assertEquals(FixedBaseTable.LARGE_WIDTH, last.width(), "generators are not counted against the cap");
        TieredTable p384 = new TieredTable(Curve.P384.domain.getG(), Curve.P384.n().bitLength(), PrimeField.P384,
                FixedBaseTable.GENERATOR_WIDTH, false);
        assertEquals(43L * 256 * 24 * 4, p384.small().bytes(), "P-384 generator's small table: 1.06 MB");
        for (int use = 1; use <= TieredTable.LARGE_AFTER; use++) {
            last = p384.use();
        }
        assertEquals(33L * 2048 * 24 * 4, last.bytes(), "a P-384 large table: 33 windows of 2,048 points, 6.5 MB");
        TieredTable.keysDropped();
    }

    /** A trusted key verified past the large table's threshold still gives Bouncy Castle's answers. */
    @Example
    void aTrustedKeyInSteadyUseAgreesWithBouncyCastle() throws Exception {
        for (Curve curve : new Curve[] {Curve.P256, Curve.P384}) {
            Hash hash = curve == Curve.P256 ? Hash.SHA256 : Hash.SHA384;
            Key key = key(curve, BigInteger.valueOf(0x5eed + curve.ordinal()));
            byte[] message = "steady use".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            Signature signer = Signature.getInstance(hash.jca);
            signer.initSign(key.privateKey());
            signer.update(message);
            byte[] signature = signer.sign();
            for (int use = 0; use <= TieredTable.LARGE_AFTER; use++) {
                assertTrue(FastVerify.ecdsa(key.publicKey(), hash.digest, message, signature, true), "use " + use);
            }
            BigInteger[] rs = FastVerify.decodeDer(signature);
            Random random = new Random(curve.ordinal());
            for (int i = 0; i < 40; i++) {
                byte[] changed = message.clone();
                changed[random.nextInt(changed.length)] ^= (byte) (1 << random.nextInt(8));
                BigInteger r = i % 2 == 0 ? rs[0] : special(curve, rs[0], i);
                byte[] mutated = i % 3 == 0 ? der(r, rs[1]) : signature;
                byte[] verified = i % 3 == 0 ? message : changed;
                boolean reference = FastVerify.decodeDer(mutated) != null
                        && bcVerifies(curve, key.point(), digest(hash, verified), FastVerify.decodeDer(mutated)[0], FastVerify.decodeDer(mutated)[1]);
                assertEquals(reference, FastVerify.ecdsa(key.publicKey(), hash.digest, verified, mutated, true), "mutation " + i);
            }
        }
    }

    /**
     * Threads verifying with one trusted key while its tables grow (the small table built under a lock, the
     * large one by the thread that reaches the threshold while the others go on with the small one) all get the
     * right answers, valid and invalid alike.
     */
    @Example
    void concurrentUseWhileTheTablesGrowAgrees() throws Exception {
        Curve curve = Curve.P256;
        Key key = key(curve, BigInteger.valueOf(0xc0ffee));
        byte[] message = "concurrent".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance(Hash.SHA256.jca);
        signer.initSign(key.privateKey());
        signer.update(message);
        byte[] signature = signer.sign();
        byte[] other = "concurrenT".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int threads = 4;
        int each = TieredTable.LARGE_AFTER / 2 + 200; // together well past the threshold
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<Integer>> wrong = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                wrong.add(pool.submit(() -> {
                    int mistakes = 0;
                    for (int i = 0; i < each; i++) {
                        boolean valid = i % 4 != 3;
                        boolean answer = FastVerify.ecdsa(key.publicKey(), Hash.SHA256.digest, valid ? message : other, signature, true);
                        mistakes += answer == valid ? 0 : 1;
                    }
                    return mistakes;
                }));
            }
            for (java.util.concurrent.Future<Integer> result : wrong) {
                assertEquals(0, result.get(), "wrong answers in one thread");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Keys that are not on the curve, and the signature verified with them, are rejected. */
    @Example
    void aKeyOffTheCurveIsRejected() throws Exception {
        Curve curve = Curve.P256;
        Key key = key(curve, BigInteger.valueOf(12345));
        byte[] message = {1, 2, 3};
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(key.privateKey());
        signer.update(message);
        byte[] signature = signer.sign();
        assertTrue(ours(key, Hash.SHA256, message, signature));
        ECPublicKey valid = (ECPublicKey) key.publicKey();
        java.security.spec.ECPoint w = valid.getW();
        PublicKey off = KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(
                new java.security.spec.ECPoint(w.getAffineX(), w.getAffineY().add(BigInteger.ONE)), curve.jdk));
        assertFalse(FastVerify.ecdsa(off, "SHA-256", message, signature, false));
        assertFalse(FastVerify.ecdsa(off, "SHA-256", message, signature, true));
        assertFalse(FastVerify.ecdsa(off, "SHA-256", message, signature, true));
    }

    /** A table is refused for the point at infinity. */
    @Example
    void noTableForTheInfinity() {
        ECDomainParameters domain = Curve.P256.domain;
        try {
            FixedBaseTable.of(domain.getCurve().getInfinity(), 256, PrimeField.P256, 7);
        } catch (IllegalArgumentException expected) {
            return;
        }
        throw new AssertionError("a table for the point at infinity");
    }
}
