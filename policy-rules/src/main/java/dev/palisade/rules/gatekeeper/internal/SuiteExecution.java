package dev.palisade.rules.gatekeeper.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.palisade.core.EnforcementPoint;
import dev.palisade.core.Operations;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.EvaluationError;
import dev.palisade.core.FailurePolicy;
import dev.palisade.core.Finding;
import dev.palisade.core.Inventory;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.Manifests;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.Policy;
import dev.palisade.core.policy.PolicyLoadContext;
import dev.palisade.core.PolicySet;
import dev.palisade.core.Resource;
import dev.palisade.core.Result;
import dev.palisade.core.SourceLocation;
import dev.palisade.core.YamlDocument;
import dev.palisade.core.admission.AdmissionReviews;
import dev.palisade.rules.gatekeeper.AssertionResult;
import dev.palisade.rules.gatekeeper.GatekeeperFormat;
import dev.palisade.rules.gatekeeper.SuiteResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one gator {@code suite.yaml}: for each test, loads the template and the constraint; for each
 * case, reviews the object (or AdmissionReview) against the case's inventory at the CI enforcement
 * point and checks every assertion. An evaluation error fails the case's assertions, unless the
 * template's CEL code says {@code failurePolicy: Ignore}. A test or case that cannot run fails each
 * of its assertions, so that counts stay comparable.
 */
public final class SuiteExecution {
    static final String API_VERSION = "test.gatekeeper.sh/v1alpha1";

    private final GatekeeperFormat format;
    private final EvaluationContext baseContext;
    private final ManifestReader reader = ManifestReader.create();

    public SuiteExecution(GatekeeperFormat format, EvaluationContext baseContext) {
        this.format = format;
        this.baseContext = baseContext.toBuilder().enforcementPoint(EnforcementPoint.CI).build();
    }

    /** Runs the suite file; never throws for problems in the suite, they become failed assertions. */
    public SuiteResult run(Path file) {
        Run run = new Run();
        JsonNode suite;
        try {
            YamlDocument document = suiteDocument(file);
            suite = document.content();
            run.spellings = new ScalarSpellings(document, lines(file));
        } catch (PalisadeException e) {
            run.fail("", "", 0, "a readable Suite", e.describe());
            return new SuiteResult(file.toString(), "", run.results, 0);
        }
        String name = suite.path("metadata").path("name").asText("");
        if (suite.path("skip").asBoolean(false)) {
            return new SuiteResult(file.toString(), name, List.of(), 1);
        }
        Path dir = file.toAbsolutePath().getParent();
        JsonNode tests = suite.path("tests");
        for (int i = 0; i < tests.size(); i++) {
            run.test = i;
            runTest(tests.get(i), i, dir, run);
        }
        return new SuiteResult(file.toString(), name, run.results, run.skipped);
    }

    private static List<String> lines(Path file) {
        try {
            return java.nio.file.Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    private YamlDocument suiteDocument(Path file) {
        List<YamlDocument> documents = reader.readDocuments(file);
        for (YamlDocument document : documents) {
            JsonNode content = document.content();
            if (content.path("kind").asText("").equals("Suite")) {
                String apiVersion = content.path("apiVersion").asText("");
                if (!apiVersion.equals(API_VERSION)) {
                    throw new PalisadeException("Suite apiVersion '" + apiVersion + "' is not supported; use "
                            + API_VERSION, document.source());
                }
                return document;
            }
        }
        throw new PalisadeException("no document of kind Suite (" + API_VERSION + ")",
                new SourceLocation(file.toString(), 0, 0, 0));
    }

    private void runTest(JsonNode test, int position, Path dir, Run run) {
        String testName = test.path("name").asText("test-" + (position + 1));
        if (test.path("skip").asBoolean(false)) {
            run.skipped++;
            return;
        }
        boolean invalid = test.path("invalid").asBoolean(false);
        List<String> problems = new ArrayList<>();
        List<Policy> policies = List.of();
        List<Resource> template = List.of();
        try {
            template = readAll(dir, required(test, "template"));
            problems.addAll(compile(template).errors);
            if (problems.isEmpty()) {
                List<Resource> both = new ArrayList<>(template);
                both.addAll(readAll(dir, required(test, "constraint")));
                if (!test.path("expansion").asText("").isEmpty()) {
                    // the test's ExpansionTemplates: the case objects' generated resources are judged too
                    both.addAll(readAll(dir, test.path("expansion").asText()));
                }
                Compiled compiled = compile(both);
                if (invalid) {
                    if (compiled.errors.isEmpty()) {
                        run.fail(testName, "", 0, "the constraint fails schema validation (invalid: true)",
                                "the constraint loaded without error");
                    } else {
                        run.pass(testName, "", 0, "the constraint fails schema validation (invalid: true)",
                                String.join("; ", compiled.errors));
                    }
                    return;
                }
                problems.addAll(compiled.errors);
                policies = compiled.policies;
                if (problems.isEmpty() && policies.isEmpty()) {
                    problems.add("the constraint file holds no constraint");
                }
            }
        } catch (PalisadeException e) {
            problems.add(e.describe());
        }
        if (invalid) {
            run.fail(testName, "", 0, "the constraint fails schema validation (invalid: true)",
                    "the template could not be loaded: " + String.join("; ", problems));
            return;
        }
        JsonNode cases = test.path("cases");
        if (!problems.isEmpty()) {
            failEveryAssertion(testName, cases, run, "the test could not load: " + String.join("; ", problems));
            return;
        }
        // gator judges every review a suite gives, DELETE included
        PolicySet set = PolicySet.of(policies.stream().map(p -> p instanceof ConstraintPolicy constraint
                ? constraint.withOperations(Operations.ALL) : p).toList());
        for (int c = 0; c < cases.size(); c++) {
            runCase(testName, cases.get(c), c, dir, set, run);
        }
    }

    private void runCase(String testName, JsonNode testCase, int position, Path dir, PolicySet set, Run run) {
        String caseName = testCase.path("name").asText("case-" + (position + 1));
        if (testCase.path("skip").asBoolean(false)) {
            run.skipped++;
            return;
        }
        JsonNode assertions = testCase.path("assertions");
        if (!assertions.isArray() || assertions.isEmpty()) {
            run.fail(testName, caseName, 0, "a case with assertions", "assertions must be non-empty");
            return;
        }
        List<String> messages;
        try {
            Resource object = reviewedObject(dir, required(testCase, "object"));
            List<Resource> inventory = new ArrayList<>();
            for (JsonNode entry : testCase.path("inventory")) {
                inventory.addAll(readAll(dir, entry.asText()));
            }
            EvaluationContext context = baseContext.toBuilder().inventory(Inventory.of(inventory)).build();
            messages = messagesOf(set, set.evaluate(object, context));
        } catch (PalisadeException e) {
            for (int a = 0; a < assertions.size(); a++) {
                run.fail(testName, caseName, a + 1, Assertion.describe(assertions.get(a)), "error: " + e.describe());
            }
            return;
        }
        for (int a = 0; a < assertions.size(); a++) {
            JsonNode assertion = assertions.get(a);
            try {
                String pointer = "/tests/" + run.test + "/cases/" + position + "/assertions/" + a + "/violations";
                Assertion parsed = Assertion.parse(assertion, run.spellings.valueOf(pointer));
                List<String> selected = parsed.select(messages);
                String found = selected.size() + (selected.size() == 1 ? " violation" : " violations")
                        + (parsed.message().isEmpty() ? "" : " matching the message") + (messages.isEmpty() ? ""
                        : " (all messages: " + messages + ")");
                if (parsed.holds(selected.size())) {
                    run.pass(testName, caseName, a + 1, parsed.describe(), found);
                } else {
                    run.fail(testName, caseName, a + 1, parsed.describe(), found);
                }
            } catch (PalisadeException e) {
                run.fail(testName, caseName, a + 1, Assertion.describe(assertion), "invalid assertion: "
                        + e.getMessage());
            }
        }
    }

    private static List<String> messagesOf(PolicySet set, Result result) {
        List<String> errors = new ArrayList<>();
        for (EvaluationError error : result.errors()) {
            if (!failsOpen(set, error.policyId())) {
                errors.add(error.display());
            }
        }
        if (!errors.isEmpty()) {
            throw new PalisadeException("evaluation failed: " + String.join("; ", errors));
        }
        List<String> messages = new ArrayList<>();
        for (Finding finding : result.violations()) {
            messages.add(templateMessage(set, finding));
        }
        for (Finding finding : result.suppressed()) {
            messages.add(templateMessage(set, finding));
        }
        return messages;
    }

    /** Whether the policy's errors are ignored (a CEL template with {@code failurePolicy: Ignore}). */
    private static boolean failsOpen(PolicySet set, String policyId) {
        for (Policy policy : set.policies()) {
            if (policy.metadata().id().equals(policyId)) {
                return policy.failurePolicy() == FailurePolicy.IGNORE;
            }
        }
        return false;
    }

    private static String templateMessage(PolicySet set, Finding finding) {
        for (Policy policy : set.policies()) {
            if (policy instanceof ConstraintPolicy constraint && policy.metadata().id().equals(finding.policyId())) {
                return constraint.templateMessage(finding.message());
            }
        }
        return finding.message();
    }

    private void failEveryAssertion(String testName, JsonNode cases, Run run, String why) {
        if (cases.isEmpty()) {
            run.fail(testName, "", 0, "a test that loads", why);
        }
        for (int c = 0; c < cases.size(); c++) {
            JsonNode testCase = cases.get(c);
            String caseName = testCase.path("name").asText("case-" + (c + 1));
            if (testCase.path("skip").asBoolean(false)) {
                run.skipped++;
                continue;
            }
            JsonNode assertions = testCase.path("assertions");
            if (assertions.isEmpty()) {
                run.fail(testName, caseName, 0, "a case with assertions", why);
            }
            for (int a = 0; a < assertions.size(); a++) {
                run.fail(testName, caseName, a + 1, Assertion.describe(assertions.get(a)), why);
            }
        }
    }

    private Resource reviewedObject(Path dir, String relative) {
        List<Resource> objects = readAll(dir, relative);
        if (objects.size() != 1) {
            throw new PalisadeException(relative + " holds " + objects.size() + " objects; a case reviews exactly one"
                    + " object (or one AdmissionReview)");
        }
        Resource object = objects.get(0);
        return AdmissionReviews.isReview(object) ? AdmissionReviews.readLenient(object).resource() : object;
    }

    private List<Resource> readAll(Path dir, String relative) {
        Path file = dir.resolve(relative).normalize();
        Manifests manifests = reader.read(List.of(file.toString()));
        if (!manifests.errors().isEmpty()) {
            throw new PalisadeException(manifests.errors().get(0).display());
        }
        return manifests.resources();
    }

    private static String required(JsonNode node, String field) {
        String value = node.path(field).asText("");
        if (value.isEmpty()) {
            throw new PalisadeException("'" + field + "' is missing; give the path of the file, relative to the"
                    + " suite");
        }
        return value;
    }

    private Compiled compile(List<Resource> documents) {
        List<String> errors = new ArrayList<>();
        List<Resource> own = new ArrayList<>();
        for (Resource document : documents) {
            if (format.reads(document.id())) {
                own.add(document);
            } else {
                errors.add(document + " is not a Gatekeeper ConstraintTemplate or constraint");
            }
        }
        List<Policy> policies = format.compile(own, new PolicyLoadContext() {
            @Override
            public List<Resource> allDocuments() {
                return documents;
            }

            @Override
            public void error(SourceLocation location, String message) {
                errors.add(location.isKnown() || !location.file().isEmpty() ? location.display() + ": " + message
                        : message);
            }
        });
        return new Compiled(policies, errors);
    }

    private record Compiled(List<Policy> policies, List<String> errors) {
    }

    private static final class Run {
        final List<AssertionResult> results = new ArrayList<>();
        int skipped;
        int test;
        ScalarSpellings spellings = ScalarSpellings.NONE;

        void pass(String test, String caseName, int index, String expected, String found) {
            results.add(new AssertionResult(test, caseName, index, true, expected, found));
        }

        void fail(String test, String caseName, int index, String expected, String found) {
            results.add(new AssertionResult(test, caseName, index, false, expected, found));
        }
    }

    /** One parsed assertion: how many violations, among those whose message matches. */
    record Assertion(String violations, String message, Pattern pattern) {

        /** Spellings that mean yes or no, as YAML 1.2 strings or as booleans of either YAML version. */
        private static final java.util.Set<String> BOOLEAN_SPELLINGS = java.util.Set.of("yes", "no", "true",
                "false", "True", "False", "TRUE", "FALSE");

        static Assertion parse(JsonNode node) {
            return parse(node, java.util.Optional.empty());
        }

        /**
         * Parses an assertion.
         *
         * @param spelling the {@code violations} value as written, when known, to reject YAML 1.1
         *     booleans such as {@code on} or {@code y} that gator reads as strings
         */
        static Assertion parse(JsonNode node, java.util.Optional<String> spelling) {
            JsonNode violations = node.path("violations");
            String expected;
            if (violations.isMissingNode() || violations.isNull()) {
                expected = "yes";
            } else if (violations.isBoolean()) {
                if (spelling.isPresent() && !BOOLEAN_SPELLINGS.contains(spelling.get())) {
                    throw new PalisadeException("violations must be yes, no or a non-negative integer, not '"
                            + spelling.get() + "' (a YAML 1.1 boolean that gator reads as a string)");
                }
                expected = violations.asBoolean() ? "yes" : "no";
            } else if (violations.isIntegralNumber() && violations.asLong() >= 0) {
                expected = violations.asText();
            } else if (violations.isTextual() && (violations.asText().equals("yes") || violations.asText().equals("no")
                    || violations.asText().matches("[0-9]+"))) {
                expected = violations.asText();
            } else {
                throw new PalisadeException("violations must be yes, no or a non-negative integer, not '"
                        + violations.asText() + "'");
            }
            JsonNode message = node.path("message");
            if (message.isMissingNode() || message.isNull()) {
                return new Assertion(expected, "", null);
            }
            try {
                return new Assertion(expected, message.asText(), Pattern.compile(message.asText()));
            } catch (PatternSyntaxException e) {
                throw new PalisadeException("message is not a valid RE2 regular expression: " + e.getMessage());
            }
        }

        List<String> select(List<String> messages) {
            if (pattern == null) {
                return messages;
            }
            List<String> selected = new ArrayList<>();
            for (String m : messages) {
                if (pattern.matcher(m).find()) {
                    selected.add(m);
                }
            }
            return selected;
        }

        boolean holds(int count) {
            return switch (violations) {
                case "yes" -> count >= 1;
                case "no" -> count == 0;
                default -> Long.parseLong(violations) == count;
            };
        }

        String describe() {
            return "violations: " + violations + (message.isEmpty() ? "" : " with message matching \"" + message
                    + "\"");
        }

        static String describe(JsonNode node) {
            try {
                return parse(node).describe();
            } catch (PalisadeException e) {
                return node.toString();
            }
        }
    }
}
