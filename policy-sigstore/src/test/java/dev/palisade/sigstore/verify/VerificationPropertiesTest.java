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

    @Property(tries = 100)
    void arbitraryBytesAreRejectedNotThrown(@ForAll byte[] bytes) {
        SignatureVerification result = new BlobVerifier(ROOT).verify(ARTIFACT, bytes, ANY);
        assertFalse(result.verified());
        assertFalse(result.rejections().isEmpty());
    }
}
