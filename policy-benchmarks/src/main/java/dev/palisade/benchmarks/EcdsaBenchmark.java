package dev.palisade.benchmarks;

import dev.palisade.sigstore.verify.internal.SignatureScheme;
import dev.palisade.sigstore.verify.internal.Signatures;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One ECDSA verification on P-256 (SHA-256) or P-384 (SHA-384), the kinds a keyless verification makes,
 * side by side: Palisade with a trusted key (a log's or a CA's, with its fixed-base table), Palisade with a
 * key seen for the first time (a leaf certificate's), Bouncy Castle's {@code ECDSASigner} with the key
 * converted once (what Palisade did for trusted keys before the tables), and the JDK's {@link Signature}.
 *
 * <pre>
 * java -jar policy-benchmarks/target/benchmarks.jar EcdsaBenchmark -f 1 -wi 3 -w 1s -i 5 -r 1s
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EcdsaBenchmark {

    /** A key pair on the curve and one signature of a short message. */
    @State(Scope.Benchmark)
    public static class Fixture {
        /** The curve: secp256r1 (with SHA-256) or secp384r1 (with SHA-384). */
        @Param({"secp256r1", "secp384r1"})
        public String curve;

        ECPublicKey key;
        byte[] message;
        byte[] signature;
        byte[] hash;
        BigInteger r;
        BigInteger s;
        String jca;
        SignatureScheme scheme;
        ECPublicKeyParameters bouncyCastleKey;

        /** Makes the key and the signature and checks that every verifier accepts it. */
        @Setup(Level.Trial)
        public void sign() throws Exception {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve));
            KeyPair pair = generator.generateKeyPair();
            key = (ECPublicKey) pair.getPublic();
            boolean p256 = curve.equals("secp256r1");
            jca = p256 ? "SHA256withECDSA" : "SHA384withECDSA";
            scheme = p256 ? SignatureScheme.ECDSA_SHA256 : SignatureScheme.ECDSA_SHA384;
            message = "{\"payloadType\":\"application/vnd.in-toto+json\",\"kind\":\"benchmark\"}".getBytes(StandardCharsets.UTF_8);
            Signature signer = Signature.getInstance(jca);
            signer.initSign(pair.getPrivate());
            signer.update(message);
            signature = signer.sign();
            hash = MessageDigest.getInstance(p256 ? "SHA-256" : "SHA-384").digest(message);
            ASN1Sequence sequence = ASN1Sequence.getInstance(signature);
            r = ASN1Integer.getInstance(sequence.getObjectAt(0)).getPositiveValue();
            s = ASN1Integer.getInstance(sequence.getObjectAt(1)).getPositiveValue();
            X9ECParameters x9 = CustomNamedCurves.getByName(curve);
            ECDomainParameters domain = new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH());
            bouncyCastleKey = new ECPublicKeyParameters(domain.getCurve().validatePoint(key.getW().getAffineX(),
                    key.getW().getAffineY()), domain);
            EcdsaBenchmark benchmark = new EcdsaBenchmark();
            if (!benchmark.palisadeTrustedKey(this) || !benchmark.palisadeFreshKey(this) || !benchmark.bouncyCastle(this)
                    || !benchmark.jdk(this)) {
                throw new IllegalStateException("a verifier rejects the signature");
            }
        }
    }

    /** Palisade, a trusted key: u1·G + u2·Q from the fixed-base tables of the generator and the key. */
    @Benchmark
    public boolean palisadeTrustedKey(Fixture fixture) {
        return fixture.scheme.verify(fixture.key, fixture.message, fixture.signature);
    }

    /**
     * Palisade, a key that is not trust material (a leaf certificate's): converted per call and verified by Bouncy
     * Castle's ECDSASigner. On P-384 this is the path of cosign keys, whose files do not say the digest: it
     * tries SHA-256 first, so it makes two verifications.
     */
    @Benchmark
    public boolean palisadeFreshKey(Fixture fixture) {
        return Signatures.verify(fixture.key, fixture.message, fixture.signature);
    }

    /** Bouncy Castle's ECDSASigner with the key converted once (its wNAF tables cached on the point), hashing included. */
    @Benchmark
    public boolean bouncyCastle(Fixture fixture) throws Exception {
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, fixture.bouncyCastleKey);
        byte[] hash = MessageDigest.getInstance(fixture.curve.equals("secp256r1") ? "SHA-256" : "SHA-384").digest(fixture.message);
        return verifier.verifySignature(hash, fixture.r, fixture.s);
    }

    /** The JDK's provider (SunEC), key and signature as they come. */
    @Benchmark
    public boolean jdk(Fixture fixture) throws Exception {
        Signature verifier = Signature.getInstance(fixture.jca);
        verifier.initVerify(fixture.key);
        verifier.update(fixture.message);
        return verifier.verify(fixture.signature);
    }
}
