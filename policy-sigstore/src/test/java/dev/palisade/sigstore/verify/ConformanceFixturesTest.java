package dev.palisade.sigstore.verify;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.sigstore.verify.internal.Digests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every fixture of {@code conformance/sigstore} gives the result its README documents. The cases are
 * read from the README's tables (and the mock-generated paragraph): file, identity, issuer, digest,
 * trusted root and expected outcome.
 */
class ConformanceFixturesTest {
    private static final Pattern BACKTICK = Pattern.compile("`([^`]+)`");
    private static final Pattern SAN = Pattern.compile("SAN (?:email |URI )?`([^`]+)`");
    private static final Pattern ISSUER = Pattern.compile("issuer `([^`]+)`");
    private static final Pattern DIGEST = Pattern.compile("`(sha256:[0-9a-f]{64})`");
    private static final ObjectMapper JSON = new ObjectMapper();

    enum Expected { VALID, REJECTED, VALID_ONLY_WITHOUT_TLOG }

    record Case(String name, Path file, boolean legacy, Expected expected, List<Path> roots, String identity,
            String issuer, String imageDigest) {
    }

    @TestFactory
    Stream<DynamicTest> everyFixtureGivesItsDocumentedResult() throws IOException {
        Path folder = SharedFixtures.sigstoreFolder();
        List<Case> cases = readCases(folder);
        assertTrue(cases.size() >= 15, "README tables should describe at least 15 fixtures, found " + cases.size());
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name() + " -> " + c.expected(), () -> check(c)));
    }

    static List<Case> readCases(Path folder) throws IOException {
        List<Case> cases = new ArrayList<>();
        Path rootsDir = folder.resolve("trusted-roots");
        Path javaRoot = rootsDir.resolve("public-good.sigstore-java.trusted_root.json");
        List<Path> allRoots;
        try (Stream<Path> files = Files.list(rootsDir)) {
            allRoots = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        String section = "";
        for (String line : Files.readAllLines(folder.resolve("README.md"))) {
            if (line.startsWith("## ")) {
                section = line.substring(3).trim();
                if (section.startsWith("mock-generated")) {
                    cases.add(mockCase(folder));
                }
                continue;
            }
            if (!line.startsWith("|") || line.startsWith("|---") || line.startsWith("| file") || line.startsWith("| folder")) {
                continue;
            }
            String[] cells = line.split("\\|");
            String expectedText = cells[cells.length - 1].trim();
            Expected expected = expectedText.contains("must") ? Expected.REJECTED
                    : expectedText.contains("only when transparency-log checking is off") ? Expected.VALID_ONLY_WITHOUT_TLOG
                    : Expected.VALID;
            List<Path> roots = expectedText.contains("public-good roots") ? allRoots
                    : expectedText.contains("cosign-pgi") ? List.of(rootsDir.resolve("public-good.cosign-pgi.trusted_root.json"))
                    : List.of(javaRoot);
            String description = String.join("|", List.of(cells).subList(2, cells.length - 1));
            String identity = first(SAN, description);
            String issuer = first(ISSUER, description);
            if (section.startsWith("legacy-cosign")) {
                String name = cells[1].trim();
                cases.add(new Case("legacy-cosign/" + name, folder.resolve("legacy-cosign").resolve(name), true, expected,
                        roots, identity, issuer, ""));
            } else if (section.startsWith("bundles")) {
                String fileCell = cells[1].trim();
                String directory = fileCell.substring(0, fileCell.indexOf('/'));
                for (String item : fileCell.substring(directory.length() + 1).split(",")) {
                    String file = item.replaceAll("\\(.*\\)", "").trim();
                    if (!file.endsWith(".json")) {
                        file += ".sigstore.json";
                    }
                    cases.add(new Case("bundles/" + directory + "/" + file, folder.resolve("bundles").resolve(directory).resolve(file),
                            false, expected, roots, identity, issuer, first(DIGEST, description)));
                }
            }
        }
        return cases;
    }

    private static Case mockCase(Path folder) throws IOException {
        String readme = Files.readString(folder.resolve("README.md"));
        String paragraph = readme.substring(readme.indexOf("## mock-generated/"), readme.indexOf("## bundles/"));
        Matcher ticks = BACKTICK.matcher(paragraph.substring(paragraph.indexOf("URI SAN")));
        ticks.find();
        String identity = ticks.group(1);
        String issuer = first(ISSUER, paragraph);
        Path dir = folder.resolve("mock-generated");
        return new Case("mock-generated", dir, true, paragraph.contains("Valid against that root") ? Expected.VALID : Expected.REJECTED,
                List.of(dir.resolve("trusted_root.json")), identity, issuer, "");
    }

    private static String first(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.group(1) : "";
    }

    private static void check(Case c) throws IOException {
        Expected expected = c.expected();
        if (expected == Expected.VALID && c.legacy()
                && !legacyLayer(c.file()).annotations().containsKey(LegacySignature.BUNDLE)) {
            // a key-based layer without a Rekor bundle is "valid with the key" only when the tlog is not required
            expected = Expected.VALID_ONLY_WITHOUT_TLOG;
        }
        for (Path rootFile : c.roots()) {
            TrustedRoot root = TrustedRoot.read(rootFile);
            VerificationPolicy policy = VerificationPolicy.anyOf(authorities(c));
            SignatureVerification result = run(c, root, policy);
            String context = c.name() + " with " + rootFile.getFileName() + ": " + result.describeRejections();
            switch (expected) {
                case VALID -> {
                    assertTrue(result.verified(), context);
                    assertFalse(result.matchedAuthorities().isEmpty(), context);
                }
                case REJECTED -> {
                    assertFalse(result.verified(), context);
                    assertFalse(result.rejections().isEmpty(), context);
                }
                case VALID_ONLY_WITHOUT_TLOG -> {
                    assertFalse(result.verified(), context);
                    assertTrue(result.reasons().contains(RejectionReason.TLOG_MISSING), context);
                    SignatureVerification relaxed = run(c, root, policy.withTlogRequired(false));
                    assertTrue(relaxed.verified(), c.name() + " without tlog: " + relaxed.describeRejections());
                }
            }
        }
    }

    static List<Authority> authorities(Case c) throws IOException {
        List<Authority> authorities = new ArrayList<>();
        if (c.legacy() && Files.isDirectory(c.file())) {
            try (Stream<Path> files = Files.list(c.file())) {
                for (Path key : files.filter(p -> p.getFileName().toString().endsWith(".pub.pem")).toList()) {
                    authorities.add(new Authority.Key(key.getFileName().toString(), PublicKeys.parsePem(Files.readString(key))));
                }
            }
        }
        if (!c.identity().isEmpty() || authorities.isEmpty()) {
            StringMatcher identity = c.identity().isEmpty() ? StringMatcher.regexp(".*") : StringMatcher.exact(c.identity());
            StringMatcher issuer = c.issuer().isEmpty() ? StringMatcher.regexp(".*") : StringMatcher.exact(c.issuer());
            authorities.add(new Authority.Keyless("keyless", identity, issuer));
        }
        return authorities;
    }

    static SignatureVerification run(Case c, TrustedRoot root, VerificationPolicy policy) throws IOException {
        if (c.legacy()) {
            LegacySignature layer = legacyLayer(c.file());
            String digest = imageDigest(c.file(), layer);
            String reference = JSON.readTree(layer.payload()).path("critical").path("identity").path("docker-reference").asText();
            return new ImageSignatureVerifier(root).verify(Images.signed(digest, reference, List.of(layer), List.of()), policy);
        }
        byte[] bundle = Files.readAllBytes(c.file());
        if (!c.imageDigest().isEmpty()) {
            return new ImageSignatureVerifier(root).verify(Images.signed(c.imageDigest(), "registry.example/image", List.of(), List.of(bundle)), policy);
        }
        byte[] artifact = Files.readAllBytes(c.file().resolveSibling("artifact.txt"));
        return new BlobVerifier(root).verify(artifact, bundle, policy);
    }

    /** The layer as the registry would hand it over: payload bytes and annotations (from annotations.json or the split files). */
    static LegacySignature legacyLayer(Path dir) throws IOException {
        byte[] payload = Files.readAllBytes(dir.resolve("payload.json"));
        Map<String, String> annotations = new LinkedHashMap<>();
        if (Files.exists(dir.resolve("annotations.json"))) {
            JsonNode node = JSON.readTree(dir.resolve("annotations.json").toFile());
            node.fields().forEachRemaining(e -> annotations.put(e.getKey(), e.getValue().asText()));
        } else {
            annotations.put(LegacySignature.SIGNATURE, Files.readString(dir.resolve("signature.b64.txt")).strip());
            putIfExists(annotations, LegacySignature.CERTIFICATE, dir.resolve("cert.pem"));
            putIfExists(annotations, LegacySignature.CHAIN, dir.resolve("chain.pem"));
            putIfExists(annotations, LegacySignature.BUNDLE, dir.resolve("rekor-bundle.json"));
        }
        return new LegacySignature(payload, annotations);
    }

    private static void putIfExists(Map<String, String> annotations, String key, Path file) throws IOException {
        if (Files.exists(file)) {
            annotations.put(key, Files.readString(file));
        }
    }

    /** sha256 of manifest.json when the fixture has it (the README's definition), else the digest the payload names. */
    static String imageDigest(Path dir, LegacySignature layer) throws IOException {
        Path manifest = dir.resolve("manifest.json");
        if (Files.exists(manifest)) {
            return "sha256:" + Digests.sha256Hex(Files.readAllBytes(manifest));
        }
        return JSON.readTree(layer.payload()).path("critical").path("image").path("docker-manifest-digest").asText();
    }
}
