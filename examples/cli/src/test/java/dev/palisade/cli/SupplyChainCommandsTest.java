package dev.palisade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.sigstore.Digest;
import dev.palisade.sigstore.ImageReference;
import dev.palisade.sigstore.policy.SignedImages;
import dev.palisade.sigstore.registry.LocalRegistry;
import dev.palisade.sigstore.registry.RegistryClient;
import dev.palisade.sigstore.registry.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pin}, {@code verify-image} and {@code check --verify-images} through {@link Main#run} against a real registry. */
class SupplyChainCommandsTest {
    @TempDir
    static Path directory;
    private static LocalRegistry registry;
    private static RegistryClient client;
    private static Path keyFile;
    private static Digest signedDigest;

    @BeforeAll
    static void setUp() throws Exception {
        registry = LocalRegistry.start("", Files.createDirectories(directory.resolve("registry")));
        client = RegistryClient.create(registry.options());
        KeyPair key = SignedImages.newKey();
        keyFile = directory.resolve("ci.pub");
        Files.writeString(keyFile, SignedImages.publicPem(key));
        ImageReference signed = ImageReference.parse(registry.host() + "/team/signed:1.0");
        signedDigest = TestImages.pushImage(client, signed, true).digest();
        SignedImages.sign(client, signed, signedDigest, key.getPrivate());
        TestImages.pushImage(client, ImageReference.parse(registry.host() + "/team/unsigned:1.0"), true);
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    /** The exit status and the text of both streams of one run. */


    @Test
    void verifyImageExitsZeroForTheSignedImageAndOneForAnotherKey() throws Exception {
        CliRun verified = CliRun.run("verify-image", registry.host() + "/team/signed:1.0", "--key", keyFile.toString(),
                "--insecure-ignore-tlog", "--allow-insecure-registry", registry.host());
        assertEquals(0, verified.status(), verified.err() + verified.out());
        assertTrue(verified.out().contains("digest:    " + signedDigest), verified.out());
        assertTrue(verified.out().contains("authority: " + keyFile), verified.out());

        Path otherKey = directory.resolve("other.pub");
        Files.writeString(otherKey, SignedImages.publicPem(SignedImages.newKey()));
        CliRun rejected = CliRun.run("verify-image", registry.host() + "/team/signed:1.0", "--key", otherKey.toString(),
                "--insecure-ignore-tlog", "--allow-insecure-registry", registry.host());
        assertEquals(1, rejected.status(), rejected.err());
        assertTrue(rejected.out().startsWith("NOT verified"), rejected.out());
        assertTrue(rejected.out().contains("SIGNATURE"), rejected.out());

        CliRun unsigned = CliRun.run("verify-image", registry.host() + "/team/unsigned:1.0", "--key", keyFile.toString(),
                "--insecure-ignore-tlog", "--allow-insecure-registry", registry.host());
        assertEquals(1, unsigned.status());
        assertTrue(unsigned.out().contains("no cosign signature found"), unsigned.out());
    }

    @Test
    void verifyImageExitsTwoOnErrors() {
        CliRun noTlog = CliRun.run("verify-image", registry.host() + "/team/signed:1.0", "--key", keyFile.toString(),
                "--allow-insecure-registry", registry.host());
        assertEquals(1, noTlog.status(), "the bundled root has Rekor keys, so the missing log entry is a rejection");
        assertTrue(noTlog.out().contains("TLOG_MISSING") && noTlog.out().contains("--insecure-ignore-tlog"), noTlog.out());

        CliRun keylessWithBundledRoot = CliRun.run("verify-image", registry.host() + "/team/signed:1.0", "--certificate-identity",
                "a@example.com", "--certificate-oidc-issuer", "https://accounts.example.com", "--allow-insecure-registry", registry.host());
        assertEquals(1, keylessWithBundledRoot.status(), keylessWithBundledRoot.err());
        assertTrue(keylessWithBundledRoot.out().contains("CERTIFICATE_MISSING"), keylessWithBundledRoot.out());
        assertTrue(keylessWithBundledRoot.err().contains("Sigstore trusted root from"), keylessWithBundledRoot.err());

        CliRun noSigner = CliRun.run("verify-image", registry.host() + "/team/signed:1.0");
        assertEquals(2, noSigner.status());
        assertTrue(noSigner.err().contains("name the signer"), noSigner.err());

        CliRun absent = CliRun.run("verify-image", registry.host() + "/team/absent:1.0", "--key", keyFile.toString(),
                "--insecure-ignore-tlog", "--allow-insecure-registry", registry.host());
        assertEquals(2, absent.status(), absent.out());
        assertTrue(absent.err().contains("absent"), absent.err());
    }

    @Test
    void verifyImageKeylessWithTheSharedFixtureAndTrustedRoot() throws Exception {
        Path fixtures = SignedImages.sigstoreFixtures();
        ImageReference repository = ImageReference.parse(registry.host() + "/fixtures/keyless");
        Digest digest = SignedImages.pushLegacyFixture(client, repository,
                fixtures.resolve("legacy-cosign/keyless-fulcio-rekor"));
        String root = fixtures.resolve("trusted-roots/public-good.sigstore-java.trusted_root.json").toString();
        CliRun verified = CliRun.run("verify-image", repository.name() + "@" + digest, "--certificate-identity",
                "mitr@redhat.com", "--certificate-oidc-issuer", "https://github.com/login/oauth", "--trusted-root",
                root, "--allow-insecure-registry", registry.host());
        assertEquals(0, verified.status(), verified.err() + verified.out());
        assertTrue(verified.out().contains("authority: mitr@redhat.com"), verified.out());

        CliRun wrongIssuer = CliRun.run("verify-image", repository.name() + "@" + digest, "--certificate-identity-regexp",
                "mitr@.*", "--certificate-oidc-issuer-regexp", "https://accounts\\.google\\.com", "--trusted-root",
                root, "--allow-insecure-registry", registry.host());
        assertEquals(1, wrongIssuer.status(), wrongIssuer.err());
        assertTrue(wrongIssuer.out().contains("ISSUER"), wrongIssuer.out());
    }

    @Test
    void checkWithVerifyImagesAppliesImagePolicies() throws Exception {
        Path workspace = Files.createDirectories(directory.resolve("check"));
        Files.copy(keyFile, workspace.resolve("ci.pub"));
        Path policy = workspace.resolve("policy.yaml");
        Files.writeString(policy, """
                apiVersion: palisade.dev/v1
                kind: ImagePolicy
                metadata:
                  name: team-images-signed
                spec:
                  images: ["%s/team/**"]
                  authorities:
                    - name: ci
                      key: {file: ci.pub}
                """.formatted(registry.host()));
        Path signedOnly = workspace.resolve("signed.yaml");
        Files.writeString(signedOnly, pod("signed"));
        Path unsigned = workspace.resolve("unsigned.yaml");
        Files.writeString(unsigned, pod("unsigned"));

        String[] common = {"--policy", policy.toString(), "--verify-images", "--insecure-ignore-tlog",
            "--allow-insecure-registry", registry.host(), "--no-color"};
        CliRun pass = CliRun.run(concat(new String[] {"check", signedOnly.toString()}, common));
        assertEquals(0, pass.status(), pass.out() + pass.err());

        CliRun deny = CliRun.run(concat(new String[] {"check", unsigned.toString()}, common));
        assertEquals(1, deny.status(), deny.out() + deny.err());
        assertTrue(deny.out().contains("team-images-signed"), deny.out());
        assertTrue(deny.out().contains("/team/unsigned:1.0"), deny.out());

        CliRun withoutFlag = CliRun.run("check", unsigned.toString(), "--policy", policy.toString(), "--no-color");
        assertEquals(2, withoutFlag.status());
        assertTrue((withoutFlag.out() + withoutFlag.err()).contains("--verify-images"), withoutFlag.out());
    }

    @Test
    void checkWithVerifyImagesRunsGatekeeperRequiredSignatures() throws Exception {
        Path workspace = Files.createDirectories(directory.resolve("gatekeeper"));
        Path template = workspace.resolve("template.yaml");
        try (var in = SupplyChainCommandsTest.class.getResourceAsStream(
                "/dev/palisade/rules/gatekeeper/templates/k8srequiredsignatures.yaml")) {
            Files.write(template, in.readAllBytes());
        }
        Path constraint = workspace.resolve("constraint.yaml");
        Files.writeString(constraint, "apiVersion: constraints.gatekeeper.sh/v1beta1\nkind: K8sRequiredSignatures\n"
                + "metadata:\n  name: ci-signed\nspec:\n  match:\n    kinds:\n    - apiGroups: [\"\"]\n"
                + "      kinds: [\"Pod\"]\n  parameters:\n    trustedAuthorities:\n    - name: ci\n      key: |\n"
                + Files.readString(keyFile).lines().map(line -> "        " + line + "\n")
                        .collect(java.util.stream.Collectors.joining()));
        Path signedOnly = workspace.resolve("signed.yaml");
        Files.writeString(signedOnly, pod("signed"));
        Path unsigned = workspace.resolve("unsigned.yaml");
        Files.writeString(unsigned, pod("unsigned"));
        String[] common = {"--policy", template.toString(), "--policy", constraint.toString(), "--verify-images",
            "--insecure-ignore-tlog", "--allow-insecure-registry", registry.host(), "--no-color"};

        CliRun pass = CliRun.run(concat(new String[] {"check", signedOnly.toString()}, common));
        assertEquals(0, pass.status(), pass.out() + pass.err());
        CliRun deny = CliRun.run(concat(new String[] {"check", unsigned.toString()}, common));
        assertEquals(1, deny.status(), deny.out() + deny.err());
        assertTrue(deny.out().contains("ci-signed") && deny.out().contains("/team/unsigned:1.0"), deny.out());
    }

    @Test
    void pinShowsADiffThenWritesThenWorksOfflineFromTheLockfile() throws Exception {
        Path repo = Files.createDirectories(directory.resolve("gitops/apps"));
        String original = pod("signed");
        Path file = repo.resolve("pod.yaml");
        Files.writeString(file, original);
        Path lock = directory.resolve("gitops/palisade.lock");

        CliRun diff = CliRun.run("pin", repo.toString(), "--lockfile", lock.toString(), "--allow-insecure-registry",
                registry.host());
        assertEquals(1, diff.status(), diff.err());
        assertTrue(diff.out().contains("+    image: " + registry.host() + "/team/signed:1.0@" + signedDigest),
                diff.out());
        assertEquals(original, Files.readString(file));
        assertFalse(Files.exists(lock));

        CliRun write = CliRun.run("pin", repo.toString(), "--lockfile", lock.toString(), "--write", "--allow-insecure-registry",
                registry.host());
        assertEquals(0, write.status(), write.err());
        String pinned = original.replace("signed:1.0", "signed:1.0@" + signedDigest);
        assertEquals(pinned, Files.readString(file));
        assertTrue(Files.readString(lock).contains(signedDigest.toString()));

        CliRun nothingLeft = CliRun.run("pin", repo.toString(), "--lockfile", lock.toString(), "--allow-insecure-registry",
                registry.host());
        assertEquals(0, nothingLeft.status(), nothingLeft.err());
        assertEquals("", nothingLeft.out());

        Path copy = Files.createDirectories(directory.resolve("offline")).resolve("pod.yaml");
        Files.writeString(copy, original);
        CliRun offline = CliRun.run("pin", copy.toString(), "--lockfile", lock.toString(), "--offline", "--write");
        assertEquals(0, offline.status(), offline.err());
        assertEquals(pinned, Files.readString(copy));

        Path unknown = Files.createDirectories(directory.resolve("unknown")).resolve("pod.yaml");
        Files.writeString(unknown, pod("unsigned"));
        CliRun missing = CliRun.run("pin", unknown.toString(), "--lockfile", lock.toString(), "--offline");
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("unsigned"), missing.err());
    }

    /** The four registry-reading commands, each with arguments that reach the test registry's signed image. */
    private static java.util.Map<String, String[]> registryCommands() throws Exception {
        Path workspace = Files.createDirectories(directory.resolve("insecure"));
        Path manifest = workspace.resolve("pod.yaml");
        Files.writeString(manifest, pod("signed"));
        Path policy = workspace.resolve("policy.yaml");
        Files.writeString(policy, "apiVersion: palisade.dev/v1\nkind: ImagePolicy\nmetadata: {name: signed}\n"
                + "spec:\n  images: [\"" + registry.host() + "/team/**\"]\n  authorities:\n    - name: ci\n"
                + "      key: {file: " + keyFile + "}\n");
        String image = registry.host() + "/team/signed:1.0";
        java.util.Map<String, String[]> commands = new java.util.LinkedHashMap<>();
        commands.put("pin", new String[] {"pin", manifest.toString(), "--lockfile", workspace.resolve("l.lock").toString()});
        commands.put("verify-image", new String[] {"verify-image", image, "--key", keyFile.toString(),
            "--insecure-ignore-tlog"});
        commands.put("verify-attestation", new String[] {"verify-attestation", image, "--type", "vuln", "--key",
            keyFile.toString(), "--insecure-ignore-tlog"});
        commands.put("check", new String[] {"check", manifest.toString(), "--policy", policy.toString(),
            "--verify-images", "--insecure-ignore-tlog", "--no-color"});
        return commands;
    }

    @Test
    void allowInsecureRegistryIsOneOptionWithOneMeaningInEveryRegistryCommand() throws Exception {
        for (java.util.Map.Entry<String, String[]> command : registryCommands().entrySet()) {
            String name = command.getKey();
            CliRun help = CliRun.run(name, "--help");
            assertTrue(help.out().contains("--allow-insecure-registry HOST")
                    && help.out().contains("* lets every registry fall back to plain HTTP when HTTPS fails (repeatable)"),
                    name + ": " + help.out());

            // a plain-HTTP registry is refused without the option, with the hint (an error; for check, the
            // image policy's finding: an image that cannot be verified is denied)
            CliRun refused = CliRun.run(command.getValue());
            assertEquals(name.equals("check") ? 1 : 2, refused.status(), name + ": " + refused.out() + refused.err());
            assertTrue((refused.out() + refused.err()).contains("--allow-insecure-registry"),
                    name + ": " + refused.out() + refused.err());

            // the host, as image references write it (any case), or *: HTTPS fails, plain HTTP is used
            for (String host : List.of(registry.host(), "*")) {
                CliRun allowed = CliRun.run(concat(command.getValue(), new String[] {"--allow-insecure-registry",
                    "LOCALHOST:1", "--allow-insecure-registry", host}));
                // pin: a diff is pending (1); verify-attestation: the image has no attestation (1)
                int expected = name.equals("pin") || name.equals("verify-attestation") ? 1 : 0;
                assertEquals(expected, allowed.status(), name + " " + host + ": " + allowed.out() + allowed.err());
            }

            // an image reference, a URL or a bare word is a usage error naming the option
            for (String bad : List.of(registry.host() + "/team/signed:1.0", "http://" + registry.host(), "registry")) {
                CliRun usage = CliRun.run(concat(command.getValue(), new String[] {"--allow-insecure-registry", bad}));
                assertEquals(2, usage.status(), name + " " + bad);
                assertTrue(usage.err().contains("--allow-insecure-registry: an insecure registry is a registry host"),
                        name + ": " + usage.err());
            }
            CliRun noValue = CliRun.run(concat(command.getValue(), new String[] {"--allow-insecure-registry"}));
            assertEquals(2, noValue.status(), name + ": " + noValue.out());
        }
    }

    private static String pod(String image) {
        return "apiVersion: v1\nkind: Pod\nmetadata:\n  name: " + image + "\nspec:\n  containers:\n  - name: app\n"
                + "    image: " + registry.host() + "/team/" + image + ":1.0\n";
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
