package dev.palisade.rules.recommended;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.core.EvaluationContext;
import dev.palisade.core.EvaluationError;
import dev.palisade.core.Finding;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.ManifestSink;
import dev.palisade.core.Manifests;
import dev.palisade.core.Policy;
import dev.palisade.core.PolicySet;
import dev.palisade.core.Report;
import dev.palisade.core.Resource;
import dev.palisade.rules.BuiltinCatalogue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recommended checks declare what they read from the inventory, and the streaming audit keeps
 * only projections of it: over every catalogue fixture and the example repository, the streaming
 * audit finds exactly what an audit holding every whole object finds.
 */
class InventoryNeedsTest {
    private static final Path FIXTURES = Path.of("src/test/resources/dev/palisade/rules/recommended");

    private static List<String> findings(Report report) {
        List<String> all = new ArrayList<>();
        report.results().forEach(r -> {
            for (Finding f : r.violations()) {
                all.add(f.policyId() + " " + f.resource().display() + " " + f.path() + " " + f.message());
            }
        });
        return all;
    }

    private static List<Path> inputs() throws IOException {
        List<Path> inputs = new ArrayList<>();
        try (Stream<Path> files = Files.list(FIXTURES)) {
            files.filter(f -> f.toString().endsWith(".yaml")).sorted().forEach(inputs::add);
        }
        Path examples = Path.of(System.getProperty("palisade.root", "..")).resolve("examples/manifests");
        inputs.add(examples);
        return inputs;
    }

    @Test
    void projectionsFindWhatWholeObjectsFind(@TempDir Path dir) throws IOException {
        List<Policy> recommended = new BuiltinCatalogue().resolve("recommended").orElseThrow();
        PolicySet set = PolicySet.of(recommended);
        assertTrue(!set.inventoryNeeds().all(), "the recommended set reads projections, not everything");
        ManifestReader reader = ManifestReader.create();
        int compared = 0;
        int withFindings = 0;
        for (Path input : inputs()) {
            Manifests manifests = reader.read(List.of(input.toString()));
            Report whole = set.audit(manifests.resources(), EvaluationContext.defaults());
            Report streamed = set.audit(reader, List.of(input.toString()), EvaluationContext.defaults(),
                    new ManifestSink() {
                        @Override
                        public void resource(Resource resource) {
                        }

                        @Override
                        public void error(EvaluationError error) {
                        }
                    });
            assertEquals(findings(whole), findings(streamed), "differs on " + input);
            compared++;
            withFindings += findings(whole).isEmpty() ? 0 : 1;
        }
        assertTrue(compared > 200 && withFindings > 100, compared + " inputs, " + withFindings + " with findings");
    }
}
