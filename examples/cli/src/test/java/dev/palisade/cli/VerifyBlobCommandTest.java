package dev.palisade.cli;

import dev.palisade.testing.Required;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code palisade verify-blob} on the shared sigstore-java bundles. */
class VerifyBlobCommandTest {
    private Path bundles;
    private String root;

    @BeforeEach
    void fixtures() {
        Path sigstore = Required.shared("conformance/sigstore");
        bundles = sigstore.resolve("bundles/sigstore-java");
        root = sigstore.resolve("trusted-roots/public-good.sigstore-java.trusted_root.json").toString();
    }

    private CliRun verify(String bundle, String identity, String issuer) {
        return CliRun.run("verify-blob", bundles.resolve("artifact.txt").toString(), "--bundle",
                bundles.resolve(bundle).toString(), "--certificate-identity", identity, "--certificate-oidc-issuer",
                issuer, "--trusted-root", root);
    }

    @Test
    void acceptsTheValidBundlesOfEveryVersion() {
        for (String bundle : new String[] {"bundle.v1.sigstore.json", "bundle.sigstore.json",
            "bundle.v3_1.sigstore.json"}) {
            CliRun run = verify(bundle, "appu@google.com", "https://accounts.google.com");
            assertEquals(0, run.status(), bundle + ": " + run.out() + run.err());
            assertTrue(run.out().startsWith("Verified"), run.out());
        }
    }

    @Test
    void rejectsTamperedBundlesAndOtherIdentitiesWithReasons() {
        for (String bundle : new String[] {"bundle-with-expired-cert.sigstore.json",
            "bundle-with-mismatched-set.sigstore.json", "bundle-with-wrong-tlog-entry.sigstore.json"}) {
            CliRun run = verify(bundle, "appu@google.com", "https://accounts.google.com");
            assertEquals(1, run.status(), bundle + ": " + run.out() + run.err());
            assertTrue(run.out().startsWith("NOT verified") && run.out().contains("  - "), run.out());
        }
        CliRun someoneElse = verify("bundle.sigstore.json", "someone@example.com", "https://accounts.google.com");
        assertEquals(1, someoneElse.status());
        assertTrue(someoneElse.out().contains("IDENTITY"), someoneElse.out());
    }

    @Test
    void usesTheBundledPublicGoodRootWithoutATrustedRootAndRefusesAMissingBundle(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path emptyCache) {
        CliRun noRoot = CliRun.run("verify-blob", bundles.resolve("artifact.txt").toString(),
                "--bundle", bundles.resolve("bundle.sigstore.json").toString(), "--certificate-identity",
                "appu@google.com", "--certificate-oidc-issuer", "https://accounts.google.com", "--cache-dir",
                emptyCache.toString());
        assertEquals(0, noRoot.status(), noRoot.out() + noRoot.err());
        assertTrue(noRoot.err().contains("Sigstore trusted root from bundled") && noRoot.err().contains("days old"),
                noRoot.err());
        CliRun noBundle = CliRun.run("verify-blob", bundles.resolve("artifact.txt").toString(),
                "--certificate-identity", "appu@google.com", "--certificate-oidc-issuer", "https://accounts.google.com",
                "--trusted-root", root);
        assertEquals(2, noBundle.status());
        assertTrue(noBundle.err().contains("--bundle"), noBundle.err());
    }
}
