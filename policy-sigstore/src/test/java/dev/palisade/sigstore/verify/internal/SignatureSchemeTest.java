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
}
