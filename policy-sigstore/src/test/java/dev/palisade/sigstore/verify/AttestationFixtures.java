package dev.palisade.sigstore.verify;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Signed in-toto attestations made with the test PKI, for tests in other packages and modules: a
 * statement of any predicate type over an image digest, signed keyless and logged either as a cosign v3
 * bundle (Rekor v1 {@code dsse} entry, or Rekor v2 with a timestamp) or as a legacy {@code .att} layer
 * (DSSE envelope with certificate, chain and a Rekor bundle of an {@code intoto} 0.0.2 entry).
 */
public final class AttestationFixtures {
    /** The keyless identity the fixtures are signed with. */
    public static final String IDENTITY = TestPki.IDENTITY;
    /** The OIDC issuer of that identity. */
    public static final String ISSUER = TestPki.ISSUER;
    /** When they are signed. */
    public static final Instant SIGNED_AT = TestPki.NOW;

    private final TestPki pki = new TestPki();

    /** A legacy {@code .att} layer: the DSSE envelope bytes and the layer annotations. */
    public record LegacyLayer(byte[] envelope, Map<String, String> annotations) {
    }

    /** The trusted root of the test PKI. */
    public TrustedRoot trustedRoot() {
        return pki.trustedRoot();
    }

    /** The trusted root as {@code trusted_root.json}. */
    public byte[] trustedRootJson() {
        return pki.trustedRootJson(TestPki.RootOptions.defaults());
    }

    /** An in-toto Statement v1 about the image digest with this predicate. */
    public static byte[] statement(String digest, String predicateType, String predicateJson) {
        return ("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"image\",\"digest\":{\"sha256\":\""
                + digest.substring(digest.indexOf(':') + 1) + "\"}}],\"predicateType\":\"" + predicateType
                + "\",\"predicate\":" + predicateJson + "}").getBytes(StandardCharsets.UTF_8);
    }

    /** A cosign v3 bundle of the statement, signed by a fresh leaf of {@link #IDENTITY}. */
    public byte[] bundle(byte[] statement, boolean rekorV2) {
        return bundle(statement, rekorV2, IDENTITY);
    }

    /** A cosign v3 bundle of the statement signed by a leaf of another identity. */
    public byte[] bundle(byte[] statement, boolean rekorV2, String identity) {
        TestBundle bundle = TestBundle.attestation(pki, pki.leaf(pki.leafOptions().identity(identity, true)), statement);
        if (rekorV2) {
            bundle.rekorV2("dsse");
        }
        return bundle.toJson();
    }

    /** A legacy {@code .att} layer of the statement, logged as an {@code intoto} 0.0.2 entry. */
    public LegacyLayer legacyLayer(byte[] statement) {
        TestPki.Leaf leaf = pki.leaf();
        String type = "application/vnd.in-toto+json";
        byte[] signature = TestPki.sign(leaf.key().getPrivate(), TestBundle.pae(type, statement));
        byte[] envelope = TestPki.json(Map.of("payloadType", type, "payload", TestPki.b64(statement),
                "signatures", List.of(Map.of("keyid", "", "sig", TestPki.b64(signature)))));
        TestPki.Entry entry = pki.entry(TestPki.intotoBody(type, statement, signature, TestPki.pem(leaf.certificate())),
                SIGNED_AT);
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(LegacySignature.SIGNATURE, "");
        annotations.put(LegacySignature.CERTIFICATE, TestPki.pem(leaf.certificate()));
        annotations.put(LegacySignature.CHAIN, TestPki.pem(pki.intermediate) + TestPki.pem(pki.root));
        annotations.put(LegacySignature.BUNDLE, TestPki.rekorBundleAnnotation(entry));
        annotations.put("predicateType", predicateTypeOf(statement));
        return new LegacyLayer(envelope, annotations);
    }

    private static String predicateTypeOf(byte[] statement) {
        try {
            return TestPki.JSON.readTree(statement).path("predicateType").asText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A cosign vulnerability scan predicate. */
    public static String vulnPredicate(Instant finished, int critical, String scanner) {
        return "{\"invocation\":{\"uri\":\"https://github.com/example/app/actions/runs/1\"},\"scanner\":{\"uri\":\""
                + scanner + "\",\"version\":\"0.50.0\",\"result\":{\"Results\":[{\"Vulnerabilities\":["
                + "{\"VulnerabilityID\":\"CVE-2026-0001\",\"Severity\":\"" + (critical > 0 ? "CRITICAL" : "LOW") + "\"}]}],"
                + "\"summary\":{\"critical\":" + critical + ",\"high\":1}}},\"metadata\":{\"scanStartedOn\":\""
                + finished.minusSeconds(60) + "\",\"scanFinishedOn\":\"" + finished + "\"}}";
    }

    /** An SPDX 2.3 document with one package. */
    public static String spdxPredicate() {
        return "{\"spdxVersion\":\"SPDX-2.3\",\"SPDXID\":\"SPDXRef-DOCUMENT\",\"name\":\"app\",\"packages\":["
                + "{\"SPDXID\":\"SPDXRef-openssl\",\"name\":\"openssl\",\"versionInfo\":\"3.0.13\",\"licenseConcluded\":\"Apache-2.0\"}]}";
    }

    /** A CycloneDX 1.5 BOM with one component. */
    public static String cyclonedxPredicate() {
        return "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\",\"components\":[{\"type\":\"library\","
                + "\"name\":\"log4j-core\",\"version\":\"2.17.1\"}]}";
    }

    /** SLSA provenance v0.2 from a GitHub Actions workflow at a ref. */
    public static String slsa02Predicate(String repository, String ref) {
        return "{\"builder\":{\"id\":\"https://github.com/actions/runner\"},\"buildType\":\"https://github.com/slsa-framework/"
                + "slsa-github-generator/generic@v1\",\"invocation\":{\"configSource\":{\"uri\":\"git+" + repository + "@" + ref
                + "\",\"digest\":{\"sha1\":\"0123456789abcdef0123456789abcdef01234567\"},\"entryPoint\":\".github/workflows/"
                + "release.yml\"}}}";
    }

    /** SLSA provenance v1 from a GitHub Actions workflow at a ref. */
    public static String slsa1Predicate(String repository, String ref) {
        return "{\"buildDefinition\":{\"buildType\":\"https://actions.github.io/buildtypes/workflow/v1\",\"externalParameters\":"
                + "{\"workflow\":{\"ref\":\"" + ref + "\",\"repository\":\"" + repository + "\",\"path\":\".github/workflows/"
                + "release.yml\"}}},\"runDetails\":{\"builder\":{\"id\":\"https://github.com/actions/runner/github-hosted\"}}}";
    }
}
