package dev.palisade.sigstore.verify;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.sigstore.FuzzBudget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * The adversarial suite's bundle target (issue 17): valid bundles — every verifying case of the
 * sigstore-conformance corpus, and bundles made with the test PKI (Rekor v1, Rekor v2, DSSE, RFC 3161
 * timestamps) — mutated field by field. <b>Never a false accept:</b> a mutated bundle never verifies
 * unless the mutation touched one of the few fields that are documented as not authenticated
 * ({@link #UNAUTHENTICATED}); the verifier never throws; a rejection always says why.
 *
 * <p>Every field of every bundle gets every structural mutation in {@link #everyFieldMutatedEveryWayNeverFalselyAccepts};
 * the properties add random bit flips in decoded base64 values, random characters in strings and random
 * numbers. The number of tries is small in CI; {@code -Dpalisade.fuzz.tries=N} runs each property N times
 * ({@link FuzzBudget}).
 */
@AddLifecycleHook(FuzzBudget.class)
class BundleMutationProperties {
    private static final TestPki PKI = new TestPki();
    private static final byte[] ARTIFACT = "adversarial artifact".getBytes(StandardCharsets.UTF_8);
    private static final VerificationPolicy RELEASE = VerificationPolicy.anyOf(new Authority.Keyless("release",
            StringMatcher.exact(TestPki.IDENTITY), StringMatcher.exact(TestPki.ISSUER)));
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]{16,}={0,2}");

    /**
     * Fields whose content is not authenticated by any signature, proof or policy, so that a changed value
     * may still verify without changing what was verified:
     * <ul>
     *   <li>the certificates after the leaf in a v0.1/v0.2 {@code x509CertificateChain}: as sigstore-go,
     *       Palisade uses the leaf only and builds its chain from the trusted root's CAs, so the rest of the
     *       list is ignored (changed, removed or repeated);</li>
     *   <li>a public-key hint, which only names the key to try.</li>
     * </ul>
     */
    static final List<Pattern> UNAUTHENTICATED = List.of(
            Pattern.compile("/verificationMaterial/x509CertificateChain/certificates/[1-9][0-9]*(/.*)?"),
            Pattern.compile("/verificationMaterial/publicKey/hint"));

    static boolean unauthenticated(Valid v, String pointer, Mutation mutation) {
        if (v.v01() && pointer.matches("/verificationMaterial/tlogEntries/[0-9]+/inclusionProof")
                && (mutation == Mutation.REMOVE || mutation == Mutation.NULL)) {
            // v0.1 bundles may omit the inclusion proof: the signed entry timestamp is their evidence
            // (a proof that is present is verified, so a changed one is still rejected)
            return true;
        }
        if (mutation == Mutation.DUPLICATE_ELEMENT && (pointer.equals("/verificationMaterial/x509CertificateChain/certificates/0")
                || pointer.matches("/verificationMaterial/tlogEntries/[0-9]+")
                || pointer.matches("/verificationMaterial/timestampVerificationData/rfc3161Timestamps/[0-9]+"))) {
            // the same leaf stays first / the same authenticated evidence given twice
            return true;
        }
        return UNAUTHENTICATED.stream().anyMatch(p -> p.matcher(pointer).matches());
    }

    /** A bundle that verifies, with what it must be verified with. */
    record Valid(String name, byte[] bundle, byte[] artifact, TrustedRoot root, VerificationPolicy policy) {
        /** Whether this is a v0.1 bundle. */
        boolean v01() {
            return new String(bundle, StandardCharsets.UTF_8).contains("\"application/vnd.dev.sigstore.bundle+json;version=0.1\"");
        }

        SignatureVerification verify(byte[] candidate) {
            return new BlobVerifier(root).verify(artifact, candidate, policy);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static List<Valid> valid;

    /** The valid bundles: generated ones always, the conformance corpus's verifying cases when present. */
    static synchronized List<Valid> valid() {
        if (valid != null) {
            return valid;
        }
        List<Valid> all = new ArrayList<>();
        TrustedRoot root = PKI.trustedRoot();
        all.add(new Valid("generated rekor v1 hashedrekord v0.3",
                TestBundle.blobSignature(PKI, PKI.leaf(), ARTIFACT).toJson(), ARTIFACT, root, RELEASE));
        TestBundle chain = TestBundle.blobSignature(PKI, PKI.leaf(), ARTIFACT);
        chain.mediaType = TestBundle.V01;
        chain.chainMaterial = true;
        all.add(new Valid("generated rekor v1 v0.1 certificate chain", chain.toJson(), ARTIFACT, root, RELEASE));
        all.add(new Valid("generated rekor v2 hashedrekord",
                TestBundle.blobSignature(PKI, PKI.leaf(), ARTIFACT).rekorV2("hashedrekord").toJson(), ARTIFACT, root,
                RELEASE));
        if (conformanceCorpusPresent()) {
            try {
                for (ConformanceBundlesTest.Case c : ConformanceBundlesTest.cases()) {
                    if (c.mustFail()) {
                        continue;
                    }
                    var folder = c.folder();
                    byte[] artifact = java.nio.file.Files.exists(folder.resolve("artifact"))
                            ? java.nio.file.Files.readAllBytes(folder.resolve("artifact"))
                            : java.nio.file.Files.readAllBytes(folder.getParent().resolve("a.txt"));
                    TrustedRoot caseRoot = java.nio.file.Files.exists(folder.resolve("trusted_root.json"))
                            ? TrustedRoot.read(folder.resolve("trusted_root.json"))
                            : dev.palisade.sigstore.tuf.SigstoreTrust.bundled().trustedRoot();
                    all.add(new Valid("conformance " + c.name(),
                            java.nio.file.Files.readAllBytes(folder.resolve("bundle.sigstore.json")), artifact, caseRoot,
                            ConformanceBundlesTest.policy(folder)));
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        for (Valid v : all) {
            SignatureVerification unmodified = v.verify(v.bundle());
            assertTrue(unmodified.verified(), v.name() + " must verify unmodified: " + unmodified.describeRejections());
        }
        valid = List.copyOf(all);
        return valid;
    }

    private static boolean conformanceCorpusPresent() {
        try {
            SharedFixtures.sigstoreFolder();
            return true;
        } catch (org.opentest4j.TestAbortedException absent) {
            return false;   // outside CI without ../shared: the generated bundles still run
        }
    }

    /** The JSON pointers of every value (leaves, objects and arrays) in the tree, root excluded. */
    static List<String> pointers(JsonNode node, String at, List<String> into) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                String child = at + "/" + e.getKey().replace("~", "~0").replace("/", "~1");
                into.add(child);
                pointers(e.getValue(), child, into);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                into.add(at + "/" + i);
                pointers(node.get(i), at + "/" + i, into);
            }
        }
        return into;
    }

    /** The structural mutations. */
    enum Mutation {
        REMOVE, NULL, EMPTY_STRING, EMPTY_OBJECT, EMPTY_ARRAY, NUMBER_ZERO, NUMBER_NEGATIVE, NUMBER_HUGE,
        STRING_PLUS_ONE, BIT_FLIP, CHAR_CHANGE, TRUNCATE, APPEND, DUPLICATE_ELEMENT
    }

    /**
     * Applies a mutation at the pointer; {@code position} and {@code bit} choose where a flip or a character
     * change lands. Returns the mutated JSON, or {@code null} when the mutation does not apply to that value
     * or would leave it as it was.
     */
    static byte[] mutate(byte[] bundle, String pointer, Mutation mutation, int position, int bit) {
        ObjectNode root;
        try {
            root = (ObjectNode) TestPki.JSON.readTree(bundle);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String parentPointer = pointer.substring(0, pointer.lastIndexOf('/'));
        String key = pointer.substring(pointer.lastIndexOf('/') + 1).replace("~1", "/").replace("~0", "~");
        JsonNode parent = parentPointer.isEmpty() ? root : root.at(parentPointer);
        JsonNode value = root.at(pointer);
        JsonNode replacement;
        JsonNodeFactory f = JsonNodeFactory.instance;
        String text = value.isValueNode() ? value.asText() : null;
        switch (mutation) {
            case REMOVE -> {
                if (parent.isArray()) {
                    ((ArrayNode) parent).remove(Integer.parseInt(key));
                } else {
                    ((ObjectNode) parent).remove(key);
                }
                return TestPki.json(root);
            }
            case DUPLICATE_ELEMENT -> {
                if (!parent.isArray()) {
                    return null;
                }
                ((ArrayNode) parent).insert(Integer.parseInt(key), value.deepCopy());
                return TestPki.json(root);
            }
            case NULL -> replacement = f.nullNode();
            case EMPTY_STRING -> replacement = f.textNode("");
            case EMPTY_OBJECT -> replacement = f.objectNode();
            case EMPTY_ARRAY -> replacement = f.arrayNode();
            case NUMBER_ZERO -> replacement = text == null ? null : f.textNode("0");
            case NUMBER_NEGATIVE -> replacement = text == null ? null : f.numberNode(-1);
            case NUMBER_HUGE -> replacement = text == null ? null : f.textNode("99999999999999999999");
            case STRING_PLUS_ONE -> replacement = text == null || !text.matches("-?[0-9]{1,18}") ? null
                    : value.isNumber() ? f.numberNode(Long.parseLong(text) + 1) : f.textNode(Long.toString(Long.parseLong(text) + 1));
            case BIT_FLIP -> {
                if (text == null || !BASE64.matcher(text).matches()) {
                    return null;
                }
                byte[] bytes;
                try {
                    bytes = Base64.getDecoder().decode(text);
                } catch (IllegalArgumentException notBase64) {
                    return null;
                }
                if (bytes.length == 0) {
                    return null;
                }
                bytes[position % bytes.length] ^= (byte) (1 << (bit % 8));
                replacement = f.textNode(Base64.getEncoder().encodeToString(bytes));
            }
            case CHAR_CHANGE -> {
                if (text == null || text.isEmpty()) {
                    return null;
                }
                int at = position % text.length();
                char changed = (char) (' ' + (text.charAt(at) - ' ' + 1 + bit % 94) % 95);
                replacement = f.textNode(text.substring(0, at) + changed + text.substring(at + 1));
            }
            case TRUNCATE -> replacement = text == null || text.isEmpty() ? null
                    : f.textNode(text.substring(0, position % text.length()));
            case APPEND -> replacement = text == null ? null : f.textNode(text + (char) ('!' + bit % 90));
            default -> throw new IllegalStateException(mutation.toString());
        }
        if (replacement == null || replacement.equals(value)) {
            return null;
        }
        if (parent.isArray()) {
            ((ArrayNode) parent).set(Integer.parseInt(key), replacement);
        } else {
            ((ObjectNode) parent).set(key, replacement);
        }
        return TestPki.json(root);
    }

    /** The oracle: never a false accept, never an exception, always a reason. Returns what went wrong, or null. */
    static String falseAccept(Valid v, String pointer, Mutation mutation, byte[] mutated) {
        SignatureVerification result;
        try {
            result = v.verify(mutated);
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError(v + ": " + mutation + " at " + pointer + " threw " + e, e);
        }
        if (result.verified()) {
            return unauthenticated(v, pointer, mutation) || onlyTheTimestampStatusChanged(v, pointer, mutated)
                    || sameDecodedBytes(v, pointer, mutated) ? null
                    : "FALSE ACCEPT: " + v + " verified after " + mutation + " at " + pointer;
        }
        assertFalse(result.rejections().isEmpty(), v + ": " + mutation + " at " + pointer + " rejected without a reason");
        for (var rejection : result.rejections()) {
            assertFalse(rejection.toString().isBlank(), v + ": an empty rejection");
        }
        return null;
    }

    /**
     * An RFC 3161 timestamp whose signed parts are unchanged — the TSTInfo (time and message imprint), and each
     * signer's signed attributes and signature — with a granted (0) or grantedWithMods (1) status: what else
     * changed (the status text, the SignedData version, certificates the verification did not use) is not
     * signed and changes nothing that was verified.
     */
    static boolean onlyTheTimestampStatusChanged(Valid v, String pointer, byte[] mutated) {
        if (!pointer.endsWith("/signedTimestamp")) {
            return false;
        }
        try {
            byte[] before = Base64.getDecoder().decode(TestPki.JSON.readTree(v.bundle()).at(pointer).asText());
            byte[] after = Base64.getDecoder().decode(TestPki.JSON.readTree(mutated).at(pointer).asText());
            org.bouncycastle.tsp.TimeStampResponse changed = new org.bouncycastle.tsp.TimeStampResponse(after);
            return changed.getStatus() <= 1 && signedParts(new org.bouncycastle.tsp.TimeStampResponse(before)
                    .getTimeStampToken()).equals(signedParts(changed.getTimeStampToken()));
        } catch (IOException | org.bouncycastle.tsp.TSPException | RuntimeException notAResponse) {
            return false;
        }
    }

    private static List<String> signedParts(org.bouncycastle.tsp.TimeStampToken token) throws IOException {
        List<String> parts = new ArrayList<>();
        parts.add(Base64.getEncoder().encodeToString(token.getTimeStampInfo().getEncoded()));
        for (org.bouncycastle.cms.SignerInformation signer : token.toCMSSignedData().getSignerInfos().getSigners()) {
            parts.add(Base64.getEncoder().encodeToString(signer.getEncodedSignedAttributes()));
            parts.add(Base64.getEncoder().encodeToString(signer.getSignature()));
            parts.add(signer.getDigestAlgOID() + " " + signer.getEncryptionAlgOID());
        }
        return parts;
    }

    /**
     * A base64 value re-spelled so that it decodes to the same bytes (the unused low bits of its last character
     * changed): the verified bytes are the same, as with sigstore-go's non-strict decoding.
     */
    static boolean sameDecodedBytes(Valid v, String pointer, byte[] mutated) {
        try {
            JsonNode before = TestPki.JSON.readTree(v.bundle()).at(pointer);
            JsonNode after = TestPki.JSON.readTree(mutated).at(pointer);
            return before.isTextual() && after.isTextual() && java.util.Arrays.equals(
                    Base64.getDecoder().decode(before.asText()), Base64.getDecoder().decode(after.asText()));
        } catch (IOException | IllegalArgumentException notBase64) {
            return false;
        }
    }

    static void neverFalselyAccepted(Valid v, String pointer, Mutation mutation, byte[] mutated) {
        String problem = falseAccept(v, pointer, mutation, mutated);
        if (problem != null) {
            fail(problem + ":\n" + new String(mutated, StandardCharsets.UTF_8));
        }
    }

    /**
     * Every structural mutation of every field: of the generated bundles and the corpus's happy paths in CI
     * (about 20 s), of every verifying corpus case when {@code palisade.fuzz.tries} asks for a long run.
     */
    @Example
    void everyFieldMutatedEveryWayNeverFalselyAccepts() throws IOException {
        int mutations = 0;
        List<String> problems = new ArrayList<>();
        boolean everyCase = !System.getProperty(FuzzBudget.TRIES, "").isBlank();
        for (Valid v : valid()) {
            if (!everyCase && v.name().startsWith("conformance") && !v.name().contains("happy-path")) {
                continue;
            }
            for (String pointer : pointers(TestPki.JSON.readTree(v.bundle()), "", new ArrayList<>())) {
                for (Mutation mutation : Mutation.values()) {
                    byte[] mutated = mutate(v.bundle(), pointer, mutation, 7, 3);
                    if (mutated != null) {
                        String problem = falseAccept(v, pointer, mutation, mutated);
                        if (problem != null) {
                            problems.add(problem);
                        }
                        mutations++;
                    }
                }
            }
        }
        assertTrue(problems.isEmpty(), problems.size() + " false accepts:\n" + String.join("\n", problems));
        assertTrue(mutations > 500, "mutated " + mutations + " times");
    }

    /**
     * The generated Rekor v2 bundle with its timestamp response rewritten, verified; asserts that it is rejected
     * as {@code TIMESTAMP_INVALID} with a detail containing {@code expected}.
     */
    private static void rejectedWithRewrittenTimestamp(
            java.util.function.Function<org.bouncycastle.asn1.tsp.TimeStampResp, org.bouncycastle.asn1.tsp.TimeStampResp> rewrite,
            String expected) throws IOException {
        Valid v = valid().stream().filter(b -> b.name().equals("generated rekor v2 hashedrekord")).findFirst().orElseThrow();
        String pointer = "/verificationMaterial/timestampVerificationData/rfc3161Timestamps/0/signedTimestamp";
        ObjectNode bundle = (ObjectNode) TestPki.JSON.readTree(v.bundle());
        org.bouncycastle.asn1.tsp.TimeStampResp response = org.bouncycastle.asn1.tsp.TimeStampResp.getInstance(
                Base64.getDecoder().decode(bundle.at(pointer).asText()));
        byte[] der = rewrite.apply(response).getEncoded("DER");
        ((ObjectNode) bundle.at(pointer.substring(0, pointer.lastIndexOf('/')))).put("signedTimestamp", TestPki.b64(der));
        SignatureVerification result = v.verify(TestPki.json(bundle));
        assertFalse(result.verified());
        assertTrue(result.rejections().stream().anyMatch(r -> r.reason() == RejectionReason.TIMESTAMP_INVALID
                && r.detail().contains(expected)), result.describeRejections());
    }

    /** Found by this suite: Bouncy Castle reads a token's content as SignedData whatever its type says. */
    @Example
    void aTimestampTokenOfAnotherContentTypeIsRejected() throws Exception {
        rejectedWithRewrittenTimestamp(response -> new org.bouncycastle.asn1.tsp.TimeStampResp(response.getStatus(),
                new org.bouncycastle.asn1.cms.ContentInfo(org.bouncycastle.asn1.cms.CMSObjectIdentifiers.data,
                        response.getTimeStampToken().getContent())), "not id-signedData");
    }

    /** Found by this suite: a response whose status refuses the request must not be read for its token. */
    @Example
    void aTimestampResponseThatGrantsNothingIsRejected() throws Exception {
        rejectedWithRewrittenTimestamp(response -> new org.bouncycastle.asn1.tsp.TimeStampResp(
                new org.bouncycastle.asn1.cmp.PKIStatusInfo(org.bouncycastle.asn1.cmp.PKIStatus.rejection),
                response.getTimeStampToken()), "grants no timestamp");
    }

    /** Found by this suite: a malformed certificate embedded in a timestamp threw out of the verifier. */
    @Example
    void aMalformedCertificateEmbeddedInATimestampIsRejectedNotThrown() {
        SharedFixtures.sigstoreFolder();   // the corpus: present in CI, where its absence fails
        Valid v = valid().stream().filter(b -> b.name().equals("conformance rekor2-timestamp-with-embedded-cert"))
                .findFirst().orElseThrow();
        for (int[] change : new int[][] {{6337, 1}, {6481, 2}}) {
            byte[] mutated = v.bundle().clone();
            mutated[change[0]] ^= (byte) change[1];
            SignatureVerification result = v.verify(mutated);
            assertFalse(result.verified());
            assertTrue(result.rejections().stream().anyMatch(r -> r.reason() == RejectionReason.TIMESTAMP_INVALID),
                    result.describeRejections());
        }
    }

    @Provide
    Arbitrary<Integer> bundles() {
        return Arbitraries.integers().between(0, valid().size() - 1);
    }

    @Property(tries = 300)
    void randomMutationsOfRandomFieldsNeverFalselyAccept(@ForAll("bundles") int which,
            @ForAll @IntRange(min = 0, max = 10_000) int field, @ForAll Mutation mutation,
            @ForAll @IntRange(min = 0, max = 100_000) int position, @ForAll @IntRange(min = 0, max = 255) int bit)
            throws IOException {
        Valid v = valid().get(which);
        List<String> pointers = pointers(TestPki.JSON.readTree(v.bundle()), "", new ArrayList<>());
        String pointer = pointers.get(field % pointers.size());
        byte[] mutated = mutate(v.bundle(), pointer, mutation, position, bit);
        if (mutated != null) {
            neverFalselyAccepted(v, pointer, mutation, mutated);
        }
    }

    @Property(tries = 300)
    void bitFlipsInDecodedValuesNeverFalselyAccept(@ForAll("bundles") int which,
            @ForAll @IntRange(min = 0, max = 10_000) int field, @ForAll @IntRange(min = 0, max = 100_000) int position,
            @ForAll @IntRange(min = 0, max = 7) int bit) throws IOException {
        Valid v = valid().get(which);
        List<String> encoded = new ArrayList<>();
        JsonNode tree = TestPki.JSON.readTree(v.bundle());
        for (String pointer : pointers(tree, "", new ArrayList<>())) {
            JsonNode node = tree.at(pointer);
            if (node.isTextual() && BASE64.matcher(node.asText()).matches()) {
                encoded.add(pointer);
            }
        }
        String pointer = encoded.get(field % encoded.size());
        byte[] mutated = mutate(v.bundle(), pointer, Mutation.BIT_FLIP, position, bit);
        if (mutated != null) {
            neverFalselyAccepted(v, pointer, Mutation.BIT_FLIP, mutated);
        }
    }

    @Property(tries = 200)
    void rawByteChangesAreRejectedOrHarmlessNeverThrown(@ForAll("bundles") int which,
            @ForAll @IntRange(min = 0, max = 1_000_000) int position, @ForAll @IntRange(min = 1, max = 255) int flip) {
        Valid v = valid().get(which);
        byte[] mutated = v.bundle().clone();
        mutated[position % mutated.length] ^= (byte) flip;
        SignatureVerification result;
        try {
            result = v.verify(mutated);
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError(v + ": byte " + position % mutated.length + " ^ " + flip + " threw " + e, e);
        }
        // a changed byte may land in JSON syntax that still reads the same (whitespace, a key's escape);
        // what must hold is that a rejection says why
        assertTrue(result.verified() || !result.rejections().isEmpty());
    }
}
