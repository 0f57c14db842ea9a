package dev.palisade.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.core.Report;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class JUnitReportWriterTest {

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    private static Document write(ReportWriter writer, Report report) throws Exception {
        StringWriter out = new StringWriter();
        writer.write(report, out);
        return parse(out.toString());
    }

    private static List<Element> elements(Element parent, String name) {
        List<Element> all = new ArrayList<>();
        NodeList nodes = parent.getElementsByTagName(name);
        for (int i = 0; i < nodes.getLength(); i++) {
            all.add((Element) nodes.item(i));
        }
        return all;
    }

    private static Element testcase(Document doc, String classname, String name) {
        for (Element c : elements(doc.getDocumentElement(), "testcase")) {
            if (c.getAttribute("classname").equals(classname) && c.getAttribute("name").equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no test case " + classname + " / " + name);
    }

    @Test
    void oneSuitePerFileAndCountsThatAddUp() throws Exception {
        Report report = SampleReports.full();
        Document doc = write(ReportWriters.of(ReportFormat.JUNIT, ReportOptions.defaults()), report);
        Element root = doc.getDocumentElement();
        assertEquals("testsuites", root.getTagName());
        List<String> suites = new ArrayList<>();
        int tests = 0;
        int failures = 0;
        int errors = 0;
        int skipped = 0;
        for (Element suite : elements(root, "testsuite")) {
            suites.add(suite.getAttribute("name"));
            List<Element> cases = elements(suite, "testcase");
            assertEquals(cases.size(), Integer.parseInt(suite.getAttribute("tests")));
            assertEquals(elements(suite, "failure").size(), Integer.parseInt(suite.getAttribute("failures")));
            assertEquals(elements(suite, "error").size(), Integer.parseInt(suite.getAttribute("errors")));
            assertEquals(elements(suite, "skipped").size(), Integer.parseInt(suite.getAttribute("skipped")));
            tests += cases.size();
            failures += elements(suite, "failure").size();
            errors += elements(suite, "error").size();
            skipped += elements(suite, "skipped").size();
        }
        assertEquals(List.of(SampleReports.fixture(SampleReports.DEPLOYMENT).toString(),
                SampleReports.fixture(SampleReports.MIXED).toString(), "<object>",
                SampleReports.fixture(SampleReports.MALFORMED).toString()), suites);
        assertEquals(tests, Integer.parseInt(root.getAttribute("tests")));
        assertEquals(failures, Integer.parseInt(root.getAttribute("failures")));
        assertEquals(errors, Integer.parseInt(root.getAttribute("errors")));
        assertEquals(skipped, Integer.parseInt(root.getAttribute("skipped")));
        assertEquals(report.allErrors().size(), errors);
    }

    @Test
    void testCasePerResourceAndApplicablePolicy() throws Exception {
        Document doc = write(ReportWriters.of(ReportFormat.JUNIT, ReportOptions.defaults()), SampleReports.full());
        Element privileged = testcase(doc, "Deployment prod/web", "no-privileged");
        Element failure = elements(privileged, "failure").get(0);
        assertEquals("container app is privileged", failure.getAttribute("message"));
        assertEquals("deny", failure.getAttribute("type"));
        String where = SampleReports.fixture(SampleReports.DEPLOYMENT) + ":"
                + SampleReports.lineOf(SampleReports.DEPLOYMENT, "privileged: true") + ":";
        assertTrue(failure.getTextContent().startsWith(where), failure.getTextContent());
        Element passing = testcase(doc, "Service prod/web", "team-label");
        assertEquals(0, passing.getChildNodes().getLength(), "a passing case is empty");
        Element skipped = elements(testcase(doc, "Pod tools/debug", "no-privileged"), "skipped").get(0);
        assertEquals("exempted by debug-pod: break-glass debugging pod", skipped.getAttribute("message"));
        Element error = elements(testcase(doc, "ConfigMap prod/settings", "configmap-size"), "error").get(0);
        assertTrue(error.getAttribute("message").contains("size limit parameter is missing"));
        List<String> servicePolicies = new ArrayList<>();
        for (Element c : elements(doc.getDocumentElement(), "testcase")) {
            if (c.getAttribute("classname").equals("Service prod/web")) {
                servicePolicies.add(c.getAttribute("name"));
            }
        }
        assertEquals(List.of("team-label"), servicePolicies, "pod policies do not apply to a Service");
    }

    @Property(tries = 200)
    void anyTextSurvivesAsAnAttribute(@ForAll String text) throws Exception {
        Document doc = parse("<a v=\"" + Xml.attribute(text) + "\">" + Xml.text(text) + "</a>");
        String legal = text.codePoints().filter(c -> c == 0x9 || c == 0xA || c == 0xD || c >= 0x20 && c <= 0xD7FF
                || c >= 0xE000 && c <= 0xFFFD || c >= 0x10000).collect(StringBuilder::new,
                StringBuilder::appendCodePoint, StringBuilder::append).toString();
        assertEquals(legal, doc.getDocumentElement().getAttribute("v"));
        assertEquals(legal.replace("\r\n", "\n").replace('\r', '\n'), doc.getDocumentElement().getTextContent());
    }

    @Test
    void writingTwiceGivesTheSameXml() throws IOException {
        Report report = SampleReports.full();
        StringWriter a = new StringWriter();
        StringWriter b = new StringWriter();
        ReportWriter writer = ReportWriters.of(ReportFormat.JUNIT, ReportOptions.defaults());
        writer.write(report, a);
        writer.write(report, b);
        assertEquals(a.toString(), b.toString());
    }
}
