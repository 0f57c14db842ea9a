package dev.palisade.rules.recommended;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.Finding;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.Manifests;
import dev.palisade.core.Policy;
import dev.palisade.core.PolicySet;
import dev.palisade.core.Resource;
import dev.palisade.core.Result;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the catalogue's fixtures and runs policies over them as an audit of the whole file. */
final class Fixtures {

    private Fixtures() {
    }

    static Optional<String> text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Resource> resources(String name) {
        String text = text(name).orElseThrow(() -> new AssertionError("missing fixture " + name));
        Manifests manifests = ManifestReader.create().readString(name, text);
        assertTrue(manifests.errors().isEmpty(), name + ": " + manifests.errors());
        return manifests.resources();
    }

    /** The paths a fail fixture declares with {@code # expect: /path} lines. */
    static List<String> expectedPaths(String name) {
        List<String> paths = new ArrayList<>();
        for (String line : text(name).orElseThrow().split("\n")) {
            if (line.startsWith("# expect:")) {
                paths.add(line.substring("# expect:".length()).trim());
            }
        }
        return paths;
    }

    static List<Finding> audit(List<Policy> policies, List<Resource> resources) {
        List<Finding> findings = new ArrayList<>();
        for (Result result : PolicySet.of(policies).audit(resources, EvaluationContext.defaults()).results()) {
            findings.addAll(result.violations());
        }
        return findings;
    }

    static JsonNode params(String yaml) {
        return ManifestReader.create().readDocuments("params.yaml", yaml).get(0).content();
    }

    /** The policy a fixture of this id is judged with (parameterised checks get fixed parameters). */
    static Policy policy(String id) {
        return switch (id) {
            case "untrusted-registry" -> RecommendedCatalogue.configure(id, params("registries: [registry.example.com]"))
                    .orElseThrow();
            case "deprecated-api-version" -> RecommendedCatalogue.configure(id, params("targetVersion: v1.24"))
                    .orElseThrow();
            default -> RecommendedCatalogue.check(id).orElseThrow(() -> new AssertionError("no check " + id));
        };
    }
}
