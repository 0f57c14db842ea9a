package dev.palisade.sigstore.verify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A Sigstore-like PKI generated in the tests: Fulcio-style root and intermediate CAs, a CT log key
 * that signs embedded SCTs, and a Rekor key that signs SETs and checkpoints; plus builders for
 * leaf certificates, log entries, Merkle trees, legacy layers, bundles and trusted_root.json.
 * Written from RFC 6962/9162 and the Sigstore formats, independently of the code under test.
 */
final class TestPki {
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final Instant LONG_AGO = Instant.parse("2020-01-01T00:00:00Z");
    static final Instant FAR_AHEAD = Instant.parse("2036-01-01T00:00:00Z");
    static final String ISSUER = "https://token.actions.githubusercontent.com";
    static final String IDENTITY = "https://github.com/example/app/.github/workflows/release.yml@refs/tags/v1.0.0";
    static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private static final AtomicLong SERIAL = new AtomicLong(1000);

    final KeyPair rootKey = ec();
    final KeyPair intermediateKey = ec();
    final KeyPair ctKey;
    /** Whether the trusted root writes the CT log key as PKCS#1 ({@code PKCS1_RSA_PKCS1V5}) instead of PKIX. */
    private final boolean pkcs1CtKey;

    /** A PKI whose CT log signs with a P-256 key. */
    TestPki() {
        this(ec(), false);
    }

    /** A PKI whose CT log signs with this key; an RSA key can be written to the root in PKCS#1 form. */
    TestPki(KeyPair ctKey, boolean pkcs1CtKey) {
        this.ctKey = ctKey;
        this.pkcs1CtKey = pkcs1CtKey;
    }
    final KeyPair rekorKey = ec();
    final X509Certificate root = ca("CN=test-fulcio-root,O=palisade.test", rootKey.getPublic(), "CN=test-fulcio-root,O=palisade.test",
            rootKey.getPrivate(), LONG_AGO, FAR_AHEAD, true);
    final X509Certificate intermediate = ca("CN=test-fulcio-intermediate,O=palisade.test", intermediateKey.getPublic(),
            "CN=test-fulcio-root,O=palisade.test", rootKey.getPrivate(), LONG_AGO, FAR_AHEAD, true);

    /** The key of a Rekor v2 (tile-based) log, which signs C2SP checkpoints with Ed25519. */
    final KeyPair rekorV2Key = keyPair("Ed25519", null);
    static final String REKOR_V2_ORIGIN = "log2025-1.rekor.test";

    final KeyPair tsaRootKey = ec();
    final KeyPair tsaKey = ec();
    final X509Certificate tsaRoot = ca("CN=test-tsa-root,O=palisade.test", tsaRootKey.getPublic(), "CN=test-tsa-root,O=palisade.test",
            tsaRootKey.getPrivate(), LONG_AGO, FAR_AHEAD, true);
    final X509Certificate tsaCert = timestampCertificate(tsaKey, tsaRoot, tsaRootKey);

    // ---- keys and signatures

    static KeyPair ec() {
        return keyPair("EC", new ECGenParameterSpec("secp256r1"));
    }

    static KeyPair keyPair(String algorithm, java.security.spec.AlgorithmParameterSpec spec) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (spec != null) {
                generator.initialize(spec);
            } else if (algorithm.equals("RSA")) {
                generator.initialize(2048);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sign(PrivateKey key, byte[] data) {
        String algorithm = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> "Ed25519";
        };
        try {
            Signature signature = Signature.getInstance(algorithm);
            signature.initSign(key);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    static String pem(X509Certificate certificate) {
        try {
            return pem("CERTIFICATE", certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    static byte[] logId(PublicKey key) {
        return sha256(key.getEncoded());
    }

    // ---- certificates

    /** The subject name of a certificate, with its exact encoding. */
    static X500Name name(X509Certificate certificate) {
        return X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    }

    static X509Certificate ca(String subject, PublicKey key, String issuer, PrivateKey signer, Instant from, Instant to, boolean isCa) {
        return ca(new X500Name(subject), key, new X500Name(issuer), signer, from, to, isCa);
    }

    static X509Certificate ca(X500Name subject, PublicKey key, X500Name issuer, PrivateKey signer, Instant from, Instant to, boolean isCa) {
        List<Extension> extensions = new ArrayList<>();
        try {
            extensions.add(new Extension(Extension.basicConstraints, true, new BasicConstraints(isCa).getEncoded()));
            extensions.add(new Extension(Extension.keyUsage, true,
                    new KeyUsage(isCa ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature).getEncoded()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return certificate(subject, key, issuer, signer, from, to, BigInteger.valueOf(SERIAL.incrementAndGet()), extensions);
    }

    static X509Certificate certificate(X500Name subject, PublicKey key, X500Name issuer, PrivateKey signer, Instant from, Instant to,
            BigInteger serial, List<Extension> extensions) {
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial,
                    Date.from(from), Date.from(to), subject, key);
            for (Extension extension : extensions) {
                builder.addExtension(extension);
            }
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** How a leaf's embedded SCT is made. */
    enum SctMode { VALID, NONE, WRONG_KEY, OVER_OTHER_TBS }

    /** Options of a Fulcio-like leaf certificate. */
    record LeafOptions(String identity, boolean uriIdentity, String issuer, boolean issuerV1Only, Instant notBefore,
            Instant notAfter, SctMode sct, boolean codeSigning, X509Certificate issuerCert, PrivateKey issuerKey) {

        LeafOptions identity(String value, boolean uri) {
            return new LeafOptions(value, uri, issuer, issuerV1Only, notBefore, notAfter, sct, codeSigning, issuerCert, issuerKey);
        }

        LeafOptions issuer(String value, boolean v1Only) {
            return new LeafOptions(identity, uriIdentity, value, v1Only, notBefore, notAfter, sct, codeSigning, issuerCert, issuerKey);
        }

        LeafOptions validity(Instant from, Instant to) {
            return new LeafOptions(identity, uriIdentity, issuer, issuerV1Only, from, to, sct, codeSigning, issuerCert, issuerKey);
        }

        LeafOptions sct(SctMode mode) {
            return new LeafOptions(identity, uriIdentity, issuer, issuerV1Only, notBefore, notAfter, mode, codeSigning, issuerCert, issuerKey);
        }

        LeafOptions codeSigning(boolean value) {
            return new LeafOptions(identity, uriIdentity, issuer, issuerV1Only, notBefore, notAfter, sct, value, issuerCert, issuerKey);
        }

        LeafOptions issuedBy(X509Certificate cert, PrivateKey key) {
            return new LeafOptions(identity, uriIdentity, issuer, issuerV1Only, notBefore, notAfter, sct, codeSigning, cert, key);
        }
    }

    /** A leaf certificate and its key. */
    record Leaf(X509Certificate certificate, KeyPair key) {
    }

    LeafOptions leafOptions() {
        return new LeafOptions(IDENTITY, true, ISSUER, false, NOW.minusSeconds(60), NOW.plusSeconds(540), SctMode.VALID, true,
                intermediate, intermediateKey.getPrivate());
    }

    Leaf leaf() {
        return leaf(leafOptions());
    }

    Leaf leaf(LeafOptions options) {
        KeyPair key = ec();
        BigInteger serial = BigInteger.valueOf(SERIAL.incrementAndGet());
        X500Name issuerName = name(options.issuerCert());
        X500Name empty = new X500Name(new org.bouncycastle.asn1.x500.RDN[0]);
        List<Extension> extensions = leafExtensions(options);
        if (options.sct() == SctMode.NONE) {
            return new Leaf(certificate(empty, key.getPublic(), issuerName, options.issuerKey(), options.notBefore(),
                    options.notAfter(), serial, extensions), key);
        }
        X509Certificate precert = certificate(empty, key.getPublic(), issuerName, options.issuerKey(), options.notBefore(),
                options.notAfter(), serial, extensions);
        byte[] tbs;
        try {
            tbs = precert.getTBSCertificate();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        if (options.sct() == SctMode.OVER_OTHER_TBS) {
            tbs = tbs.clone();
            tbs[tbs.length - 1] ^= 1;
        }
        KeyPair logKey = options.sct() == SctMode.WRONG_KEY ? ec() : ctKey;
        byte[] sctList = sctList(logId(ctKey.getPublic()), options.notBefore().toEpochMilli(), tbs,
                sha256(options.issuerCert().getPublicKey().getEncoded()), logKey.getPrivate());
        List<Extension> withSct = new ArrayList<>(extensions);
        try {
            withSct.add(new Extension(new ASN1ObjectIdentifier("1.3.6.1.4.1.11129.2.4.2"), false,
                    new DEROctetString(sctList).getEncoded()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return new Leaf(certificate(empty, key.getPublic(), issuerName, options.issuerKey(), options.notBefore(),
                options.notAfter(), serial, withSct), key);
    }

    private static List<Extension> leafExtensions(LeafOptions options) {
        try {
            List<Extension> extensions = new ArrayList<>();
            extensions.add(new Extension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature).getEncoded()));
            extensions.add(new Extension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    options.codeSigning() ? KeyPurposeId.id_kp_codeSigning : KeyPurposeId.id_kp_emailProtection).getEncoded()));
            GeneralName name = new GeneralName(options.uriIdentity() ? GeneralName.uniformResourceIdentifier : GeneralName.rfc822Name,
                    options.identity());
            extensions.add(new Extension(Extension.subjectAlternativeName, true, new GeneralNames(name).getEncoded()));
            if (!options.issuer().isEmpty()) {
                extensions.add(new Extension(new ASN1ObjectIdentifier("1.3.6.1.4.1.57264.1.1"), false,
                        options.issuer().getBytes(StandardCharsets.UTF_8)));
                if (!options.issuerV1Only()) {
                    extensions.add(new Extension(new ASN1ObjectIdentifier("1.3.6.1.4.1.57264.1.8"), false,
                            new DERUTF8String(options.issuer()).getEncoded()));
                }
            }
            return extensions;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An RFC 6962 SignedCertificateTimestampList with one v1 SCT over a precertificate entry. */
    static byte[] sctList(byte[] logId, long timestamp, byte[] tbs, byte[] issuerKeyHash, PrivateKey logKey) {
        ByteArrayOutputStream signed = new ByteArrayOutputStream();
        signed.write(0);
        signed.write(0);
        signed.writeBytes(ByteBuffer.allocate(8).putLong(timestamp).array());
        signed.writeBytes(new byte[] {0, 1});
        signed.writeBytes(issuerKeyHash);
        signed.writeBytes(new byte[] {(byte) (tbs.length >> 16), (byte) (tbs.length >> 8), (byte) tbs.length});
        signed.writeBytes(tbs);
        signed.writeBytes(new byte[] {0, 0});
        byte[] signature = sign(logKey, signed.toByteArray());
        ByteArrayOutputStream sct = new ByteArrayOutputStream();
        sct.write(0);
        sct.writeBytes(logId);
        sct.writeBytes(ByteBuffer.allocate(8).putLong(timestamp).array());
        sct.writeBytes(new byte[] {0, 0, 4, 3});
        sct.writeBytes(new byte[] {(byte) (signature.length >> 8), (byte) signature.length});
        sct.writeBytes(signature);
        byte[] one = sct.toByteArray();
        ByteArrayOutputStream list = new ByteArrayOutputStream();
        int total = one.length + 2;
        list.writeBytes(new byte[] {(byte) (total >> 8), (byte) total, (byte) (one.length >> 8), (byte) one.length});
        list.writeBytes(one);
        return list.toByteArray();
    }

    /** A timestamping leaf (critical extended key usage id-kp-timeStamping, as RFC 3161 requires). */
    static X509Certificate timestampCertificate(KeyPair key, X509Certificate issuer, KeyPair issuerKey) {
        try {
            List<Extension> extensions = List.of(
                    new Extension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature).getEncoded()),
                    new Extension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping).getEncoded()));
            return certificate(new X500Name("CN=test-tsa,O=palisade.test"), key.getPublic(), name(issuer), issuerKey.getPrivate(),
                    LONG_AGO, FAR_AHEAD, BigInteger.valueOf(SERIAL.incrementAndGet()), extensions);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A DER RFC 3161 TimeStampResponse over SHA-256 of {@code data}, generated at {@code time}. */
    static byte[] timestamp(byte[] data, Instant time, KeyPair key, X509Certificate certificate) {
        try {
            org.bouncycastle.tsp.TimeStampTokenGenerator tokens = new org.bouncycastle.tsp.TimeStampTokenGenerator(
                    new org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder().build("SHA256withECDSA", key.getPrivate(), certificate),
                    new org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder().build().get(
                            new org.bouncycastle.asn1.x509.AlgorithmIdentifier(org.bouncycastle.asn1.nist.NISTObjectIdentifiers.id_sha256)),
                    new ASN1ObjectIdentifier("1.3.6.1.4.1.57264.2"));
            org.bouncycastle.tsp.TimeStampRequest request = new org.bouncycastle.tsp.TimeStampRequestGenerator()
                    .generate(org.bouncycastle.tsp.TSPAlgorithms.SHA256, sha256(data));
            return new org.bouncycastle.tsp.TimeStampResponseGenerator(tokens, org.bouncycastle.tsp.TSPAlgorithms.ALLOWED)
                    .generate(request, BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(time)).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- payloads and log entries

    static String digestOf(String text) {
        return "sha256:" + hex(sha256(text.getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] simpleSigning(String dockerReference, String digest) {
        return ("{\"critical\":{\"identity\":{\"docker-reference\":\"" + dockerReference + "\"},\"image\":{\"docker-manifest-digest\":\""
                + digest + "\"},\"type\":\"cosign container image signature\"},\"optional\":null}").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] hashedRekordBody(byte[] artifact, byte[] signature, String signerPem) {
        return json(Map.of("apiVersion", "0.0.1", "kind", "hashedrekord", "spec", Map.of(
                "data", Map.of("hash", Map.of("algorithm", "sha256", "value", hex(sha256(artifact)))),
                "signature", Map.of("content", b64(signature), "publicKey",
                        Map.of("content", b64(signerPem.getBytes(StandardCharsets.UTF_8)))))));
    }

    static byte[] dsseBody(byte[] payload, byte[] signature, String signerPem) {
        return json(Map.of("apiVersion", "0.0.1", "kind", "dsse", "spec", Map.of(
                "payloadHash", Map.of("algorithm", "sha256", "value", hex(sha256(payload))),
                "signatures", List.of(Map.of("signature", b64(signature), "verifier", b64(signerPem.getBytes(StandardCharsets.UTF_8)))))));
    }

    /** A Rekor {@code intoto} 0.0.2 body: envelope payload and signature base64 twice, signer as base64 PEM. */
    static byte[] intotoBody(String payloadType, byte[] payload, byte[] signature, String signerPem) {
        byte[] utf8 = signerPem.getBytes(StandardCharsets.UTF_8);
        Map<String, Object> envelope = new TreeMap<>();
        envelope.put("payload", b64(b64(payload).getBytes(StandardCharsets.US_ASCII)));
        envelope.put("payloadType", payloadType);
        envelope.put("signatures", List.of(Map.of("publicKey", b64(utf8), "sig",
                b64(b64(signature).getBytes(StandardCharsets.US_ASCII)))));
        Map<String, Object> content = new TreeMap<>();
        content.put("envelope", envelope);
        content.put("hash", Map.of("algorithm", "sha256", "value", hex(sha256(pae(payloadType, payload)))));
        content.put("payloadHash", Map.of("algorithm", "sha256", "value", hex(sha256(payload))));
        return json(Map.of("apiVersion", "0.0.2", "kind", "intoto", "spec", Map.of("content", content)));
    }

    static byte[] pae(String type, byte[] payload) {
        return TestBundle.pae(type, payload);
    }

    static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A log entry with its SET, as Rekor returns it. */
    record Entry(byte[] body, long integratedTime, long logIndex, byte[] logId, byte[] set) {
        Entry withIntegratedTime(long time) {
            return new Entry(body, time, logIndex, logId, set);
        }

        Entry withSet(byte[] value) {
            return new Entry(body, integratedTime, logIndex, logId, value);
        }
    }

    Entry entry(byte[] body, Instant integrated) {
        return entry(body, integrated, rekorKey);
    }

    static Entry entry(byte[] body, Instant integrated, KeyPair log) {
        byte[] logId = logId(log.getPublic());
        long index = 4;
        Map<String, Object> payload = new TreeMap<>();
        payload.put("body", b64(body));
        payload.put("integratedTime", integrated.getEpochSecond());
        payload.put("logID", hex(logId));
        payload.put("logIndex", index);
        return new Entry(body, integrated.getEpochSecond(), index, logId, sign(log.getPrivate(), json(payload)));
    }

    static String rekorBundleAnnotation(Entry entry) {
        return new String(json(Map.of("SignedEntryTimestamp", b64(entry.set()), "Payload", Map.of("body", b64(entry.body()),
                "integratedTime", entry.integratedTime(), "logIndex", entry.logIndex(), "logID", hex(entry.logId())))),
                StandardCharsets.UTF_8);
    }

    // ---- Merkle trees (RFC 6962 §2.1)

    static byte[] leafHash(byte[] leaf) {
        return sha256(new byte[] {0}, leaf);
    }

    static byte[] treeHash(List<byte[]> leaves) {
        if (leaves.size() == 1) {
            return leafHash(leaves.get(0));
        }
        int k = Integer.highestOneBit(leaves.size() - 1);
        return sha256(new byte[] {1}, treeHash(leaves.subList(0, k)), treeHash(leaves.subList(k, leaves.size())));
    }

    static List<byte[]> auditPath(int m, List<byte[]> leaves) {
        if (leaves.size() == 1) {
            return new ArrayList<>();
        }
        int k = Integer.highestOneBit(leaves.size() - 1);
        List<byte[]> path;
        if (m < k) {
            path = auditPath(m, leaves.subList(0, k));
            path.add(treeHash(leaves.subList(k, leaves.size())));
        } else {
            path = auditPath(m - k, leaves.subList(k, leaves.size()));
            path.add(treeHash(leaves.subList(0, k)));
        }
        return path;
    }

    /** A signed checkpoint note for a tree. */
    static String checkpoint(String origin, long size, byte[] rootHash, KeyPair log) {
        String keyName = origin.split(" ")[0];
        String text = origin + "\n" + size + "\n" + b64(rootHash) + "\n";
        byte[] signature = sign(log.getPrivate(), text.getBytes(StandardCharsets.UTF_8));
        byte[] hinted = new byte[signature.length + 4];
        System.arraycopy(logId(log.getPublic()), 0, hinted, 0, 4);
        System.arraycopy(signature, 0, hinted, 4, signature.length);
        return text + "\n\u2014 " + keyName + " " + b64(hinted) + "\n";
    }

    /** The raw 32-byte Ed25519 public key (the end of its SubjectPublicKeyInfo). */
    static byte[] rawEd25519(PublicKey key) {
        byte[] spki = key.getEncoded();
        return java.util.Arrays.copyOfRange(spki, spki.length - 32, spki.length);
    }

    /** The C2SP signed-note key hash of an Ed25519 key under a name: SHA-256(name, newline, 0x01, key). */
    static byte[] noteKeyHash(String name, PublicKey key) {
        return sha256((name + "\n").getBytes(StandardCharsets.UTF_8), new byte[] {1}, rawEd25519(key));
    }

    /**
     * A C2SP checkpoint: the note text and one signature line per signer, each {@code — name base64(hash4 ‖ sig)}.
     * {@code signers} maps a signature-line name to the Ed25519 key that signs under it.
     */
    static String c2spCheckpoint(String origin, long size, byte[] rootHash, List<Map.Entry<String, KeyPair>> signers,
            List<String> extraLines) {
        String text = origin + "\n" + size + "\n" + b64(rootHash) + "\n";
        StringBuilder note = new StringBuilder(text).append('\n');
        for (Map.Entry<String, KeyPair> signer : signers) {
            byte[] signature = sign(signer.getValue().getPrivate(), text.getBytes(StandardCharsets.UTF_8));
            byte[] hinted = new byte[signature.length + 4];
            System.arraycopy(noteKeyHash(signer.getKey(), signer.getValue().getPublic()), 0, hinted, 0, 4);
            System.arraycopy(signature, 0, hinted, 4, signature.length);
            note.append("\u2014 ").append(signer.getKey()).append(' ').append(b64(hinted)).append('\n');
        }
        extraLines.forEach(line -> note.append(line).append('\n'));
        return note.toString();
    }

    // ---- trusted root

    /** Options for the generated trusted_root.json. */
    record RootOptions(Instant caStart, Instant caEnd, boolean includeIntermediate, Instant rekorStart, Instant rekorEnd,
            Instant tsaStart, Instant tsaEnd) {
        RootOptions(Instant caStart, Instant caEnd, boolean includeIntermediate, Instant rekorStart, Instant rekorEnd) {
            this(caStart, caEnd, includeIntermediate, rekorStart, rekorEnd, LONG_AGO, null);
        }

        static RootOptions defaults() {
            return new RootOptions(LONG_AGO, null, true, LONG_AGO, null);
        }

        RootOptions tsa(Instant start, Instant end) {
            return new RootOptions(caStart, caEnd, includeIntermediate, rekorStart, rekorEnd, start, end);
        }
    }

    byte[] trustedRootJson(RootOptions options) {
        ObjectNode document = JSON.createObjectNode();
        document.put("mediaType", "application/vnd.dev.sigstore.trustedroot+json;version=0.1");
        ArrayNode tlogs = document.putArray("tlogs");
        tlogs.add(log("https://rekor.test", rekorKey.getPublic(), options.rekorStart(), options.rekorEnd()));
        ObjectNode v2 = log("https://" + REKOR_V2_ORIGIN, rekorV2Key.getPublic(), options.rekorStart(), options.rekorEnd());
        ((ObjectNode) v2.path("publicKey")).put("keyDetails", "PKIX_ED25519");
        ((ObjectNode) v2.path("logId")).put("keyId", b64(noteKeyHash(REKOR_V2_ORIGIN, rekorV2Key.getPublic())));
        tlogs.add(v2);
        ObjectNode ca = document.putArray("certificateAuthorities").addObject();
        ca.putObject("subject").put("organization", "palisade.test").put("commonName", "test-fulcio");
        ca.put("uri", "https://fulcio.test");
        ArrayNode certificates = ca.putObject("certChain").putArray("certificates");
        try {
            if (options.includeIntermediate()) {
                certificates.addObject().put("rawBytes", b64(intermediate.getEncoded()));
            }
            certificates.addObject().put("rawBytes", b64(root.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        validFor(ca.putObject("validFor"), options.caStart(), options.caEnd());
        ObjectNode ctlog = log("https://ctfe.test", ctKey.getPublic(), LONG_AGO, null);
        if (pkcs1CtKey) {
            byte[] pkcs1 = org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(ctKey.getPublic().getEncoded())
                    .getPublicKeyData().getBytes();
            ((ObjectNode) ctlog.path("publicKey")).put("rawBytes", b64(pkcs1)).put("keyDetails", "PKCS1_RSA_PKCS1V5");
        } else if (ctKey.getPublic().getAlgorithm().equals("RSA")) {
            ((ObjectNode) ctlog.path("publicKey")).put("keyDetails", "PKIX_RSA_PKCS1V15_2048_SHA256");
        }
        document.putArray("ctlogs").add(ctlog);
        ObjectNode tsa = document.putArray("timestampAuthorities").addObject();
        tsa.putObject("subject").put("organization", "palisade.test").put("commonName", "test-tsa");
        tsa.put("uri", "https://tsa.test");
        ArrayNode tsaChain = tsa.putObject("certChain").putArray("certificates");
        try {
            tsaChain.addObject().put("rawBytes", b64(tsaCert.getEncoded()));
            tsaChain.addObject().put("rawBytes", b64(tsaRoot.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        validFor(tsa.putObject("validFor"), options.tsaStart(), options.tsaEnd());
        return json(document);
    }

    TrustedRoot trustedRoot() {
        return TrustedRoot.parse(trustedRootJson(RootOptions.defaults()), "test trusted root");
    }

    TrustedRoot trustedRoot(RootOptions options) {
        return TrustedRoot.parse(trustedRootJson(options), "test trusted root");
    }

    private static ObjectNode log(String url, PublicKey key, Instant start, Instant end) {
        ObjectNode log = JSON.createObjectNode();
        log.put("baseUrl", url).put("hashAlgorithm", "SHA2_256");
        ObjectNode publicKey = log.putObject("publicKey");
        publicKey.put("rawBytes", b64(key.getEncoded())).put("keyDetails", "PKIX_ECDSA_P256_SHA_256");
        validFor(publicKey.putObject("validFor"), start, end);
        log.putObject("logId").put("keyId", b64(logId(key)));
        return log;
    }

    private static void validFor(ObjectNode node, Instant start, Instant end) {
        node.put("start", start.toString());
        if (end != null) {
            node.put("end", end.toString());
        }
    }
}
