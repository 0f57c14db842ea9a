package dev.palisade.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.core.EnforcementAction;
import dev.palisade.core.Report;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class TextReportWriterTest {

    private static String text(Report report, boolean color) throws IOException {
        StringWriter out = new StringWriter();
        ReportWriters.of(ReportFormat.TEXT, ReportOptions.defaults().withColor(color)).write(report, out);
        return out.toString();
    }

    @Test
    void oneLinePerFindingWithFileLineColumnSeverityPolicyAndMessage() throws IOException {
        String deployment = SampleReports.fixture(SampleReports.DEPLOYMENT).toString();
        int line = SampleReports.lineOf(SampleReports.DEPLOYMENT, "privileged: true");
        List<String> lines = new String(text(SampleReports.full(), false)).lines().toList();
        assertTrue(lines.contains(deployment + ":" + line + ":13: high no-privileged container app is privileged"
                + " (deny, Deployment prod/web container app)"), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(deployment + ":"
                + SampleReports.lineOf(SampleReports.DEPLOYMENT, "web:latest") + ":") && l.contains(" medium no-latest-tag ")));
    }

    @Test
    void groupedByFileInInputOrderWithSuppressedAfterViolations() throws IOException {
        List<String> lines = text(SampleReports.full(), false).lines().toList();
        String mixed = SampleReports.fixture(SampleReports.MIXED).toString();
        int lastDeployment = -1;
        int firstMixed = Integer.MAX_VALUE;
        int lastMixedViolation = -1;
        int suppressed = -1;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.startsWith(SampleReports.fixture(SampleReports.DEPLOYMENT).toString())) {
                lastDeployment = i;
            } else if (l.startsWith(mixed) && !l.contains(": error: ")) {
                firstMixed = Math.min(firstMixed, i);
                if (l.contains(": suppressed ")) {
                    suppressed = i;
                } else {
                    lastMixedViolation = i;
                }
            }
        }
        assertTrue(lastDeployment < firstMixed, "files in input order");
        assertTrue(lastMixedViolation > firstMixed - 1 && suppressed > lastMixedViolation,
                "suppressed after the file's violations");
        String suppressedLine = lines.get(suppressed);
        assertTrue(suppressedLine.contains("suppressed high no-privileged container shell is privileged"), suppressedLine);
        assertTrue(suppressedLine.contains("exempted by debug-pod: break-glass debugging pod"), suppressedLine);
    }

    @Test
    void errorsThenExpiredExemptionsThenSummary() throws IOException {
        Report report = SampleReports.full();
        List<String> lines = text(report, false).lines().toList();
        String malformed = SampleReports.fixture(SampleReports.MALFORMED).toString();
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(malformed + ":") && l.contains(": error: ")),
                String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.contains(": error: policy configmap-size: size limit parameter")));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("exemptions.yaml:3:1: expired exemption old-latest-waiver")));
        Report.Totals totals = report.totals();
        String expected = totals.resources() + " resources, " + totals.violations() + " violations ("
                + totals.byAction().get(EnforcementAction.DENY) + " deny, "
                + totals.byAction().get(EnforcementAction.WARN) + " warn, "
                + totals.byAction().get(EnforcementAction.DRYRUN) + " dryrun), " + totals.suppressed()
                + " suppressed, " + totals.errors() + " errors";
        assertEquals(expected, lines.get(lines.size() - 1));
    }

    @Test
    void hostObjectsShowTheFieldsJsonPointerNotALine() throws IOException {
        List<String> lines = text(SampleReports.full(), false).lines().toList();
        assertTrue(lines.contains("<object>#/spec/containers/0/securityContext/privileged: high no-privileged container"
                + " c is privileged (deny, Pod default/host-pod"
                + " container c)"), String.join("\n", lines));
    }

    @Test
    void colourOnlyWhenAsked() throws IOException {
        Report report = SampleReports.full();
        assertFalse(text(report, false).contains("\u001b["));
        String coloured = text(report, true);
        assertTrue(coloured.contains("\u001b[31mhigh\u001b[0m"), coloured);
        assertEquals(text(report, false), coloured.replaceAll("\u001b\\[[0-9;]*m", ""));
    }

    @Test
    void cleanRunIsJustTheSummary() throws IOException {
        Report clean = new Report(List.of(), List.of(), List.of(), List.of());
        assertEquals("0 resources, 0 violations (0 deny, 0 warn, 0 dryrun), 0 suppressed, 0 errors\n",
                text(clean, false));
    }

    @Property
    void printableTextHasNoControlCharacters(@ForAll String text) {
        String printable = TextReportWriter.printable(text);
        assertEquals(text.length(), printable.length());
        assertTrue(printable.chars().noneMatch(Character::isISOControl), printable);
    }
}
