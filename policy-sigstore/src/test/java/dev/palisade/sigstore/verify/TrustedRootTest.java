package dev.palisade.sigstore.verify;

import static dev.palisade.sigstore.verify.TestPki.IDENTITY;
import static dev.palisade.sigstore.verify.TestPki.ISSUER;
import static dev.palisade.sigstore.verify.TestPki.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Trusted roots: every key encoding the format allows, {@code keyDetails} honoured, validity windows as
 * closed intervals, several keys for one log id, and unusable entries skipped with a note instead of
 * failing the whole root.
 */
class TrustedRootTest {
    private static final byte[] ARTIFACT = "artifact".getBytes(StandardCharsets.UTF_8);
    private static final VerificationPolicy RELEASE = VerificationPolicy.anyOf(
            new Authority.Keyless("release", StringMatcher.exact(IDENTITY), StringMatcher.exact(ISSUER)));

    private static ObjectNode json(TestPki pki) throws Exception {
        return (ObjectNode) TestPki.JSON.readTree(pki.trustedRootJson(TestPki.RootOptions.defaults()));
    }

    private static TrustedRoot parse(ObjectNode json) {
        return TrustedRoot.parse(TestPki.json(json), "root.json");
    }

    @Test
    void pkcs1RsaCtLogKeyVerifiesItsScts() {
        TestPki pki = new TestPki(TestPki.keyPair("RSA", null), true);
        TrustedRoot root = pki.trustedRoot();
        assertEquals(List.of(), root.notes());
        assertEquals("PKCS1_RSA_PKCS1V5", root.ctlogs().get(0).keyDetails());
        byte[] bundle = TestBundle.blobSignature(pki, pki.leaf(), ARTIFACT).toJson();
        SignatureVerification result = new BlobVerifier(root).verify(ARTIFACT, bundle, RELEASE);
        assertTrue(result.verified(), result.describeRejections());
    }

    @Test
    void pkixRsaCtLogKey() {
        TestPki pki = new TestPki(TestPki.keyPair("RSA", null), false);
        byte[] bundle = TestBundle.blobSignature(pki, pki.leaf(), ARTIFACT).toJson();
        assertTrue(new BlobVerifier(pki.trustedRoot()).verify(ARTIFACT, bundle, RELEASE).verified());
    }

    @Test
    void unusableEntriesAreSkippedWithANoteAndTheRestStillWorks() throws Exception {
        TestPki pki = new TestPki();
        ObjectNode json = json(pki);
        ArrayNode ctlogs = (ArrayNode) json.path("ctlogs");
        ObjectNode unknownType = ctlogs.get(0).deepCopy();
        ((ObjectNode) unknownType.path("publicKey")).put("keyDetails", "LMS_SHA256");
        ObjectNode wrongEncoding = ctlogs.get(0).deepCopy();
        ((ObjectNode) wrongEncoding.path("publicKey")).put("keyDetails", "PKCS1_RSA_PKCS1V5");
        ObjectNode noLogId = ctlogs.get(0).deepCopy();
        noLogId.remove("logId");
        ctlogs.insert(0, unknownType).insert(0, wrongEncoding).insert(0, noLogId);
        ((ArrayNode) json.path("certificateAuthorities")).addObject().put("uri", "https://broken.test")
                .putObject("certChain").putArray("certificates").addObject().put("rawBytes", TestPki.b64(new byte[] {1, 2, 3}));
        ObjectNode noStart = json.path("tlogs").get(0).deepCopy();
        ((ObjectNode) noStart.path("publicKey").path("validFor")).remove("start");
        ((ArrayNode) json.path("tlogs")).add(noStart);
        TrustedRoot root = parse(json);
        assertEquals(5, root.notes().size(), root.notes().toString());
        assertTrue(root.notes().stream().anyMatch(n -> n.contains("LMS_SHA256")), root.notes().toString());
        assertTrue(root.notes().stream().anyMatch(n -> n.contains("https://broken.test")), root.notes().toString());
        assertEquals(1, root.ctlogs().size());
        byte[] bundle = TestBundle.blobSignature(pki, pki.leaf(), ARTIFACT).toJson();
        assertTrue(new BlobVerifier(root).verify(ARTIFACT, bundle, RELEASE).verified());
    }

    @Test
    void keyDetailsThatDoNotFitTheKeyMakeTheEntryUnusable() throws Exception {
        TestPki pki = new TestPki();
        ObjectNode json = json(pki);
        ((ObjectNode) json.path("ctlogs").get(0).path("publicKey")).put("keyDetails", "PKIX_ED25519");
        TrustedRoot root = parse(json);
        assertEquals(1, root.notes().size(), root.notes().toString());
        byte[] bundle = TestBundle.blobSignature(pki, pki.leaf(), ARTIFACT).toJson();
        SignatureVerification result = new BlobVerifier(root).verify(ARTIFACT, bundle, RELEASE);
        assertEquals(Set.of(RejectionReason.SCT_INVALID), result.reasons(), result.describeRejections());
    }

    @Test
    void validityWindowsAreClosedAndLogsAreLookedUpByIdThenTime() throws Exception {
        TestPki pki = new TestPki();
        byte[] bundle = TestBundle.blobSignature(pki, pki.leaf(), ARTIFACT).toJson();
        ObjectNode json = json(pki);
        ObjectNode rekor = (ObjectNode) json.path("tlogs").get(0);
        ((ObjectNode) rekor.path("publicKey").path("validFor")).put("end", NOW.toString());
        assertTrue(new BlobVerifier(parse(json)).verify(ARTIFACT, bundle, RELEASE).verified(), "the end itself is valid");
        ((ObjectNode) rekor.path("publicKey").path("validFor")).put("end", NOW.minusSeconds(1).toString());
        assertEquals(Set.of(RejectionReason.TLOG_UNKNOWN_LOG),
                new BlobVerifier(parse(json)).verify(ARTIFACT, bundle, RELEASE).reasons());
        ObjectNode later = rekor.deepCopy();
        ((ObjectNode) later.path("publicKey").path("validFor")).put("start", NOW.toString()).remove("end");
        ((ArrayNode) json.path("tlogs")).add(later);
        TrustedRoot twoPeriods = parse(json);
        assertEquals(2, twoPeriods.tlogs(twoPeriods.tlogs().get(0).logIdHex()).size());
        assertTrue(new BlobVerifier(twoPeriods).verify(ARTIFACT, bundle, RELEASE).verified(),
                "the second key period of the same log id covers the integrated time");
    }

    @Test
    void certificateAuthorityWindowEndIsInclusive() throws Exception {
        TestPki pki = new TestPki();
        TestBundle bundle = TestBundle.blobSignature(pki, pki.leaf(), ARTIFACT);
        ObjectNode json = json(pki);
        ((ObjectNode) json.path("certificateAuthorities").get(0).path("validFor")).put("end", NOW.toString());
        assertTrue(new BlobVerifier(parse(json)).verify(ARTIFACT, bundle.toJson(), RELEASE).verified());
        ((ObjectNode) json.path("certificateAuthorities").get(0).path("validFor")).put("end",
                NOW.minusMillis(1).toString());
        assertEquals(Set.of(RejectionReason.CA_OUTSIDE_VALIDITY),
                new BlobVerifier(parse(json)).verify(ARTIFACT, bundle.toJson(), RELEASE).reasons());
    }

    @Test
    void theBundledPublicGoodRootHasNoUnusableEntries() {
        TrustedRoot root = dev.palisade.sigstore.tuf.SigstoreTrust.bundled().trustedRoot();
        assertEquals(List.of(), root.notes());
        assertFalse(root.tlogs().isEmpty());
        assertTrue(root.tlogs().stream().anyMatch(log -> log.keyDetails().equals("PKIX_ED25519")), "a Rekor v2 log");
        assertTrue(root.tlogs().stream().allMatch(log -> !log.validFrom().isAfter(Instant.now())));
    }
}
