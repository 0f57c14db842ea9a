package dev.palisade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.sigstore.ImageReference;
import dev.palisade.sigstore.policy.SignedImages;
import dev.palisade.sigstore.registry.LocalRegistry;
import dev.palisade.sigstore.registry.RegistryClient;
import dev.palisade.sigstore.registry.TestImages;
import dev.palisade.sigstore.verify.AttestationFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code palisade verify-attestation} against a real registry holding attestations signed with the test
 * PKI (whose trusted root is passed with {@code --trusted-root}), and {@code palisade trust show}.
 */
class VerifyAttestationCommandTest {
    private static final AttestationFixtures FIXTURES = new AttestationFixtures();
    private static final String TRIVY = "https://github.com/aquasecurity/trivy";

    @TempDir
    static Path directory;
    private static LocalRegistry registry;
    private static Path root;
    private static ImageReference scanned;
    private static ImageReference built;

    @BeforeAll
    static void setUp() throws Exception {
        registry = LocalRegistry.start("", Files.createDirectories(directory.resolve("registry")));
        RegistryClient client = RegistryClient.create(registry.options());
        root = directory.resolve("trusted_root.json");
        Files.write(root, FIXTURES.trustedRootJson());
        scanned = push(client, "team/scanned:1.0");
        byte[] scan = AttestationFixtures.statement(scanned.digest().orElseThrow().toString(),
                "https://cosign.sigstore.dev/attestation/vuln/v1", AttestationFixtures.vulnPredicate(Instant.now(), 1, TRIVY));
        AttestationFixtures.LegacyLayer layer = FIXTURES.legacyLayer(scan);
        SignedImages.pushAttestations(client, scanned, scanned.digest().orElseThrow(), List.of(layer.envelope()),
                List.of(layer.annotations()));
        built = push(client, "acme/app:2.0");
        SignedImages.pushBundle(client, built.repositoryReference(), built.digest().orElseThrow(), FIXTURES.bundle(
                AttestationFixtures.statement(built.digest().orElseThrow().toString(), "https://slsa.dev/provenance/v1",
                        AttestationFixtures.slsa1Predicate("https://github.com/acme/app", "refs/tags/v2.0.0")), true));
    }

    private static ImageReference push(RegistryClient client, String name) throws Exception {
        ImageReference reference = ImageReference.parse(registry.host() + "/" + name);
        return reference.withDigest(TestImages.pushImage(client, reference, true).digest());
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    private static CliRun verify(ImageReference image, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("verify-attestation", image.toString(),
                "--certificate-identity", AttestationFixtures.IDENTITY, "--certificate-oidc-issuer", AttestationFixtures.ISSUER,
                "--trusted-root", root.toString(), "--allow-insecure-registry", registry.host()));
        args.addAll(List.of(extra));
        return CliRun.run(args.toArray(String[]::new));
    }

    @Test
    void verifiesProvenanceWithConditionsAndExitsZero() {
        CliRun run = verify(built, "--type", "slsaprovenance1", "--condition",
                "predicate.buildDefinition.externalParameters.workflow.repository.startsWith('https://github.com/acme/')");
        assertEquals(0, run.status(), run.out() + run.err());
        assertTrue(run.out().startsWith("Verified ") && run.out().contains("https://slsa.dev/provenance/v1"), run.out());
    }

    @Test
    void aFailingConditionOrAMissingTypeExitsOneWithTheReason() {
        CliRun critical = verify(scanned, "--type", "vuln", "--condition", "predicate.scanner.result.summary.critical == 0");
        assertEquals(1, critical.status(), critical.out() + critical.err());
        assertTrue(critical.out().startsWith("NOT verified") && critical.out().contains("is false"), critical.out());
        CliRun noSbom = verify(scanned, "--type", "spdxjson");
        assertEquals(1, noSbom.status());
        assertTrue(noSbom.out().contains("no verified attestation of this type"), noSbom.out());
        CliRun wrongSigner = CliRun.run("verify-attestation", scanned.toString(), "--type", "vuln",
                "--certificate-identity", "someone@example.com", "--certificate-oidc-issuer", AttestationFixtures.ISSUER,
                "--trusted-root", root.toString(), "--allow-insecure-registry", registry.host());
        assertEquals(1, wrongSigner.status());
        assertTrue(wrongSigner.out().contains("IDENTITY_MISMATCH"), wrongSigner.out());
    }

    @Test
    void usageAndRegistryErrorsExitTwo() {
        assertEquals(2, verify(scanned, "--type", "sbom").status());
        assertEquals(2, verify(scanned, "--type", "vuln", "--condition", "predicate.(").status());
        CliRun unreachable = CliRun.run("verify-attestation", "127.0.0.1:1/team/app:1", "--type", "vuln",
                "--key", root.toString(), "--trusted-root", root.toString(), "--allow-insecure-registry", "127.0.0.1:1");
        assertEquals(2, unreachable.status(), unreachable.out() + unreachable.err());
    }

    @Test
    void trustShowStatesTheRootAndItsAge(@TempDir Path emptyCache) {
        CliRun show = CliRun.run("trust", "show", "--cache-dir", emptyCache.toString());
        assertEquals(0, show.status(), show.err());
        assertTrue(show.out().startsWith("Sigstore trusted root from bundled (TUF root v15)") && show.out().contains("days old"),
                show.out());
        assertEquals(2, CliRun.run("trust", "refresh").status());
        CliRun offline = CliRun.run("trust", "update", "--cache-dir", emptyCache.toString(), "--repository",
                "http://127.0.0.1:1/", "--timeout", "2");
        assertEquals(2, offline.status());
        assertTrue(offline.err().contains("cannot reach the TUF repository"), offline.err());
    }
}
