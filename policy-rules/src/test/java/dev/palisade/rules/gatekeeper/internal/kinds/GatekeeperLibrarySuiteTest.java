package dev.palisade.rules.gatekeeper.internal.kinds;

import dev.palisade.testing.Required;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.rules.gatekeeper.ConstraintKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every case of the Gatekeeper library's suites ({@code palisade.shared}/conformance) whose
 * template kind has a native implementation, and checks its assertions.
 */
class GatekeeperLibrarySuiteTest {

    private static Path library() {
        return Required.shared("conformance/gatekeeper-library/library");
    }

    @Test
    void everyLibraryTemplateKindHasANativeImplementation() throws IOException {
        Path library = library();
        List<Path> templates;
        try (Stream<Path> walk = Files.walk(library)) {
            templates = walk.filter(p -> p.getFileName().toString().equals("template.yaml")).sorted().toList();
        }
        Set<String> kinds = new TreeSet<>();
        for (Path template : templates) {
            kinds.add(SuiteCase.readFirst(template).path("spec").path("crd").path("spec").path("names").path("kind")
                    .asText());
        }
        assertEquals(49, kinds.size(), "library template kinds: " + kinds);
        Set<String> missing = new TreeSet<>(kinds);
        missing.removeAll(NativeConstraintKinds.all().keySet());
        assertEquals(Set.of(), missing);
    }

    @TestFactory
    Stream<DynamicTest> librarySuites() throws IOException {
        Path library = library();
        List<Path> suites;
        try (Stream<Path> walk = Files.walk(library)) {
            suites = walk.filter(p -> p.getFileName().toString().equals("suite.yaml")).sorted().toList();
        }
        Map<String, int[]> perKind = new TreeMap<>();
        List<DynamicTest> tests = new ArrayList<>();
        for (Path suite : suites) {
            Path dir = suite.getParent();
            JsonNode document = SuiteCase.readFirst(suite);
            for (JsonNode test : document.path("tests")) {
                if (test.path("invalid").asBoolean(false) || test.path("skip").asBoolean(false)) {
                    continue;
                }
                String kindName = SuiteCase.readFirst(dir.resolve(test.path("template").asText()))
                        .path("spec").path("crd").path("spec").path("names").path("kind").asText();
                ConstraintKind kind = NativeConstraintKinds.all().get(kindName);
                int[] counts = perKind.computeIfAbsent(kindName, k -> new int[4]);
                for (JsonNode testCase : test.path("cases")) {
                    if (testCase.path("skip").asBoolean(false)) {
                        continue;
                    }
                    String name = library.relativize(dir) + " / " + test.path("name").asText() + " / "
                            + testCase.path("name").asText();
                    if (kind == null) {
                        counts[2]++;
                        continue;
                    }
                    SuiteCase.Outcome outcome = SuiteCase.run(kind, dir.resolve(test.path("constraint").asText()), dir,
                            testCase);
                    counts[outcome.passed() ? 0 : 1]++;
                    counts[3] += outcome.assertions();
                    tests.add(DynamicTest.dynamicTest(name,
                            () -> assertTrue(outcome.passed(), name + ": " + outcome.failures())));
                }
            }
        }
        StringBuilder summary = new StringBuilder("Gatekeeper library cases through native kinds:\n");
        int passed = 0;
        int failed = 0;
        int notImplemented = 0;
        int assertions = 0;
        for (Map.Entry<String, int[]> entry : perKind.entrySet()) {
            int[] c = entry.getValue();
            passed += c[0];
            failed += c[1];
            notImplemented += c[2];
            assertions += c[3];
            summary.append(String.format("  %-42s %3d passed %3d failed%s%n", entry.getKey(), c[0], c[1],
                    c[2] > 0 ? " (" + c[2] + " not implemented)" : ""));
        }
        summary.append(String.format("  total: %d cases passed, %d failed, %d not implemented (%d assertions in"
                + " the cases run)%n", passed, failed, notImplemented, assertions));
        System.out.print(summary);
        return tests.stream();
    }
}
