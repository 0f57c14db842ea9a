package dev.palisade.sigstore.policy;

import static dev.palisade.sigstore.verify.AttestationFixtures.IDENTITY;
import static dev.palisade.sigstore.verify.AttestationFixtures.ISSUER;
import static dev.palisade.sigstore.verify.AttestationFixtures.SIGNED_AT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.core.Decision;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.Finding;
import dev.palisade.core.ImageAuthority;
import dev.palisade.core.ImageVerificationPolicy;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.PolicySet;
import dev.palisade.core.Resource;
import dev.palisade.core.Result;
import dev.palisade.sigstore.Digest;
import dev.palisade.sigstore.ImageReference;
import dev.palisade.sigstore.registry.LocalRegistry;
import dev.palisade.sigstore.registry.RegistryClient;
import dev.palisade.sigstore.registry.TestImages;
import dev.palisade.sigstore.verify.AttestationFixtures;
import dev.palisade.sigstore.verify.Authority;
import dev.palisade.sigstore.verify.RejectionReason;
import dev.palisade.sigstore.verify.StringMatcher;
import dev.palisade.sigstore.verify.VerificationPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In-toto attestations as policy input, end to end: attestations of every predicate type signed with the
 * test PKI, pushed to a real registry as legacy {@code .att} layers and as cosign v3 bundle referrers
 * (through the referrers tag fallback, which distribution 2.8 needs), verified by {@link CosignImageVerifier}
 * and judged by rule-language conditions; each rejection with its reason.
 */
class AttestationsEndToEndTest {
    private static final Instant NOW = SIGNED_AT.plus(Duration.ofDays(1));
    private static final String TRIVY = "https://github.com/aquasecurity/trivy";
    private static final AttestationFixtures FIXTURES = new AttestationFixtures();
    private static final VerificationPolicy CI = VerificationPolicy.anyOf(
            new Authority.Keyless("ci", StringMatcher.exact(IDENTITY), StringMatcher.exact(ISSUER)));

    @TempDir
    static Path directory;
    private static LocalRegistry registry;
    private static RegistryClient client;
    private static CosignImageVerifier verifier;

    @BeforeAll
    static void startRegistry() throws Exception {
        registry = LocalRegistry.start("", directory);
        client = RegistryClient.create(registry.options());
        verifier = CosignImageVerifier.builder(client, FIXTURES.trustedRoot())
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    }

    @AfterAll
    static void stopRegistry() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    private static ImageReference push(String repositoryAndTag) throws Exception {
        ImageReference reference = ImageReference.parse(registry.host() + "/" + repositoryAndTag);
        return reference.withDigest(TestImages.pushImage(client, reference, true).digest());
    }

    private static byte[] statement(ImageReference image, String type, String predicate) {
        return AttestationFixtures.statement(image.digest().orElseThrow().toString(), type, predicate);
    }

    private static void attachLegacy(ImageReference image, byte[]... statements) throws Exception {
        List<AttestationFixtures.LegacyLayer> layers = java.util.Arrays.stream(statements).map(FIXTURES::legacyLayer).toList();
        SignedImages.pushAttestations(client, image, image.digest().orElseThrow(),
                layers.stream().map(AttestationFixtures.LegacyLayer::envelope).toList(),
                layers.stream().map(AttestationFixtures.LegacyLayer::annotations).toList());
    }

    private static void attachBundle(ImageReference image, byte[] bundle) throws Exception {
        SignedImages.pushBundle(client, image.repositoryReference(), image.digest().orElseThrow(), bundle);
    }

    private static AttestationResult check(ImageReference image, AttestationRequirement... requirements) {
        return verifier.verifyAttestations(image.toString(), new AttestationPolicy(CI, List.of(requirements)),
                Optional.empty());
    }

    private static AttestationRequirement recentCleanScan() {
        return AttestationRequirement.of("vulnerability-scan", "vuln",
                AttestationCondition.compile("predicate.scanner.uri == '" + TRIVY + "'", "not scanned by Trivy"),
                AttestationCondition.compile("timestamp(predicate.metadata.scanFinishedOn) > now - duration('168h')",
                        "the newest scan is older than 7 days"),
                AttestationCondition.compile("predicate.scanner.result.summary.critical == 0",
                        "the scan found critical vulnerabilities")).signedBy(List.of("ci"));
    }

    private static AttestationRequirement slsaFromAcmeAtAProtectedRef() {
        return AttestationRequirement.of("provenance", "slsaprovenance1",
                AttestationCondition.compile("predicate.buildDefinition.externalParameters.workflow.repository"
                        + ".matches('^https://github\\\\.com/acme/[^/]+$')", "not built from a github.com/acme repository"),
                AttestationCondition.compile("predicate.buildDefinition.externalParameters.workflow.ref.startsWith('refs/tags/')"
                        + " || predicate.buildDefinition.externalParameters.workflow.ref == 'refs/heads/main'",
                        "not built at a protected ref"));
    }

    @Test
    void aRecentCleanVulnerabilityScanAsALegacyAttestation() throws Exception {
        ImageReference image = push("team/scanned:1.0");
        attachLegacy(image, statement(image, AttestationTypes.VULN, AttestationFixtures.vulnPredicate(NOW.minusSeconds(3600), 0, TRIVY)));
        AttestationResult result = check(image, recentCleanScan());
        assertTrue(result.satisfied(), result.reasons().toString());
        assertEquals(1, result.requirements().get(0).passed().size());
        assertEquals(List.of("ci"), result.requirements().get(0).passed().get(0).authorities());
    }

    @Test
    void aScanWithCriticalVulnerabilitiesOrTooOldFailsWithTheConditionsMessage() throws Exception {
        ImageReference critical = push("team/critical:1.0");
        attachLegacy(critical, statement(critical, AttestationTypes.VULN, AttestationFixtures.vulnPredicate(NOW.minusSeconds(60), 2, TRIVY)));
        AttestationResult result = check(critical, recentCleanScan());
        assertFalse(result.satisfied());
        assertTrue(String.join("; ", result.reasons()).contains("the scan found critical vulnerabilities"), result.reasons().toString());

        ImageReference old = push("team/old-scan:1.0");
        attachBundle(old, FIXTURES.bundle(statement(old, AttestationTypes.VULN,
                AttestationFixtures.vulnPredicate(NOW.minus(Duration.ofDays(9)), 0, TRIVY)), false));
        AttestationResult stale = check(old, recentCleanScan());
        assertFalse(stale.satisfied());
        assertTrue(String.join("; ", stale.reasons()).contains("older than 7 days"), stale.reasons().toString());
    }

    @Test
    void slsaProvenanceV1AndV02AsBundleReferrersInRekorV1AndV2() throws Exception {
        ImageReference image = push("acme/app:2.0");
        attachBundle(image, FIXTURES.bundle(statement(image, AttestationTypes.SLSA_PROVENANCE_V1,
                AttestationFixtures.slsa1Predicate("https://github.com/acme/app", "refs/tags/v2.0.0")), true));
        attachBundle(image, FIXTURES.bundle(statement(image, AttestationTypes.SLSA_PROVENANCE_V02,
                AttestationFixtures.slsa02Predicate("https://github.com/acme/app", "refs/heads/main")), false));
        assertTrue(check(image, slsaFromAcmeAtAProtectedRef()).satisfied());
        AttestationResult v02 = check(image, AttestationRequirement.of("provenance-v0.2", "slsaprovenance",
                AttestationCondition.compile("predicate.invocation.configSource.uri.startsWith('git+https://github.com/acme/')",
                        "not built from github.com/acme")));
        assertTrue(v02.satisfied(), v02.reasons().toString());

        ImageReference fork = push("acme/fork:2.0");
        attachBundle(fork, FIXTURES.bundle(statement(fork, AttestationTypes.SLSA_PROVENANCE_V1,
                AttestationFixtures.slsa1Predicate("https://github.com/mallory/app", "refs/heads/feature")), true));
        AttestationResult forked = check(fork, slsaFromAcmeAtAProtectedRef());
        assertFalse(forked.satisfied());
        assertTrue(forked.reasons().get(0).contains("not built from a github.com/acme repository"), forked.reasons().toString());
    }

    @Test
    void sbomsInSpdxAndCycloneDx() throws Exception {
        ImageReference image = push("team/sbom:1.0");
        attachBundle(image, FIXTURES.bundle(statement(image, AttestationTypes.SPDX, AttestationFixtures.spdxPredicate()), false));
        attachLegacy(image, statement(image, AttestationTypes.CYCLONEDX, AttestationFixtures.cyclonedxPredicate()));
        AttestationResult result = check(image, AttestationRequirement.of("sbom", "spdxjson"),
                AttestationRequirement.of("bom", "cyclonedx", AttestationCondition.compile(
                        "!predicate.components.exists(c, c.name == 'log4j-core' && c.version.startsWith('2.14'))",
                        "ships a log4j-core with Log4Shell")));
        assertTrue(result.satisfied(), result.reasons().toString());
        ImageReference bare = push("team/no-sbom:1.0");
        AttestationResult missing = check(bare, AttestationRequirement.of("sbom", "spdxjson"));
        assertFalse(missing.satisfied());
        assertTrue(missing.reasons().get(0).contains("no verified attestation of this type"), missing.reasons().toString());
        assertTrue(String.join("; ", missing.reasons()).contains(RejectionReason.NO_SIGNATURES.name()), missing.reasons().toString());
    }

    @Test
    void attestationsThatDoNotVerifyAreRejectedWithTheirReason() throws Exception {
        ImageReference image = push("team/rejected:1.0");
        ImageReference other = push("team/other:1.0");
        attachBundle(image, FIXTURES.bundle(statement(image, AttestationTypes.VULN,
                AttestationFixtures.vulnPredicate(NOW, 0, TRIVY)), false, "https://github.com/mallory/app/.github/workflows/x.yml@refs/heads/x"));
        attachBundle(image, FIXTURES.bundle(statement(other, AttestationTypes.VULN, AttestationFixtures.vulnPredicate(NOW, 0, TRIVY)), false));
        byte[] tampered = FIXTURES.bundle(statement(image, AttestationTypes.VULN, AttestationFixtures.vulnPredicate(NOW, 0, TRIVY)), false);
        com.fasterxml.jackson.databind.node.ObjectNode json = (com.fasterxml.jackson.databind.node.ObjectNode)
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(tampered);
        String payload = new String(java.util.Base64.getDecoder().decode(json.path("dsseEnvelope").path("payload").asText()),
                java.nio.charset.StandardCharsets.UTF_8).replace("\"critical\":0", "\"critical\":0 ");
        ((com.fasterxml.jackson.databind.node.ObjectNode) json.path("dsseEnvelope")).put("payload",
                java.util.Base64.getEncoder().encodeToString(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        attachBundle(image, new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(json));
        AttestationResult result = check(image, recentCleanScan());
        assertFalse(result.satisfied());
        String reasons = String.join("; ", result.reasons());
        assertTrue(reasons.contains("no verified attestation of this type signed by [ci]"), reasons);
        assertTrue(reasons.contains(RejectionReason.IDENTITY_MISMATCH.name()), reasons);
        assertTrue(reasons.contains(RejectionReason.DIGEST_MISMATCH.name()), reasons);
        assertTrue(reasons.contains(RejectionReason.SIGNATURE_INVALID.name()), reasons);
    }

    @Test
    void allRequiresEveryAttestationOfTheTypeAndAnUnevaluableConditionFailsClosed() throws Exception {
        ImageReference image = push("team/two-scans:1.0");
        attachLegacy(image, statement(image, AttestationTypes.VULN, AttestationFixtures.vulnPredicate(NOW, 0, TRIVY)),
                statement(image, AttestationTypes.VULN, AttestationFixtures.vulnPredicate(NOW, 3, TRIVY)));
        assertTrue(check(image, recentCleanScan()).satisfied(), "any: one clean scan is enough");
        AttestationResult all = check(image, recentCleanScan().with(AttestationRequirement.Quantifier.ALL));
        assertFalse(all.satisfied());
        assertEquals(1, all.requirements().get(0).passed().size());
        AttestationResult missingField = check(image, AttestationRequirement.of("scan", "vuln",
                AttestationCondition.compile("predicate.noSuchField.count == 0", "")));
        assertFalse(missingField.satisfied());
        assertTrue(missingField.reasons().get(0).contains("could not be evaluated"), missingField.reasons().toString());
    }

    @Test
    void anImagePolicyReportsTheFailingConditionsMessageAtTheContainersImage() throws Exception {
        ImageReference image = push("team/policy:1.0");
        attachLegacy(image, statement(image, AttestationTypes.VULN, AttestationFixtures.vulnPredicate(NOW, 1, TRIVY)));
        SignedImages.pushBundle(client, image.repositoryReference(), image.digest().orElseThrow(),
                FIXTURES.bundle(dev.palisade.sigstore.verify.AttestationFixtures.statement(image.digest().orElseThrow()
                        .toString(), "https://sigstore.dev/cosign/sign/v1", "{}"), false));
        Path policyFile = directory.resolve("policy.yaml");
        Files.writeString(policyFile, """
                apiVersion: palisade.dev/v1
                kind: ImagePolicy
                metadata: {name: scanned-images}
                spec:
                  images: ["%s/team/**"]
                  authorities:
                    - name: ci
                      keyless: {identity: "%s", issuer: "%s"}
                  attestations:
                    - name: vulnerability-scan
                      type: vuln
                      authorities: [ci]
                      conditions:
                        - expression: predicate.scanner.result.summary.critical == 0
                          message: the image has critical vulnerabilities
                """.formatted(registry.host(), IDENTITY, ISSUER));
        PolicySet policies = PolicySet.builder().addAll(new ImagePolicyFormat().compile(
                ManifestReader.create().read(List.of(policyFile.toString())).resources(), null)).build();
        Resource pod = ManifestReader.create().readString("pod.yaml", """
                apiVersion: v1
                kind: Pod
                metadata: {name: app, namespace: team}
                spec:
                  containers:
                    - name: app
                      image: %s
                """.formatted(image)).resources().get(0);
        Result result = policies.evaluate(pod, EvaluationContext.builder().imageVerifier(verifier).build());
        assertEquals(Decision.DENY, result.decision(), result.toString());
        Finding finding = result.violations().get(0);
        assertTrue(finding.message().contains("lacks the attestations") && finding.message().contains(
                "the image has critical vulnerabilities"), finding.message());
        assertEquals(7, finding.location().line());
    }

    @Test
    void unknownTypesAndAuthoritiesAreConfigurationErrors() {
        assertThrows(PalisadeException.class, () -> AttestationTypes.predicateType("sbom"));
        assertEquals(AttestationTypes.SLSA_PROVENANCE_V1, AttestationTypes.predicateType("slsaprovenance1"));
        assertEquals("https://example.com/predicate/v1", AttestationTypes.predicateType("https://example.com/predicate/v1"));
        assertThrows(PalisadeException.class, () -> new AttestationPolicy(CI, List.of(AttestationRequirement.of("x", "vuln")
                .signedBy(List.of("nobody")))));
        PalisadeException compile = assertThrows(PalisadeException.class, () -> AttestationCondition.compile("predicate.(", ""));
        assertTrue(compile.getMessage().contains("does not compile"), compile.getMessage());
        assertThrows(PalisadeException.class, () -> verifier.verifyAttestations("x/y:1",
                new ImageVerificationPolicy(List.of(ImageAuthority.keyless("ci", IDENTITY, ISSUER)), 1), List.of(), Optional.empty()));
    }

    static Digest digest(ImageReference image) {
        return image.digest().orElseThrow();
    }
}
