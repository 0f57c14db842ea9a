package dev.palisade.sigstore.verify.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Signature schemes named by key details, and the per-thread reuse of {@link Signature} objects. */
class SignatureSchemeTest {
    private static final byte[] DATA = "checkpoint text\n".getBytes(StandardCharsets.UTF_8);

    private static byte[] sign(String algorithm, KeyPair key) throws Exception {
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key.getPrivate());
        signer.update(DATA);
        return signer.sign();
    }

    @Test
    void aFailedVerificationDoesNotSpoilTheNextOneOnTheSameThread() throws Exception {
        KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] good = sign("Ed25519", ed);
        assertTrue(SignatureScheme.ED25519.verify(ed.getPublic(), DATA, good));
        assertFalse(SignatureScheme.ED25519.verify(ed.getPublic(), DATA, new byte[10]), "a malformed signature throws inside");
        assertTrue(SignatureScheme.ED25519.verify(ed.getPublic(), DATA, good), "the next verification still works");
        KeyPair ec = KeyPairGenerator.getInstance("EC").generateKeyPair();
        byte[] ecGood = sign("SHA256withECDSA", ec);
        assertFalse(SignatureScheme.ECDSA_SHA256.verify(ec.getPublic(), DATA, new byte[] {0x30, 0x02, 0x01}));
        assertTrue(SignatureScheme.ECDSA_SHA256.verify(ec.getPublic(), DATA, ecGood));
    }

    @Test
    void keyDetailsNameTheirScheme() {
        assertEquals(Optional.of(SignatureScheme.ECDSA_SHA384), SignatureScheme.forKeyDetails("PKIX_ECDSA_P384_SHA_384"));
        assertEquals(Optional.of(SignatureScheme.RSA_PKCS1_SHA256), SignatureScheme.forKeyDetails("PKCS1_RSA_PKCS1V5"));
        assertEquals(Optional.of(SignatureScheme.ED25519_PH), SignatureScheme.forKeyDetails("PKIX_ED25519_PH"));
        assertEquals(Optional.empty(), SignatureScheme.forKeyDetails("LMS_SHA256"));
        assertTrue(SignatureScheme.isPkcs1("PKCS1_RSA_PSS"));
    }

    @Test
    void aSchemeVerifiesOnlyWithItsOwnDigest() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp384r1"));
        KeyPair p384 = generator.generateKeyPair();
        byte[] sha384 = sign("SHA384withECDSA", p384);
        assertTrue(SignatureScheme.ECDSA_SHA384.verify(p384.getPublic(), DATA, sha384));
        assertFalse(SignatureScheme.ECDSA_SHA256.verify(p384.getPublic(), DATA, sha384));
        KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        assertFalse(SignatureScheme.ECDSA_SHA256.verify(ed.getPublic(), DATA, sign("Ed25519", ed)), "wrong key family");
    }

    @Test
    void ecdsaSignaturesMustBeStrictDer() throws Exception {
        KeyPair ec = KeyPairGenerator.getInstance("EC").generateKeyPair();
        byte[] good = sign("SHA256withECDSA", ec);
        assertTrue(SignatureScheme.ECDSA_SHA256.verify(ec.getPublic(), DATA, good));
        byte[] trailing = java.util.Arrays.copyOf(good, good.length + 1);
        assertFalse(SignatureScheme.ECDSA_SHA256.verify(ec.getPublic(), DATA, trailing), "trailing bytes");
        java.math.BigInteger[] rs = FastVerify.decodeDer(good);
        byte[] r = rs[0].toByteArray();
        byte[] s = rs[1].toByteArray();
        byte[] padded = new byte[r.length + 1];
        System.arraycopy(r, 0, padded, 1, r.length);
        assertFalse(SignatureScheme.ECDSA_SHA256.verify(ec.getPublic(), DATA, der(padded, s)), "non-minimal r");
        assertTrue(SignatureScheme.ECDSA_SHA256.verify(ec.getPublic(), DATA, der(r, s)), "re-encoded the same");
        assertFalse(SignatureScheme.ECDSA_SHA256.verify(ec.getPublic(), DATA, der(new byte[] {0}, s)), "r = 0");
        java.math.BigInteger n = ((java.security.interfaces.ECPublicKey) ec.getPublic()).getParams().getOrder();
        assertFalse(SignatureScheme.ECDSA_SHA256.verify(ec.getPublic(), DATA, der(rs[0].add(n).toByteArray(), s)), "r + n");
    }

    @Test
    void ed25519AndEd25519phAreDifferentSchemes() throws Exception {
        KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] pure = sign("Ed25519", ed);
        Signature ph = Signature.getInstance("Ed25519");
        ph.setParameter(new java.security.spec.EdDSAParameterSpec(true));
        ph.initSign(ed.getPrivate());
        ph.update(DATA);
        byte[] prehashed = ph.sign();
        assertTrue(SignatureScheme.ED25519.verify(ed.getPublic(), DATA, pure));
        assertTrue(SignatureScheme.ED25519_PH.verify(ed.getPublic(), DATA, prehashed));
        assertFalse(SignatureScheme.ED25519.verify(ed.getPublic(), DATA, prehashed));
        assertFalse(SignatureScheme.ED25519_PH.verify(ed.getPublic(), DATA, pure));
    }

    private static byte[] der(byte[] r, byte[] s) {
        byte[] out = new byte[6 + r.length + s.length];
        out[0] = 0x30;
        out[1] = (byte) (4 + r.length + s.length);
        out[2] = 0x02;
        out[3] = (byte) r.length;
        System.arraycopy(r, 0, out, 4, r.length);
        out[4 + r.length] = 0x02;
        out[5 + r.length] = (byte) s.length;
        System.arraycopy(s, 0, out, 6 + r.length, s.length);
        return out;
    }
}
