package dev.palisade.core.report;

import dev.palisade.core.EvaluationError;
import dev.palisade.core.Finding;
import dev.palisade.core.PolicyMetadata;
import dev.palisade.core.Report;
import dev.palisade.core.Result;
import dev.palisade.core.SourceLocation;
import dev.palisade.core.Suppression;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes JUnit XML: a {@code <testsuite>} per input file and a {@code <testcase>} per resource and
 * applicable policy (name = policy id, classname = the resource), failing on violations, skipped
 * when every finding is exempted, in error when the policy could not be evaluated. Input errors
 * that belong to no resource are test cases named {@code read} in their file's suite.
 */
final class JUnitReportWriter implements ReportWriter {
    private static final String NO_FILE = "<input>";

    private final ReportOptions options;

    JUnitReportWriter(ReportOptions options) {
        this.options = options;
    }

    private enum Outcome { PASSED, FAILED, SKIPPED, ERROR }

    private record TestCase(String name, String classname, Outcome outcome, String message, String type,
            String body) {
    }

    @Override
    public void write(Report report, Writer out) throws IOException {
        Map<String, List<TestCase>> suites = new LinkedHashMap<>();
        for (Result result : report.results()) {
            suites.computeIfAbsent(suiteName(result.source().file()), f -> new ArrayList<>())
                    .addAll(casesOf(result, report.policies()));
        }
        for (EvaluationError error : report.errors()) {
            suites.computeIfAbsent(suiteName(error.location().file()), f -> new ArrayList<>())
                    .add(new TestCase(error.policyId().isEmpty() ? "read" : error.policyId(),
                            suiteName(error.location().file()), Outcome.ERROR, error.message(), "error",
                            error.display()));
        }
        int[] all = new int[Outcome.values().length];
        int total = 0;
        for (List<TestCase> cases : suites.values()) {
            total += cases.size();
            for (TestCase c : cases) {
                all[c.outcome().ordinal()]++;
            }
        }
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.write("<testsuites name=\"" + Xml.attribute(options.toolName()) + "\"" + counts(total, all) + ">\n");
        for (Map.Entry<String, List<TestCase>> suite : suites.entrySet()) {
            writeSuite(out, suite.getKey(), suite.getValue());
        }
        out.write("</testsuites>\n");
        out.flush();
    }

    private static String suiteName(String file) {
        return file.isEmpty() ? NO_FILE : file;
    }

    private List<TestCase> casesOf(Result result, List<PolicyMetadata> evaluated) {
        Map<String, PolicyMetadata> policies = new LinkedHashMap<>();
        for (PolicyMetadata policy : evaluated) {
            if (result.evaluated().contains(policy.id())) {
                policies.put(policy.id(), policy);
            }
        }
        for (Finding finding : result.violations()) {
            policies.putIfAbsent(finding.policyId(), finding.policy());
        }
        for (Finding finding : result.suppressed()) {
            policies.putIfAbsent(finding.policyId(), finding.policy());
        }
        List<TestCase> cases = new ArrayList<>();
        String classname = result.id().display();
        for (PolicyMetadata policy : policies.values()) {
            cases.add(caseOf(result, policy.id(), classname));
        }
        for (EvaluationError error : result.errors()) {
            if (error.policyId().isEmpty() || !policies.containsKey(error.policyId())) {
                String name = error.policyId().isEmpty() ? "evaluation" : error.policyId();
                cases.add(new TestCase(name, classname, Outcome.ERROR, error.message(), "error", error.display()));
            }
        }
        return cases;
    }

    private static TestCase caseOf(Result result, String policyId, String classname) {
        List<EvaluationError> errors = new ArrayList<>();
        for (EvaluationError error : result.errors()) {
            if (error.policyId().equals(policyId)) {
                errors.add(error);
            }
        }
        if (!errors.isEmpty()) {
            StringBuilder body = new StringBuilder();
            for (EvaluationError error : errors) {
                body.append(error.display()).append('\n');
            }
            return new TestCase(policyId, classname, Outcome.ERROR, errors.get(0).message(), "error",
                    body.toString());
        }
        List<Finding> violations = ofPolicy(result.violations(), policyId);
        if (!violations.isEmpty()) {
            StringBuilder body = new StringBuilder();
            for (Finding finding : violations) {
                body.append(where(finding, result)).append(": ").append(finding.message()).append(" [")
                        .append(finding.action().label()).append(", ").append(finding.severity().label())
                        .append(", path ").append(finding.path().isEmpty() ? "/" : finding.path()).append("]\n");
            }
            String message = violations.get(0).message()
                    + (violations.size() > 1 ? " (and " + (violations.size() - 1) + " more)" : "");
            return new TestCase(policyId, classname, Outcome.FAILED, message,
                    strongestAction(violations), body.toString());
        }
        List<Finding> suppressed = ofPolicy(result.suppressed(), policyId);
        if (!suppressed.isEmpty()) {
            Suppression suppression = suppressed.get(0).suppression().orElseThrow();
            return new TestCase(policyId, classname, Outcome.SKIPPED, "exempted by " + suppression.exemption()
                    + ": " + suppression.reason(), "", "");
        }
        return new TestCase(policyId, classname, Outcome.PASSED, "", "", "");
    }

    private static List<Finding> ofPolicy(List<Finding> findings, String policyId) {
        List<Finding> mine = new ArrayList<>();
        for (Finding finding : findings) {
            if (finding.policyId().equals(policyId)) {
                mine.add(finding);
            }
        }
        return mine;
    }

    private static String strongestAction(List<Finding> findings) {
        var strongest = findings.get(0).action();
        for (Finding finding : findings) {
            strongest = strongest.max(finding.action());
        }
        return strongest.label();
    }

    private static String where(Finding finding, Result result) {
        SourceLocation at = finding.location();
        String file = at.file().isEmpty() ? result.source().file() : at.file();
        return new SourceLocation(file, at.document(), at.line(), at.column()).display();
    }

    private static void writeSuite(Writer out, String name, List<TestCase> cases) throws IOException {
        int[] counts = new int[Outcome.values().length];
        for (TestCase c : cases) {
            counts[c.outcome().ordinal()]++;
        }
        out.write("  <testsuite name=\"" + Xml.attribute(name) + "\"" + counts(cases.size(), counts) + ">\n");
        for (TestCase c : cases) {
            out.write("    <testcase name=\"" + Xml.attribute(c.name()) + "\" classname=\""
                    + Xml.attribute(c.classname()) + "\"");
            switch (c.outcome()) {
                case PASSED -> out.write("/>\n");
                case SKIPPED -> out.write(">\n      <skipped message=\"" + Xml.attribute(c.message())
                        + "\"/>\n    </testcase>\n");
                case FAILED, ERROR -> {
                    String element = c.outcome() == Outcome.FAILED ? "failure" : "error";
                    out.write(">\n      <" + element + " message=\"" + Xml.attribute(c.message()) + "\" type=\""
                            + Xml.attribute(c.type()) + "\">" + Xml.text(c.body()) + "</" + element
                            + ">\n    </testcase>\n");
                }
            }
        }
        out.write("  </testsuite>\n");
    }

    private static String counts(int tests, int[] byOutcome) {
        return " tests=\"" + tests + "\" failures=\"" + byOutcome[Outcome.FAILED.ordinal()] + "\" errors=\""
                + byOutcome[Outcome.ERROR.ordinal()] + "\" skipped=\"" + byOutcome[Outcome.SKIPPED.ordinal()]
                + "\"";
    }
}
