package dev.palisade.sigstore.verify;

import static dev.palisade.sigstore.verify.TestPki.IDENTITY;
import static dev.palisade.sigstore.verify.TestPki.ISSUER;
import static dev.palisade.sigstore.verify.TestPki.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Every bundle version and log format the verifier reads, generated with the test PKI: v0.1–v0.3
 * bundles, Rekor v1 entries ({@code hashedrekord}, {@code dsse}, {@code intoto}) and Rekor v2 entries
 * ({@code hashedrekord} and {@code dsse} 0.0.2 with C2SP checkpoints and witness cosignatures), RFC 3161
 * timestamps as the only signing time; and, for each, the leniencies sigstore-go does not allow, each
 * rejected with its specific reason.
 */
class BundleFormatsTest {
    private static final TestPki PKI = new TestPki();
    private static final TrustedRoot ROOT = PKI.trustedRoot();
    private static final byte[] ARTIFACT = "release notes".getBytes(StandardCharsets.UTF_8);
    private static final String DIGEST = TestPki.digestOf("image manifest");
    private static final VerificationPolicy RELEASE = VerificationPolicy.anyOf(
            new Authority.Keyless("release", StringMatcher.exact(IDENTITY), StringMatcher.exact(ISSUER)));

    private static SignatureVerification blob(TestBundle bundle) {
        return blob(bundle, RELEASE);
    }

    private static SignatureVerification blob(TestBundle bundle, VerificationPolicy policy) {
        return new BlobVerifier(ROOT).verify(ARTIFACT, bundle.toJson(), policy);
    }

    private static SignatureVerification image(TestBundle bundle) {
        return new ImageSignatureVerifier(ROOT).verify(Images.signed(DIGEST, "registry.example/team/app", List.of(),
                List.of(bundle.toJson())), RELEASE);
    }

    private static TestBundle message() {
        return TestBundle.blobSignature(PKI, PKI.leaf(), ARTIFACT);
    }

    private static TestBundle dsse() {
        return TestBundle.imageSignature(PKI, PKI.leaf(), DIGEST);
    }

    private static void assertVerified(SignatureVerification result) {
        assertTrue(result.verified(), result.describeRejections());
    }

    private static void assertRejected(RejectionReason expected, SignatureVerification result) {
        assertFalse(result.verified(), "must not verify");
        assertEquals(Set.of(expected), result.reasons(), result.describeRejections());
    }

    private static TestBundle tampered(TestBundle bundle, Consumer<ObjectNode> edit) {
        bundle.tamper = edit;
        return bundle;
    }

    private static ObjectNode entry(ObjectNode bundle) {
        return (ObjectNode) bundle.path("verificationMaterial").path("tlogEntries").get(0);
    }

    // ---- every version and log format verifies

    @Test
    void v01BundleWithChainAndInclusionPromise() {
        TestBundle bundle = message();
        bundle.mediaType = TestBundle.V01;
        bundle.chainMaterial = true;
        bundle.withProof = false;
        assertVerified(blob(bundle));
    }

    @Test
    void v02BundleWithChainAndInclusionProof() {
        TestBundle bundle = message();
        bundle.mediaType = TestBundle.V02;
        bundle.chainMaterial = true;
        assertVerified(blob(bundle));
    }

    @Test
    void v03MediaTypeInBothSpellings() {
        TestBundle bundle = message();
        bundle.mediaType = "application/vnd.dev.sigstore.bundle+json;version=0.3";
        assertVerified(blob(bundle));
        bundle.mediaType = "application/vnd.dev.sigstore.bundle.v0.3.1+json";
        assertVerified(blob(bundle));
    }

    @Test
    void intotoEntryOfRekorV1() {
        TestBundle bundle = dsse();
        bundle.intoto = true;
        assertVerified(image(bundle));
    }

    @Test
    void rekorV2HashedRekordOfAMessageSignature() {
        assertVerified(blob(message().rekorV2("hashedrekord")));
    }

    @Test
    void rekorV2HashedRekordOverADsseEnvelope() {
        assertVerified(image(dsse().rekorV2("hashedrekord")));
    }

    @Test
    void rekorV2DsseEntry() {
        assertVerified(image(dsse().rekorV2("dsse")));
    }

    @Test
    void rekorV2CheckpointWithWitnessCosignaturesAndAnUnknownKeyUnderTheLogsName() {
        TestBundle bundle = message().rekorV2("hashedrekord");
        bundle.cosigners.add(Map.entry("witness.example/w1", TestPki.keyPair("Ed25519", null)));
        bundle.cosigners.add(Map.entry("witness.example/w2", TestPki.keyPair("Ed25519", null)));
        bundle.cosigners.add(Map.entry(TestPki.REKOR_V2_ORIGIN, TestPki.keyPair("Ed25519", null)));
        assertVerified(blob(bundle));
    }

    @Test
    void rekorV2WithAKey() {
        KeyPair key = TestPki.ec();
        TestBundle bundle = message().rekorV2("hashedrekord");
        bundle.certificate = null;
        bundle.signer = key;
        assertVerified(blob(bundle, VerificationPolicy.anyOf(new Authority.Key("ci", key.getPublic()))));
    }

    @Test
    void timestampIsTheOnlyEvidenceWhenTheLogIsNotRequired() {
        TestBundle bundle = message();
        bundle.timestampAt = NOW;
        bundle.tamper = b -> ((ObjectNode) b.path("verificationMaterial")).remove("tlogEntries");
        assertVerified(blob(bundle, RELEASE.withTlogRequired(false)));
        assertRejected(RejectionReason.TLOG_MISSING, blob(bundle));
    }

    @Test
    void rekorV1ProofWithoutIntegratedTimeTakesItsTimeFromTheTimestamp() {
        TestBundle bundle = message();
        bundle.withSet = false;
        bundle.timestampAt = NOW;
        bundle.tamper = b -> entry(b).remove("integratedTime");
        assertVerified(blob(bundle));
        TrustedRoot later = PKI.trustedRoot(new TestPki.RootOptions(TestPki.LONG_AGO, null, true, NOW.plusSeconds(60), null));
        assertRejected(RejectionReason.TLOG_UNKNOWN_LOG, new BlobVerifier(later).verify(ARTIFACT, bundle.toJson(), RELEASE));
    }

    // ---- leniencies sigstore-go does not allow

    @Test
    void v02AndV03BundlesWithoutInclusionProof() {
        for (String mediaType : List.of(TestBundle.V02, TestBundle.V03)) {
            TestBundle bundle = message();
            bundle.mediaType = mediaType;
            bundle.chainMaterial = mediaType.equals(TestBundle.V02);
            bundle.withProof = false;
            assertRejected(RejectionReason.INCLUSION_PROOF_MISSING, blob(bundle));
        }
    }

    @Test
    void v01BundleWithoutInclusionPromise() {
        TestBundle bundle = message();
        bundle.mediaType = TestBundle.V01;
        bundle.chainMaterial = true;
        bundle.withSet = false;
        assertRejected(RejectionReason.INCLUSION_PROMISE_MISSING, blob(bundle));
    }

    @Test
    void missingOrNonStringCheckpointEnvelope() {
        assertRejected(RejectionReason.CHECKPOINT_INVALID, blob(tampered(message(),
                b -> ((ObjectNode) entry(b).path("inclusionProof").path("checkpoint")).remove("envelope"))));
        assertRejected(RejectionReason.CHECKPOINT_INVALID, blob(tampered(message(),
                b -> ((ObjectNode) entry(b).path("inclusionProof").path("checkpoint")).put("envelope", 42))));
        assertRejected(RejectionReason.CHECKPOINT_INVALID, blob(tampered(message(),
                b -> ((ObjectNode) entry(b).path("inclusionProof")).remove("checkpoint"))));
    }

    @Test
    void changedOrMissingKindVersion() {
        assertRejected(RejectionReason.TLOG_KIND_MISMATCH, blob(tampered(message(),
                b -> ((ObjectNode) entry(b).path("kindVersion")).put("version", "0.0.2"))));
        assertRejected(RejectionReason.TLOG_KIND_MISMATCH, blob(tampered(message(),
                b -> ((ObjectNode) entry(b).path("kindVersion")).put("kind", "rekord"))));
        assertRejected(RejectionReason.TLOG_KIND_MISMATCH, blob(tampered(message().rekorV2("hashedrekord"),
                b -> ((ObjectNode) entry(b).path("kindVersion")).put("version", "0.0.1"))));
        assertRejected(RejectionReason.MALFORMED, blob(tampered(message(), b -> entry(b).remove("kindVersion"))));
    }

    @Test
    void mediaTypeDowngradedBelowItsContent() {
        for (String older : List.of(TestBundle.V01, TestBundle.V02)) {
            TestBundle bundle = message();
            bundle.tamper = b -> b.put("mediaType", older);
            assertRejected(RejectionReason.MEDIA_TYPE_MISMATCH, blob(bundle));
        }
        TestBundle chainUnderV03 = message();
        chainUnderV03.chainMaterial = true;
        assertRejected(RejectionReason.MEDIA_TYPE_MISMATCH, blob(chainUnderV03));
    }

    @Test
    void bothMessageSignatureAndDsseEnvelope() {
        byte[] dsseJson = dsse().toJson();
        TestBundle bundle = message();
        bundle.tamper = b -> {
            try {
                b.set("dsseEnvelope", TestPki.JSON.readTree(dsseJson).path("dsseEnvelope"));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        };
        assertRejected(RejectionReason.MALFORMED, blob(bundle));
    }

    @Test
    void checkpointSignatureLineUnderAnotherName() {
        TestBundle v1 = message();
        v1.checkpointName = "rekor.elsewhere";
        assertRejected(RejectionReason.CHECKPOINT_INVALID, blob(v1));
        TestBundle v2 = message().rekorV2("hashedrekord");
        v2.checkpointName = "log2025-1.rekor.elsewhere";
        assertRejected(RejectionReason.CHECKPOINT_INVALID, blob(v2));
    }

    @Test
    void integratedTimeOutOfRange() {
        for (String time : List.of("99999999999999999", "-5", "9223372036854775807")) {
            assertRejected(RejectionReason.MALFORMED, blob(tampered(message(), b -> entry(b).put("integratedTime", time))));
        }
    }

    @Test
    void duplicateLogEntries() {
        assertRejected(RejectionReason.MALFORMED, blob(tampered(message(),
                b -> ((com.fasterxml.jackson.databind.node.ArrayNode) b.path("verificationMaterial").path("tlogEntries"))
                        .add(entry(b).deepCopy()))));
    }

    @Test
    void duplicateJsonKeys() {
        byte[] json = message().toJson();
        String text = new String(json, StandardCharsets.UTF_8);
        String doubled = text.replaceFirst("\"mediaType\":", "\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\",\"mediaType\":");
        assertRejected(RejectionReason.MALFORMED, new BlobVerifier(ROOT).verify(ARTIFACT,
                doubled.getBytes(StandardCharsets.UTF_8), RELEASE));
    }

    // ---- Rekor v2 failures

    @Test
    void rekorV2WithoutInclusionProofEvenUnderV01() {
        TestBundle bundle = message().rekorV2("hashedrekord");
        bundle.tamper = b -> entry(b).remove("inclusionProof");
        assertRejected(RejectionReason.INCLUSION_PROOF_MISSING, blob(bundle));
    }

    @Test
    void rekorV2EntryWithASignedEntryTimestamp() {
        TestBundle bundle = message().rekorV2("hashedrekord");
        bundle.tamper = b -> entry(b).putObject("inclusionPromise").put("signedEntryTimestamp", TestPki.b64(new byte[70]));
        assertRejected(RejectionReason.SET_INVALID, blob(bundle));
    }

    @Test
    void rekorV2CheckpointSignedByAnotherKey() {
        TestBundle bundle = message().rekorV2("hashedrekord");
        bundle.checkpointKey = TestPki.keyPair("Ed25519", null);
        assertRejected(RejectionReason.CHECKPOINT_INVALID, blob(bundle));
    }

    @Test
    void rekorV2CheckpointWithOnlyWitnessSignatures() {
        TestBundle bundle = message().rekorV2("hashedrekord");
        bundle.checkpointName = "witness.example/w1";
        assertRejected(RejectionReason.CHECKPOINT_INVALID, blob(bundle));
    }

    @Test
    void rekorV2EntryForAnotherSignature() {
        TestBundle bundle = message().rekorV2("hashedrekord");
        byte[] other = message().rekorV2("hashedrekord").toJson();
        bundle.tamper = b -> {
            try {
                entry(b).put("canonicalizedBody", TestPki.JSON.readTree(other).path("verificationMaterial").path("tlogEntries")
                        .get(0).path("canonicalizedBody").asText());
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        };
        assertRejected(RejectionReason.TLOG_BODY_MISMATCH, blob(bundle));
    }

    @Test
    void rekorV2DsseEnvelopeReplaced() {
        TestBundle bundle = dsse().rekorV2("hashedrekord");
        TestBundle other = TestBundle.imageSignature(PKI, PKI.leaf(), DIGEST);
        other.certificate = bundle.certificate;
        other.signer = bundle.signer;
        other.payload = TestBundle.statement(DIGEST.substring(7)).clone();
        other.payload[other.payload.length - 3] = 'X';
        other.rekorV2("hashedrekord");
        byte[] otherJson = other.toJson();
        bundle.tamper = b -> {
            try {
                b.set("dsseEnvelope", TestPki.JSON.readTree(otherJson).path("dsseEnvelope"));
                ((ObjectNode) b.path("verificationMaterial")).set("timestampVerificationData",
                        TestPki.JSON.readTree(otherJson).path("verificationMaterial").path("timestampVerificationData"));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        };
        assertRejected(RejectionReason.TLOG_BODY_MISMATCH, image(bundle));
    }

    @Test
    void rekorV2BadInclusionProof() {
        TestBundle bundle = message().rekorV2("hashedrekord");
        bundle.corruptProof = true;
        assertRejected(RejectionReason.INCLUSION_PROOF_INVALID, blob(bundle));
    }

    @Test
    void rekorV2WithoutATimestampHasNoTrustedTime() {
        TestBundle bundle = message().rekorV2("hashedrekord");
        bundle.timestampAt = null;
        assertRejected(RejectionReason.NO_TRUSTED_TIME, blob(bundle));
    }

    @Test
    void timestampOutsideTheTsaValidityWindow() {
        TrustedRoot retired = PKI.trustedRoot(TestPki.RootOptions.defaults().tsa(TestPki.LONG_AGO, NOW.minusSeconds(86_400)));
        assertRejected(RejectionReason.TIMESTAMP_INVALID, new BlobVerifier(retired).verify(ARTIFACT,
                message().rekorV2("hashedrekord").toJson(), RELEASE));
    }

    @Test
    void timestampAfterTheCertificateExpired() {
        TestBundle bundle = message().rekorV2("hashedrekord");
        bundle.timestampAt = NOW.plusSeconds(3600);
        assertRejected(RejectionReason.CERTIFICATE_EXPIRED, blob(bundle));
    }

    @Test
    void timestampOverAnotherSignature() {
        TestBundle bundle = message().rekorV2("hashedrekord");
        byte[] other = message().rekorV2("hashedrekord").toJson();
        bundle.tamper = b -> {
            try {
                ((ObjectNode) b.path("verificationMaterial")).set("timestampVerificationData",
                        TestPki.JSON.readTree(other).path("verificationMaterial").path("timestampVerificationData"));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        };
        assertRejected(RejectionReason.TIMESTAMP_INVALID, blob(bundle));
    }

    @Test
    void intotoEntryRecordingAnotherPayload() {
        TestBundle bundle = dsse();
        bundle.intoto = true;
        TestBundle other = TestBundle.imageSignature(PKI, PKI.leaf(), DIGEST);
        other.certificate = bundle.certificate;
        other.signer = bundle.signer;
        other.payload = TestBundle.statement(DIGEST.substring(7)).clone();
        other.payload[other.payload.length - 3] = 'X';
        byte[] otherJson = other.toJson();
        bundle.tamper = b -> {
            try {
                b.set("dsseEnvelope", TestPki.JSON.readTree(otherJson).path("dsseEnvelope"));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        };
        assertRejected(RejectionReason.TLOG_BODY_MISMATCH, image(bundle));
    }
}
