package dev.palisade.sigstore.verify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds Sigstore bundle JSON from the test PKI: a DSSE in-toto statement (cosign v3 image signature)
 * or a message signature, signed by a leaf certificate or a key, logged with a SET and an inclusion
 * proof in a small Merkle tree with a signed checkpoint. Fields are mutable so a test can break one
 * thing at a time.
 */
final class TestBundle {
    static final String V03 = "application/vnd.dev.sigstore.bundle.v0.3+json";

    final TestPki pki;
    String mediaType = V03;
    String payloadType = "application/vnd.in-toto+json";
    byte[] payload;
    byte[] artifact;
    X509Certificate certificate;
    KeyPair signer;
    Instant integrated = TestPki.NOW;
    boolean withSet = true;
    boolean withProof = true;
    boolean corruptProof;
    KeyPair checkpointKey;
    boolean twoSignatures;
    KeyPair logKey;

    private TestBundle(TestPki pki) {
        this.pki = pki;
        this.logKey = pki.rekorKey;
        this.checkpointKey = pki.rekorKey;
    }

    /** A cosign v3 image signature: in-toto Statement v1 whose subject has no name. */
    static TestBundle imageSignature(TestPki pki, TestPki.Leaf leaf, String digest) {
        TestBundle bundle = new TestBundle(pki);
        bundle.payload = statement(digest.substring("sha256:".length()));
        bundle.certificate = leaf.certificate();
        bundle.signer = leaf.key();
        return bundle;
    }

    /** A message signature over an artifact, as cosign sign-blob --bundle writes it. */
    static TestBundle blobSignature(TestPki pki, TestPki.Leaf leaf, byte[] artifact) {
        TestBundle bundle = new TestBundle(pki);
        bundle.artifact = artifact;
        bundle.certificate = leaf.certificate();
        bundle.signer = leaf.key();
        return bundle;
    }

    static byte[] statement(String sha256Hex) {
        return ("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"digest\":{\"sha256\":\"" + sha256Hex
                + "\"},\"annotations\":{}}],\"predicateType\":\"https://sigstore.dev/cosign/sign/v1\"}").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] pae(String type, byte[] payload) {
        byte[] head = ("DSSEv1 " + type.getBytes(StandardCharsets.UTF_8).length + " " + type + " " + payload.length + " ")
                .getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + payload.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(payload, 0, out, head.length, payload.length);
        return out;
    }

    private String signerPem() {
        return certificate != null ? TestPki.pem(certificate) : TestPki.pem(signer.getPublic());
    }

    byte[] toJson() {
        ObjectNode bundle = TestPki.JSON.createObjectNode();
        bundle.put("mediaType", mediaType);
        ObjectNode material = bundle.putObject("verificationMaterial");
        try {
            if (certificate != null) {
                material.putObject("certificate").put("rawBytes", TestPki.b64(certificate.getEncoded()));
            } else {
                material.putObject("publicKey").put("hint", "test-key");
            }
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
        byte[] signature;
        byte[] body;
        if (artifact == null) {
            signature = TestPki.sign(signer.getPrivate(), pae(payloadType, payload));
            body = TestPki.dsseBody(payload, signature, signerPem());
            ObjectNode envelope = bundle.putObject("dsseEnvelope");
            envelope.put("payload", TestPki.b64(payload)).put("payloadType", payloadType);
            ArrayNode signatures = envelope.putArray("signatures");
            signatures.addObject().put("sig", TestPki.b64(signature)).put("keyid", "");
            if (twoSignatures) {
                signatures.addObject().put("sig", TestPki.b64(signature)).put("keyid", "again");
            }
        } else {
            signature = TestPki.sign(signer.getPrivate(), artifact);
            body = TestPki.hashedRekordBody(artifact, signature, signerPem());
            ObjectNode message = bundle.putObject("messageSignature");
            message.putObject("messageDigest").put("algorithm", "SHA2_256").put("digest", TestPki.b64(TestPki.sha256(artifact)));
            message.put("signature", TestPki.b64(signature));
        }
        TestPki.Entry entry = TestPki.entry(body, integrated, logKey);
        ObjectNode tlog = material.putArray("tlogEntries").addObject();
        tlog.put("logIndex", String.valueOf(entry.logIndex()));
        tlog.putObject("logId").put("keyId", TestPki.b64(entry.logId()));
        tlog.putObject("kindVersion").put("kind", artifact == null ? "dsse" : "hashedrekord").put("version", "0.0.1");
        tlog.put("integratedTime", String.valueOf(entry.integratedTime()));
        if (withSet) {
            tlog.putObject("inclusionPromise").put("signedEntryTimestamp", TestPki.b64(entry.set()));
        }
        if (withProof) {
            List<byte[]> leaves = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                leaves.add(("other entry " + i).getBytes(StandardCharsets.UTF_8));
            }
            int index = 4;
            leaves.set(index, body);
            byte[] rootHash = TestPki.treeHash(leaves);
            List<byte[]> path = TestPki.auditPath(index, leaves);
            if (corruptProof) {
                path.get(1)[0] ^= 1;
            }
            ObjectNode proof = tlog.putObject("inclusionProof");
            proof.put("logIndex", String.valueOf(index)).put("rootHash", TestPki.b64(rootHash)).put("treeSize", String.valueOf(leaves.size()));
            ArrayNode hashes = proof.putArray("hashes");
            path.forEach(h -> hashes.add(TestPki.b64(h)));
            proof.putObject("checkpoint").put("envelope", TestPki.checkpoint("rekor.test - 1", leaves.size(), rootHash, checkpointKey));
        }
        tlog.put("canonicalizedBody", TestPki.b64(body));
        return TestPki.json(bundle);
    }
}
