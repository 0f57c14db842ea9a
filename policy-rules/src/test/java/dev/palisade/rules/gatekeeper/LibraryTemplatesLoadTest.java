package dev.palisade.rules.gatekeeper;

import dev.palisade.testing.Required;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.core.FindingSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Loads every template, constraint, object and inventory of the gatekeeper-library with a kind that
 * never reports, so that schema validation, match, enforcement and AdmissionReview reading are
 * proven on all real data independently of the kinds' logic: nothing may fail to load or evaluate,
 * and exactly the assertions that expect no violation pass.
 */
class LibraryTemplatesLoadTest {

    private static final ConstraintKind SILENT = new ConstraintKind() {
        @Override
        public String kind() {
            return "Silent";
        }

        @Override
        public void evaluate(ConstraintInput input, FindingSink sink) {
            input.parameters();
        }
    };

    @Test
    void everyLibraryConstraintLoadsAndEveryObjectIsReviewed() throws IOException {
        Path library = Required.shared("conformance/gatekeeper-library/library");

        Map<String, ConstraintKind> kinds = new HashMap<>();
        java.util.regex.Pattern kindLine = java.util.regex.Pattern.compile("(?m)^\\s+kind: (\\S+)\\s*$");
        try (Stream<Path> templates = Files.walk(library)) {
            for (Path template : templates.filter(p -> p.getFileName().toString().equals("template.yaml")).toList()) {
                Matcher m = kindLine.matcher(Files.readString(template));
                while (m.find()) {
                    kinds.put(m.group(1), SILENT);
                }
            }
        }
        GatorReport report = GatorSuiteRunner.create(new GatekeeperFormat(kinds, false),
                dev.palisade.core.EvaluationContext.defaults()).run(List.of(library));

        List<String> broken = new ArrayList<>();
        long expectNone = 0;
        for (SuiteResult suite : report.suites()) {
            for (AssertionResult a : suite.assertions()) {
                if (a.found().contains("could not load") || a.found().startsWith("error:")
                        || a.found().startsWith("invalid assertion")) {
                    broken.add(suite.file() + ": " + a.where() + ": " + a.found());
                }
                if (a.expected().startsWith("violations: no") || a.expected().startsWith("violations: 0")) {
                    expectNone++;
                }
            }
        }
        assertTrue(broken.isEmpty(), String.join("\n", broken));
        assertEquals(299, report.passed() + report.failed());
        assertEquals(expectNone, report.passed(), "a silent kind passes exactly the no-violation assertions");
        assertEquals(134, expectNone, "the library has 129 'no' and 5 '0' assertions");
    }
}
