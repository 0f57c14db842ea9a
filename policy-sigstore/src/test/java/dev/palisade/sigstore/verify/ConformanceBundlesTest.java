package dev.palisade.sigstore.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.sigstore.tuf.SigstoreTrust;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The sigstore-conformance bundle-verification cases ({@code conformance/sigstore/conformance-bundles}):
 * every folder gives its documented result — a folder named {@code *_fail} is rejected, every other one
 * verified — read as the upstream README prescribes: {@code artifact} (else {@code ../a.txt}),
 * {@code key.pub} (else the default keyless identity, or {@code identity}/{@code issuer}),
 * {@code trusted_root.json} (else the public-good root Palisade bundles).
 */
class ConformanceBundlesTest {
    static final String DEFAULT_IDENTITY = "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/"
            + ".github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main";
    static final String DEFAULT_ISSUER = "https://token.actions.githubusercontent.com";
    /** The number of cases in the corpus, so that a partial copy cannot pass unnoticed. */
    static final int CASES = 33;

    record Case(String name, Path folder, boolean mustFail) {
    }

    static Path corpus() {
        return SharedFixtures.sigstoreFolder().resolve("conformance-bundles");
    }

    static List<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (Stream<Path> folders = Files.list(corpus())) {
            for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                String name = folder.getFileName().toString();
                cases.add(new Case(name, folder, name.endsWith("_fail")));
            }
        }
        return cases;
    }

    @Test
    void theCorpusHoldsEveryCase() throws IOException {
        assertEquals(CASES, cases().size(), "conformance-bundles should hold " + CASES + " cases");
    }

    @TestFactory
    Stream<DynamicTest> everyCaseGivesItsDocumentedResult() throws IOException {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            SignatureVerification result = verify(c);
            if (c.mustFail()) {
                assertFalse(result.verified(), c.name() + " must be rejected");
                assertFalse(result.rejections().isEmpty(), c.name() + " must say why");
            } else {
                assertTrue(result.verified(), c.name() + ": " + result.describeRejections());
            }
        }));
    }

    static SignatureVerification verify(Case c) throws IOException {
        Path folder = c.folder();
        byte[] bundle = Files.readAllBytes(folder.resolve("bundle.sigstore.json"));
        Path artifactFile = Files.exists(folder.resolve("artifact")) ? folder.resolve("artifact")
                : folder.getParent().resolve("a.txt");
        byte[] artifact = Files.readAllBytes(artifactFile);
        TrustedRoot root = Files.exists(folder.resolve("trusted_root.json"))
                ? TrustedRoot.read(folder.resolve("trusted_root.json")) : SigstoreTrust.bundled().trustedRoot();
        return new BlobVerifier(root).verify(artifact, bundle, policy(folder));
    }

    static VerificationPolicy policy(Path folder) throws IOException {
        if (Files.exists(folder.resolve("key.pub"))) {
            return VerificationPolicy.anyOf(new Authority.Key("key.pub", PublicKeys.parsePem(Files.readString(folder.resolve("key.pub")))));
        }
        String identity = read(folder.resolve("identity"), DEFAULT_IDENTITY);
        String issuer = read(folder.resolve("issuer"), DEFAULT_ISSUER);
        return VerificationPolicy.anyOf(new Authority.Keyless("conformance", StringMatcher.exact(identity),
                StringMatcher.exact(issuer)));
    }

    private static String read(Path file, String fallback) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : fallback;
    }
}
