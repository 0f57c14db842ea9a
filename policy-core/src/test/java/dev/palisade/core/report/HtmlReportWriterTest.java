package dev.palisade.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.core.Finding;
import dev.palisade.core.Report;
import dev.palisade.core.report.internal.Html;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportWriterTest {

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void markupFromManifestsAndPoliciesIsShownNotRun() {
        String html = Dashboards.render(Dashboards.hostile(),
                Dashboards.options(Trends.NONE, Dashboards.hostileOwners()));
        String lower = html.toLowerCase(Locale.ROOT);
        assertEquals(0, count(lower, "<script"), "no script element, whatever the input");
        assertEquals(0, count(lower, "<img"), "no image element");
        assertEquals(0, count(lower, "<svg onload"), "no injected svg");
        assertEquals(0, count(lower, "<b "), "no injected bold");
        assertEquals(0, count(lower, "<i>"), "no injected italics");
        assertFalse(lower.contains("href=\"javascript:"), "a javascript: help URL is never a link");
        assertTrue(html.contains("Documentation: <code>javascript:alert(9)</code>"), "it is shown as text");
        Matcher tags = Pattern.compile("<[a-zA-Z][^>]*>").matcher(html);
        while (tags.find()) {
            String outsideValues = tags.group().replaceAll("\"[^\"]*\"", "\"\"");
            assertFalse(Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE).matcher(outsideValues).find(),
                    "an event handler attribute: " + tags.group());
        }
        assertTrue(html.contains("x&lt;/td&gt;&lt;script&gt;alert(1)&lt;/script&gt;"), "the name is shown, escaped");
        assertTrue(html.contains("&lt;b onmouseover=alert(3)&gt;red-team&lt;/b&gt;"), "the team is shown, escaped");
        assertTrue(html.contains("ns&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"), "the namespace is shown, escaped");
        assertTrue(html.contains("&lt;/p&gt;&lt;script&gt;alert(8)&lt;/script&gt; fix it &amp; be &quot;careful&quot;"));
        assertTrue(html.contains("Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline';"),
                "scripts and network loads are forbidden by the page itself");
    }

    @Test
    void theDashboardShowsScoresTrendsFindingsAndExemptions(@TempDir Path dir) {
        History history = Dashboards.history(dir);
        Trends trends = history.trends();
        Report report = SampleReports.full();
        String html = Dashboards.render(report, Dashboards.options(trends, SampleReports.owners()));

        assertTrue(html.contains("<div class=\"card\" id=\"card-score\"><div class=\"label\">Compliance score</div>"
                + "<div class=\"value score-poor\">30.5%</div>"), "score 14.5 of 47.5");
        String trend = html.substring(html.indexOf("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"score-trend\""));
        trend = trend.substring(0, trend.indexOf("</svg>"));
        assertEquals(4, count(trend, "<circle class=\"point"), "three earlier runs and this one");
        assertEquals(2, count(trend, "<circle class=\"point hollow"), "the full sample has errors: incomplete runs");
        assertTrue(trend.contains("<title id=\"score-trend-title\">Compliance score over 4 runs</title>"));
        assertTrue(trend.contains("From 55.4% (2026-01-05) to 30.5% (2026-12-15) over 4 runs"), trend);

        String link = Dashboards.REPOSITORY + "/blob/" + Dashboards.REVISION + "/report/" + SampleReports.DEPLOYMENT
                + "#L" + SampleReports.lineOf(SampleReports.DEPLOYMENT, "privileged: true");
        assertTrue(html.contains("<a href=\"" + link + "\"><code>report/" + SampleReports.DEPLOYMENT + ":"), link);
        assertTrue(html.contains(Dashboards.REPOSITORY + "/commit/" + Dashboards.REVISION), "the revision links");
        assertTrue(html.contains("<p class=\"fix\">Remove securityContext.privileged or set it to false.</p>"));
        assertTrue(html.contains("<a href=\"https://palisade.dev/rules/no-privileged\">Documentation</a>"));
        assertTrue(html.contains("<a href=\"" + Dashboards.REPOSITORY + "/blob/" + Dashboards.REVISION
                + "/docs/rules/no-latest-tag.md\">Documentation</a>"), "a repository path links into the repository");

        assertEquals(0, count(html, "<span class=\"badge new\">"), "the last run was the same sample: nothing new");
        assertTrue(html.contains("<div class=\"card\" id=\"card-new\">"));
        for (String team : List.of("payments", "sre", Owners.UNOWNED)) {
            assertTrue(html.contains("<h3>Team " + team + "</h3>") || team.equals("payments"), team);
        }
        assertEquals(3, count(html.substring(html.indexOf("id=\"team-table\""), html.indexOf("</table>",
                html.indexOf("id=\"team-table\""))), "<tr><th scope=\"row\">"), "a row per team");
        int findings = report.totals().violations();
        assertEquals(findings, count(html, "<tr class=\"finding"), "every violation is listed");
        assertTrue(html.contains("<th scope=\"row\">debug-pod</th><td><code>no-privileged</code></td>"
                + "<td class=\"num\">1</td><td>break-glass debugging pod</td><td>sre@example.com</td>"));
        assertTrue(html.contains("<span class=\"badge expired\">expired</span> 2025-06-01T00:00:00Z"));
        assertTrue(html.contains("id=\"error-table\""));
        assertTrue(html.contains("size limit parameter is missing"));
        assertTrue(html.contains("role=\"alert\"><strong>Incomplete run:</strong>"));
    }

    @Test
    void findingsNewSinceTheLastRunAreMarked(@TempDir Path dir) {
        History history = History.open(dir);
        history.append(SampleReports.of(SampleReports.DEPLOYMENT), Dashboards.run(Dashboards.RUN_TIME.minusSeconds(60)),
                SampleReports.owners(), "");
        Report report = SampleReports.full();
        String html = Dashboards.render(report, Dashboards.options(history.trends(), SampleReports.owners()));
        long expected = report.results().stream().flatMap(r -> r.violations().stream()).map(Finding::fingerprint)
                .filter(f -> !HistoryRun.fingerprints(SampleReports.of(SampleReports.DEPLOYMENT)).contains(f))
                .distinct().count();
        assertTrue(expected > 0);
        assertEquals(expected, count(html, "<span class=\"badge new\">new</span>"));
        assertTrue(html.contains("<div class=\"label\">New since last run</div><div class=\"value bad\">" + expected
                + "</div><div class=\"detail\">0 fixed</div>"), html.substring(html.indexOf("card-new")));
    }

    @Test
    void aLongListOfFindingsIsCutAndCounted() {
        Report report = SampleReports.full();
        String html = Dashboards.render(report, Dashboards.options(Trends.NONE, SampleReports.owners())
                .withMaxFindings(2));
        assertEquals(2, count(html, "<tr class=\"finding"));
        assertTrue(html.contains("\u2026 and " + (report.totals().violations() - 2) + " more findings"));
    }

    @Test
    void anEmptyReportStillRenders() {
        String html = Dashboards.render(new Report(List.of(), List.of(), List.of(), List.of()),
                ReportOptions.defaults());
        assertTrue(html.contains("<div class=\"value score-none\">n/a</div>"));
        assertTrue(html.contains("No unexempted violations."));
        assertTrue(html.endsWith("</html>\n"));
    }

    @Property(tries = 500)
    void escapedTextHasNoMarkup(@ForAll String text) {
        String escaped = Html.escape(text);
        assertFalse(escaped.contains("<") || escaped.contains(">") || escaped.contains("\"") || escaped.contains("'"));
        assertFalse(escaped.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\t'));
    }

    @Test
    void onlyWebAndRelativeLinksAreLinks() {
        assertEquals(Optional.of("https://example.com/a?b=c#d"), Html.safeUrl("https://example.com/a?b=c#d"));
        assertEquals(Optional.of("docs/rules/x.md"), Html.safeUrl("docs/rules/x.md"));
        for (String bad : List.of("javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "data:text/html,x",
                "vbscript:x", "//evil.example/x", "https://", "http://exa mple.com", "java\tscript:alert(1)",
                "https://example.com/\"onmouseover=alert(1)", "file:///etc/passwd")) {
            assertEquals(Optional.empty(), Html.safeUrl(bad), bad);
        }
    }

    @Test
    void repositoryLinksFollowTheTemplate() {
        RunInfo github = RunInfo.unknown().withRepositoryUrl("https://github.com/org/repo/").withRevision("abc");
        assertEquals(Optional.of("https://github.com/org/repo/blob/abc/apps/a%20b.yaml#L7"),
                github.sourceLink("apps/a b.yaml", 7));
        assertEquals(Optional.of("https://github.com/org/repo/blob/HEAD/x.yaml"),
                RunInfo.unknown().withRepositoryUrl("https://github.com/org/repo").sourceLink("x.yaml", 0));
        RunInfo gitlab = RunInfo.unknown().withRevision("abc")
                .withRepositoryUrl("https://gitlab.example.com/g/p/-/blob/{revision}/{path}#L{line}");
        assertEquals(Optional.of("https://gitlab.example.com/g/p/-/blob/abc/k8s/d.yaml#L3"), gitlab.sourceLink("k8s/d.yaml", 3));
        assertEquals(Optional.of("https://gitlab.example.com/g/p/-/blob/abc/k8s/d.yaml"), gitlab.sourceLink("k8s/d.yaml", 0));
        assertEquals(Optional.empty(), gitlab.revisionLink());
        for (String bad : List.of("javascript:alert(1)", "ftp://x/y", "github.com/org/repo", "https://")) {
            assertTrue(assertThrowsPalisade(() -> RunInfo.unknown().withRepositoryUrl(bad)), bad);
        }
    }

    private static boolean assertThrowsPalisade(Runnable action) {
        try {
            action.run();
            return false;
        } catch (dev.palisade.core.PalisadeException e) {
            return e.getMessage().contains("http");
        }
    }
}
