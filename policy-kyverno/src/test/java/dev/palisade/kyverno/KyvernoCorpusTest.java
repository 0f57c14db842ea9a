package dev.palisade.kyverno;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Runs the shared Kyverno policy library corpus ({@code ../shared/conformance/kyverno-policies}) as
 * {@code palisade kyverno test} does and checks that every assertion about a ClusterPolicy passes,
 * except those in {@code corpus-exceptions.txt} (each with its reason), which must still fail: the
 * passing count can only go up. Assertions about Kyverno's CEL policy kinds are reported as not
 * supported and counted apart. Skips when the corpus is absent, unless {@code CI} is set.
 */
class KyvernoCorpusTest {
    /** Test files in the corpus. */
    private static final int TEST_FILES = 339;

    @Test
    void everyClusterPolicyAssertionPassesExceptTheListedOnes() throws IOException {
        Path corpus = corpus();
        KyvernoTestRunner runner = KyvernoTestRunner.create();
        KyvernoTestReport report = runner.run(List.of(corpus));
        Map<String, String> exceptions = exceptions();

        List<String> unexpected = new ArrayList<>();
        List<String> listedButPassing = new ArrayList<>(exceptions.keySet());
        long clusterPolicyAssertions = 0;
        long celAssertions = 0;
        long celPassing = 0;
        long clusterPolicyPassing = 0;
        for (TestFileResult file : report.files()) {
            assertTrue(file.error().isEmpty(), file.file() + ": " + file.error().orElse(""));
            String relative = corpus.relativize(Path.of(file.file())).toString();
            Set<String> celPolicies = celPolicies(Path.of(file.file()));
            for (TestAssertionResult a : file.assertions()) {
                if (a.outcome() == TestAssertionResult.Outcome.NOT_SUPPORTED) {
                    unexpected.add(relative + " | " + a.where() + ": not supported: " + a.found());
                    continue;
                }
                String[] policyParts = a.policy().split("/");
                boolean cel = celPolicies.contains(policyParts[policyParts.length - 1]);
                if (cel) {
                    celAssertions++;
                } else {
                    clusterPolicyAssertions++;
                }
                String key = relative + " | " + a.where();
                if (a.passed(false)) {
                    if (cel) {
                        celPassing++;
                    } else {
                        clusterPolicyPassing++;
                    }
                    continue;
                }
                if (exceptions.containsKey(key)) {
                    listedButPassing.remove(key);
                } else {
                    unexpected.add(key + ": expected " + a.expected() + ", found " + a.found());
                }
            }
        }
        for (String key : exceptions.keySet()) {
            if (listedButPassing.contains(key)) {
                unexpected.add(key + ": listed in corpus-exceptions.txt but passes now; remove it from the list");
            }
        }
        System.out.println("Kyverno corpus: " + report.files().size() + " test files; ClusterPolicy assertions "
                + clusterPolicyPassing + "/" + clusterPolicyAssertions + " passing; CEL-kind (ValidatingPolicy,"
                + " MutatingPolicy, GeneratingPolicy) assertions " + celPassing + "/" + celAssertions + " passing; "
                + report.notSupported() + " not supported; " + exceptions.size() + " listed exceptions");
        if (!unexpected.isEmpty()) {
            fail(String.join("\n", unexpected));
        }
        assertEquals(TEST_FILES, report.files().size(), "test files in the corpus");
        assertEquals(report.failed(), exceptions.size(), "failed assertions are exactly the listed ones");

        StringWriter printed = new StringWriter();
        int status = runner.verify(List.of(corpus), new PrintWriter(printed));
        String last = printed.toString().strip().lines().reduce((a, b) -> b).orElse("");
        assertEquals(report.summary(), last);
        assertEquals(0, report.notSupported(), "no assertion of the corpus is reported as not supported");
        assertTrue(celAssertions > 900, "the CEL-kind assertions are counted (" + celAssertions + ")");
        assertEquals(exceptions.isEmpty() ? 0 : 1, status);
    }

    /** The policies a test file's results mark as Kyverno CEL kinds ({@code isValidatingPolicy}...). */
    private static Set<String> celPolicies(Path testFile) throws IOException {
        Set<String> out = new java.util.HashSet<>();
        JsonNode test = dev.palisade.core.ManifestReader.create().readDocuments(testFile).get(0).content();
        for (JsonNode r : test.path("results")) {
            for (String flag : List.of("isValidatingPolicy", "isMutatingPolicy", "isMUtatingPolicy",
                    "isGeneratingPolicy", "isDeletingPolicy", "isImageValidatingPolicy")) {
                if (r.path(flag).asBoolean(false)) {
                    String[] parts = r.path("policy").asText("").split("/");
                    out.add(parts[parts.length - 1]);
                }
            }
        }
        return out;
    }

    static Path corpus() {
        String shared = System.getProperty("palisade.shared");
        Path corpus = shared == null ? null : Path.of(shared, "conformance", "kyverno-policies");
        boolean present = corpus != null && Files.isDirectory(corpus);
        if (System.getenv("CI") != null && !present) {
            fail("CI is set but the Kyverno corpus is missing: expected ../shared/conformance/kyverno-policies"
                    + " (palisade.shared=" + shared + ")");
        }
        assumeTrue(present, "no Kyverno corpus at " + corpus + "; skipping");
        return corpus;
    }

    private static Map<String, String> exceptions() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                KyvernoCorpusTest.class.getResourceAsStream("corpus-exceptions.txt")), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split(" \\| ", 3);
                assertEquals(3, parts.length, "corpus-exceptions.txt line needs file | assertion | reason: " + line);
                assertTrue(parts[2].length() > 20, "every exception needs its reason: " + line);
                out.put(parts[0] + " | " + parts[1], parts[2]);
            }
        }
        return out;
    }
}
