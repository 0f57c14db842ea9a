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
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Builds Sigstore bundle JSON from the test PKI: a DSSE in-toto statement (cosign v3 image signature
 * or an attestation) or a message signature, signed by a leaf certificate or a key, logged in Rekor v1
 * (SET, inclusion proof in a small Merkle tree, Rekor v1 checkpoint; {@code hashedrekord}, {@code dsse}
 * 0.0.1 or {@code intoto} 0.0.2) or Rekor v2 ({@code hashedrekord}/{@code dsse} 0.0.2, C2SP checkpoint
 * with optional witness cosignatures, an RFC 3161 timestamp as the signing time). Fields are mutable so a
 * test can break one thing at a time; {@link #tamper} edits the JSON after everything is signed. Written
 * from the bundle, Rekor and C2SP formats, independently of the code under test.
 */
final class TestBundle {
    static final String V01 = "application/vnd.dev.sigstore.bundle+json;version=0.1";
    static final String V02 = "application/vnd.dev.sigstore.bundle+json;version=0.2";
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
    /** Write the material as an {@code x509CertificateChain} (v0.1/v0.2 style) instead of a certificate. */
    boolean chainMaterial;
    /** Log the DSSE envelope as an {@code intoto} 0.0.2 entry instead of {@code dsse} 0.0.1. */
    boolean intoto;
    /** Log in Rekor v2; {@code v2Kind} is {@code hashedrekord} or {@code dsse}. */
    boolean rekorV2;
    String v2Kind = "hashedrekord";
    /** The name on the log's checkpoint signature line (Rekor v1: the host; v2: the origin). */
    String checkpointName;
    /** Witness cosignatures added to a Rekor v2 checkpoint: name → Ed25519 key. */
    final List<Map.Entry<String, KeyPair>> cosigners = new ArrayList<>();
    /** Add an RFC 3161 timestamp over the signature, generated at this time, by this TSA key and certificate. */
    Instant timestampAt;
    KeyPair tsaKey;
    X509Certificate tsaCertificate;
    /** Edits applied to the finished JSON (nothing is signed again). */
    Consumer<ObjectNode> tamper = bundle -> { };

    private TestBundle(TestPki pki) {
        this.pki = pki;
        this.logKey = pki.rekorKey;
        this.checkpointKey = pki.rekorKey;
        this.tsaKey = pki.tsaKey;
        this.tsaCertificate = pki.tsaCert;
    }

    /** A cosign v3 image signature: in-toto Statement v1 whose subject has no name. */
    static TestBundle imageSignature(TestPki pki, TestPki.Leaf leaf, String digest) {
        return attestation(pki, leaf, statement(digest.substring("sha256:".length())));
    }

    /** A DSSE in-toto statement with this payload. */
    static TestBundle attestation(TestPki pki, TestPki.Leaf leaf, byte[] statement) {
        TestBundle bundle = new TestBundle(pki);
        bundle.payload = statement;
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

    /** This bundle logged in the Rekor v2 log of the PKI, with a TSA timestamp as its signing time. */
    TestBundle rekorV2(String kind) {
        rekorV2 = true;
        v2Kind = kind;
        withSet = false;
        withProof = true;
        logKey = pki.rekorV2Key;
        checkpointKey = pki.rekorV2Key;
        timestampAt = TestPki.NOW;
        return this;
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

    private static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    byte[] toJson() {
        ObjectNode bundle = TestPki.JSON.createObjectNode();
        bundle.put("mediaType", mediaType);
        ObjectNode material = bundle.putObject("verificationMaterial");
        if (certificate != null && chainMaterial) {
            ArrayNode chain = material.putObject("x509CertificateChain").putArray("certificates");
            chain.addObject().put("rawBytes", TestPki.b64(der(certificate)));
            chain.addObject().put("rawBytes", TestPki.b64(der(pki.intermediate)));
            chain.addObject().put("rawBytes", TestPki.b64(der(pki.root)));
        } else if (certificate != null) {
            material.putObject("certificate").put("rawBytes", TestPki.b64(der(certificate)));
        } else {
            material.putObject("publicKey").put("hint", "test-key");
        }
        byte[] signature;
        byte[] body;
        String kind;
        String version;
        if (artifact == null) {
            signature = TestPki.sign(signer.getPrivate(), pae(payloadType, payload));
            ObjectNode envelope = bundle.putObject("dsseEnvelope");
            envelope.put("payload", TestPki.b64(payload)).put("payloadType", payloadType);
            ArrayNode signatures = envelope.putArray("signatures");
            signatures.addObject().put("sig", TestPki.b64(signature)).put("keyid", "");
            if (twoSignatures) {
                signatures.addObject().put("sig", TestPki.b64(signature)).put("keyid", "again");
            }
            if (rekorV2) {
                body = v2Kind.equals("dsse") ? dsseV2Body(signature) : hashedRekordV2Body(TestPki.sha256(pae(payloadType, payload)), signature);
                kind = v2Kind;
                version = "0.0.2";
            } else if (intoto) {
                body = TestPki.intotoBody(payloadType, payload, signature, signerPem());
                kind = "intoto";
                version = "0.0.2";
            } else {
                body = TestPki.dsseBody(payload, signature, signerPem());
                kind = "dsse";
                version = "0.0.1";
            }
        } else {
            signature = TestPki.sign(signer.getPrivate(), artifact);
            ObjectNode message = bundle.putObject("messageSignature");
            message.putObject("messageDigest").put("algorithm", "SHA2_256").put("digest", TestPki.b64(TestPki.sha256(artifact)));
            message.put("signature", TestPki.b64(signature));
            body = rekorV2 ? hashedRekordV2Body(TestPki.sha256(artifact), signature)
                    : TestPki.hashedRekordBody(artifact, signature, signerPem());
            kind = "hashedrekord";
            version = rekorV2 ? "0.0.2" : "0.0.1";
        }
        if (timestampAt != null) {
            material.putObject("timestampVerificationData").putArray("rfc3161Timestamps").addObject()
                    .put("signedTimestamp", TestPki.b64(TestPki.timestamp(signature, timestampAt, tsaKey, tsaCertificate)));
        }
        ObjectNode tlog = material.putArray("tlogEntries").addObject();
        int index = 4;
        if (rekorV2) {
            tlog.put("logIndex", String.valueOf(index));
            tlog.putObject("logId").put("keyId", TestPki.b64(TestPki.noteKeyHash(TestPki.REKOR_V2_ORIGIN, logKey.getPublic())));
        } else {
            TestPki.Entry entry = TestPki.entry(body, integrated, logKey);
            tlog.put("logIndex", String.valueOf(entry.logIndex()));
            tlog.putObject("logId").put("keyId", TestPki.b64(entry.logId()));
            tlog.put("integratedTime", String.valueOf(entry.integratedTime()));
            if (withSet) {
                tlog.putObject("inclusionPromise").put("signedEntryTimestamp", TestPki.b64(entry.set()));
            }
        }
        tlog.putObject("kindVersion").put("kind", kind).put("version", version);
        if (withProof) {
            List<byte[]> leaves = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                leaves.add(("other entry " + i).getBytes(StandardCharsets.UTF_8));
            }
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
            String checkpoint;
            if (rekorV2) {
                List<Map.Entry<String, KeyPair>> signers = new ArrayList<>();
                signers.add(Map.entry(checkpointName == null ? TestPki.REKOR_V2_ORIGIN : checkpointName, checkpointKey));
                signers.addAll(cosigners);
                checkpoint = TestPki.c2spCheckpoint(TestPki.REKOR_V2_ORIGIN, leaves.size(), rootHash, signers, List.of());
            } else {
                checkpoint = TestPki.checkpoint("rekor.test - 1", leaves.size(), rootHash, checkpointKey);
                if (checkpointName != null) {
                    checkpoint = checkpoint.replace("\u2014 rekor.test ", "\u2014 " + checkpointName + " ");
                }
            }
            proof.putObject("checkpoint").put("envelope", checkpoint);
        }
        tlog.put("canonicalizedBody", TestPki.b64(body));
        tamper.accept(bundle);
        return TestPki.json(bundle);
    }

    /** The Rekor v2 verifier of the signer: its certificate or key, with the key details Rekor v2 records. */
    private Map<String, Object> v2Verifier() {
        Map<String, Object> verifier = new TreeMap<>();
        verifier.put("keyDetails", "PKIX_ECDSA_P256_SHA_256");
        if (certificate != null) {
            verifier.put("x509Certificate", Map.of("rawBytes", TestPki.b64(der(certificate))));
        } else {
            verifier.put("publicKey", Map.of("rawBytes", TestPki.b64(signer.getPublic().getEncoded())));
        }
        return verifier;
    }

    private byte[] hashedRekordV2Body(byte[] digest, byte[] signature) {
        Map<String, Object> spec = new TreeMap<>();
        spec.put("data", Map.of("algorithm", "SHA2_256", "digest", TestPki.b64(digest)));
        spec.put("signature", Map.of("content", TestPki.b64(signature), "verifier", v2Verifier()));
        return TestPki.json(Map.of("apiVersion", "0.0.2", "kind", "hashedrekord", "spec", Map.of("hashedRekordV002", spec)));
    }

    private byte[] dsseV2Body(byte[] signature) {
        Map<String, Object> spec = new TreeMap<>();
        spec.put("payloadHash", Map.of("algorithm", "SHA2_256", "digest", TestPki.b64(TestPki.sha256(payload))));
        spec.put("signatures", List.of(Map.of("content", TestPki.b64(signature), "verifier", v2Verifier())));
        return TestPki.json(Map.of("apiVersion", "0.0.2", "kind", "dsse", "spec", Map.of("dsseV002", spec)));
    }
}
