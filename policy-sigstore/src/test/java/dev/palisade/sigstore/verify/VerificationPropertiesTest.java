package dev.palisade.sigstore.verify;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.sigstore.verify.internal.MerkleProof;
import dev.palisade.sigstore.verify.internal.SignedContent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;

/** Properties of the parsers and checks: Merkle proofs, anchored matching, reference normalisation, robustness. */
class VerificationPropertiesTest {
    private static final TestPki PKI = new TestPki();
    private static final TrustedRoot ROOT = PKI.trustedRoot();
    private static final byte[] ARTIFACT = "property artifact".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BUNDLE = TestBundle.blobSignature(PKI, PKI.leaf(), ARTIFACT).toJson();
    private static final VerificationPolicy ANY = VerificationPolicy.anyOf(
            new Authority.Keyless("any", StringMatcher.regexp(".*"), StringMatcher.regexp(".*")));

    record Tree(List<byte[]> leaves, int index) {
    }

    @Provide
    Arbitrary<Tree> trees() {
        return Arbitraries.integers().between(1, 70).flatMap(size -> Arbitraries.integers().between(0, size - 1).map(index -> {
            List<byte[]> leaves = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                leaves.add(("leaf " + i + " of " + size).getBytes(StandardCharsets.UTF_8));
            }
            return new Tree(leaves, index);
        }));
    }

    @Property(tries = 200)
    void everyAuditPathProvesItsLeafAndNoOther(@ForAll("trees") Tree tree) {
        List<byte[]> leaves = tree.leaves();
        byte[] root = TestPki.treeHash(leaves);
        List<byte[]> path = TestPki.auditPath(tree.index(), leaves);
        byte[] leaf = MerkleProof.leafHash(leaves.get(tree.index()));
        assertTrue(MerkleProof.verify(leaf, tree.index(), leaves.size(), path, root));
        assertFalse(MerkleProof.verify(MerkleProof.leafHash("forged".getBytes(StandardCharsets.UTF_8)), tree.index(), leaves.size(), path, root));
        if (leaves.size() > 1) {
            int other = (tree.index() + 1) % leaves.size();
            assertFalse(MerkleProof.verify(leaf, other, leaves.size(), path, root), "wrong index");
        }
        for (int i = 0; i < path.size(); i++) {
            List<byte[]> tampered = new ArrayList<>(path);
            byte[] hash = tampered.get(i).clone();
            hash[i % hash.length] ^= 0x40;
            tampered.set(i, hash);
            assertFalse(MerkleProof.verify(leaf, tree.index(), leaves.size(), tampered, root));
        }
    }

    @Property
    void regexpsMatchWholeValuesOnly(@ForAll @AlphaChars @StringLength(min = 1, max = 20) String value,
            @ForAll @NumericChars @StringLength(min = 1, max = 5) String extra) {
        StringMatcher matcher = StringMatcher.regexp(com.google.re2j.Pattern.quote(value));
        assertTrue(matcher.matches(value));
        assertFalse(matcher.matches(value + extra));
        assertFalse(matcher.matches(extra + value));
        assertFalse(StringMatcher.exact(value).matches(value + extra));
    }

    @Property
    void dockerHubNamesNormaliseToOneRepository(@ForAll @AlphaChars @StringLength(min = 1, max = 12) String name,
            @ForAll @AlphaChars @StringLength(min = 1, max = 8) String tag) {
        String repo = name.toLowerCase(java.util.Locale.ROOT);
        dev.palisade.sigstore.ImageReference image = dev.palisade.sigstore.ImageReference.parse(repo + ":" + tag);
        List<String> spellings = List.of(repo, "docker.io/library/" + repo, "index.docker.io/library/" + repo + ":" + tag,
                "registry-1.docker.io/library/" + repo, "Docker.IO/library/" + repo, "library/" + repo + "@sha256:" + "a".repeat(64));
        for (String a : spellings) {
            assertTrue(SignedContent.sameReference(a, image, false), a + " vs " + image);
        }
        assertFalse(SignedContent.sameReference(repo, dev.palisade.sigstore.ImageReference.parse("ghcr.io/" + repo), false));
        assertFalse(SignedContent.sameReference(repo + ":" + tag + "x", image, true));
        assertTrue(SignedContent.sameReference(repo + ":" + tag, image, true));
        assertFalse(SignedContent.sameReference(repo.toUpperCase(java.util.Locale.ROOT) + "X", image, false),
                "an upper-case repository is not a valid reference and matches nothing");
    }

    @Property(tries = 300)
    void corruptedBundlesAreRejectedWithAReasonNeverThrown(@ForAll @IntRange(min = 0, max = 100_000) int position,
            @ForAll @IntRange(min = 1, max = 255) int flip) {
        Assume.that(position < BUNDLE.length);
        byte[] mutated = BUNDLE.clone();
        mutated[position] ^= (byte) flip;
        SignatureVerification result = new BlobVerifier(ROOT).verify(ARTIFACT, mutated, ANY);
        // a flip may land in an unverified field (the kind name, a key hint) and keep the bundle valid;
        // otherwise the result must carry the reason, and no exception may escape
        assertTrue(result.verified() || !result.rejections().isEmpty());
    }

    private static final byte[] REKOR_V2_BUNDLE = TestBundle.blobSignature(PKI, PKI.leaf(), ARTIFACT).rekorV2("hashedrekord").toJson();
    private static final VerificationPolicy RELEASE = VerificationPolicy.anyOf(new Authority.Keyless("release",
            StringMatcher.exact(TestPki.IDENTITY), StringMatcher.exact(TestPki.ISSUER)));

    /** JSON pointers of the signed or proven fields of a Rekor v2 bundle, with how far into them a flip may land. */
    private static final List<String> REKOR_V2_FIELDS = List.of("/messageSignature/signature",
            "/verificationMaterial/certificate/rawBytes", "/verificationMaterial/tlogEntries/0/canonicalizedBody",
            "/verificationMaterial/tlogEntries/0/inclusionProof/rootHash",
            "/verificationMaterial/tlogEntries/0/inclusionProof/hashes/0",
            "/verificationMaterial/tlogEntries/0/inclusionProof/hashes/2",
            "/messageSignature/messageDigest/digest");

    @Property(tries = 120)
    void aFlippedBitInASignedFieldOfARekorV2BundleNeverVerifies(@ForAll @IntRange(min = 0, max = 6) int field,
            @ForAll @IntRange(min = 0, max = 100_000) int position, @ForAll @IntRange(min = 0, max = 7) int bit) throws Exception {
        SignatureVerification unmodified = new BlobVerifier(ROOT).verify(ARTIFACT, REKOR_V2_BUNDLE, RELEASE);
        assertTrue(unmodified.verified(), "the unmodified bundle verifies: " + unmodified.describeRejections());
        com.fasterxml.jackson.databind.node.ObjectNode bundle = (com.fasterxml.jackson.databind.node.ObjectNode)
                TestPki.JSON.readTree(REKOR_V2_BUNDLE);
        String pointer = REKOR_V2_FIELDS.get(field);
        com.fasterxml.jackson.databind.JsonNode node = bundle.at(pointer);
        byte[] bytes = java.util.Base64.getDecoder().decode(node.asText());
        bytes[position % bytes.length] ^= (byte) (1 << bit);
        String parent = pointer.substring(0, pointer.lastIndexOf('/'));
        String name = pointer.substring(pointer.lastIndexOf('/') + 1);
        com.fasterxml.jackson.databind.JsonNode holder = bundle.at(parent);
        if (holder.isArray()) {
            ((com.fasterxml.jackson.databind.node.ArrayNode) holder).set(Integer.parseInt(name), TestPki.b64(bytes));
        } else {
            ((com.fasterxml.jackson.databind.node.ObjectNode) holder).put(name, TestPki.b64(bytes));
        }
        SignatureVerification result = new BlobVerifier(ROOT).verify(ARTIFACT, TestPki.json(bundle), RELEASE);
        assertFalse(result.verified(), pointer + " flipped at " + position + ":" + bit);
        assertFalse(result.rejections().isEmpty());
    }

    @Property(tries = 80)
    void aFlippedCharacterOfTheRekorV2CheckpointNeverVerifies(@ForAll @IntRange(min = 0, max = 100_000) int position,
            @ForAll @IntRange(min = 1, max = 0x7e) int replacement) throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode bundle = (com.fasterxml.jackson.databind.node.ObjectNode)
                TestPki.JSON.readTree(REKOR_V2_BUNDLE);
        com.fasterxml.jackson.databind.node.ObjectNode checkpoint = (com.fasterxml.jackson.databind.node.ObjectNode)
                bundle.at("/verificationMaterial/tlogEntries/0/inclusionProof/checkpoint");
        StringBuilder note = new StringBuilder(checkpoint.path("envelope").asText());
        int at = position % note.length();
        Assume.that(note.charAt(at) != (char) replacement);
        note.setCharAt(at, (char) replacement);
        checkpoint.put("envelope", note.toString());
        SignatureVerification result = new BlobVerifier(ROOT).verify(ARTIFACT, TestPki.json(bundle), RELEASE);
        assertFalse(result.verified(), "checkpoint changed at " + at + ": " + note);
    }

    @Property(tries = 100)
    void arbitraryBytesAreRejectedNotThrown(@ForAll byte[] bytes) {
        SignatureVerification result = new BlobVerifier(ROOT).verify(ARTIFACT, bytes, ANY);
        assertFalse(result.verified());
        assertFalse(result.rejections().isEmpty());
    }
}
