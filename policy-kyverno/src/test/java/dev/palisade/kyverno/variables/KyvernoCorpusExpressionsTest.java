package dev.palisade.kyverno.variables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.YamlDocument;
import dev.palisade.kyverno.jmespath.JmesPath;
import dev.palisade.kyverno.jmespath.JmesPathException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * Every JMESPath expression of the Kyverno policy library corpus compiles: every {@code {{ }}}
 * variable in any string (messages, condition keys and values, patterns, patches, context entries),
 * inner ones first as substitution resolves them, and the plain expressions of {@code jmesPath}
 * (context entries) and {@code foreach.list}. Skips outside CI when the corpus is absent; fails in
 * CI ({@code CI} set).
 */
class KyvernoCorpusExpressionsTest {
    private static final Set<String> PLAIN_EXPRESSION_KEYS = Set.of("jmesPath", "list");
    private static final JmesPath JP = JmesPath.kyverno();

    static Path corpus() {
        String shared = System.getProperty("palisade.shared", "");
        Path folder = Path.of(shared.isEmpty() ? "../shared" : shared, "conformance", "kyverno-policies");
        if (!Files.isDirectory(folder)) {
            if (System.getenv("CI") != null) {
                throw new AssertionError("the Kyverno policy corpus is missing at " + folder.toAbsolutePath()
                        + " (CI is set, so conformance tests must run)");
            }
            Assumptions.assumeTrue(false, "Kyverno policy corpus not found at " + folder
                    + "; set -Dpalisade.shared to the shared folder to run this test");
        }
        return folder;
    }

    record Found(String file, String path, String expression) {
    }

    @Test
    void everyExpressionOfTheCorpusCompiles(TestReporter reporter) throws IOException {
        Path root = corpus();
        ManifestReader reader = ManifestReader.create();
        List<Found> found = new ArrayList<>();
        int policies = 0;
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        }
        for (Path file : files) {
            String text = Files.readString(file);
            if (!text.contains("kyverno.io/")) {
                continue;
            }
            List<YamlDocument> docs;
            try {
                docs = reader.readDocuments(file);
            } catch (PalisadeException e) {
                if (text.contains("kind: ClusterPolicy") || text.contains("kind: Policy")) {
                    throw new AssertionError("cannot read policy file " + file + ": " + e.getMessage(), e);
                }
                continue;
            }
            for (YamlDocument doc : docs) {
                JsonNode c = doc.content();
                String api = c.path("apiVersion").asText("");
                String kind = c.path("kind").asText("");
                if (!api.startsWith("kyverno.io/") || !(kind.endsWith("Policy"))) {
                    continue;
                }
                policies++;
                collect(root.relativize(file).toString(), c.path("spec"), "/spec", found);
            }
        }
        List<String> failures = new ArrayList<>();
        for (Found f : found) {
            try {
                JP.compile(f.expression());
            } catch (JmesPathException e) {
                failures.add(f.file() + " " + f.path() + ": " + e.getMessage());
            }
        }
        reporter.publishEntry("kyverno-corpus", policies + " policies, " + found.size() + " expressions");
        assertTrue(policies > 300, "expected the library's policies, found " + policies);
        assertTrue(found.size() > 250, "expected the library's expressions, found " + found.size());
        assertEquals(List.of(), failures, failures.size() + " of " + found.size() + " expressions do not compile");
    }

    private static void collect(String file, JsonNode node, String path, List<Found> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = e.getKey();
                String childPath = path + "/" + key;
                variablesIn(file, path, key, out);
                JsonNode v = e.getValue();
                if (v.isTextual() && PLAIN_EXPRESSION_KEYS.contains(key)
                        && (key.equals("jmesPath") || path.contains("foreach"))) {
                    out.add(new Found(file, childPath, resolveInner(file, childPath, v.textValue(), out)));
                } else {
                    collect(file, v, childPath, out);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(file, node.get(i), path + "/" + i, out);
            }
        } else if (node.isTextual()) {
            variablesIn(file, path, node.textValue(), out);
        }
    }

    /** Adds the variables of a string, inner ones first, as substitution finds them. */
    private static void variablesIn(String file, String path, String text, List<Found> out) {
        resolveInner(file, path, text, out);
    }

    /** Adds the variables of a string and returns it with each replaced by a placeholder. */
    private static String resolveInner(String file, String path, String text, List<Found> out) {
        String value = text;
        for (int round = 0; round < 50 && Substitution.hasVariables(value); round++) {
            List<String> vars = Substitution.variables(value);
            for (String v : vars) {
                out.add(new Found(file, path, v));
            }
            value = Substitution.replaceVariables(value, "placeholder");
        }
        return value;
    }
}
