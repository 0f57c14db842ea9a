package dev.palisade.core.report;

import static dev.palisade.core.report.internal.Html.escape;

import dev.palisade.core.EvaluationError;
import dev.palisade.core.Exemption;
import dev.palisade.core.Finding;
import dev.palisade.core.PolicyMetadata;
import dev.palisade.core.Report;
import dev.palisade.core.Result;
import dev.palisade.core.Severity;
import dev.palisade.core.SourceLocation;
import dev.palisade.core.Suppression;
import dev.palisade.core.report.internal.Html;
import dev.palisade.core.report.internal.Svg;
import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes a self-contained HTML compliance dashboard: scores per team with their trends, violations per
 * policy with trend lines, the worst resources, every finding with its file and line (linked to the
 * repository when one is set), remediation and documentation, exemptions and their expiry, errors.
 * Charts are inline SVG drawn here; the page has no script and loads nothing (its Content Security
 * Policy forbids both), and every value from manifests or policies is escaped.
 */
final class HtmlReportWriter implements ReportWriter {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final int WORST = 10;
    private static final Duration EXPIRING_SOON = Duration.ofDays(30);

    private final ReportOptions options;

    HtmlReportWriter(ReportOptions options) {
        this.options = options;
    }

    @Override
    public void write(Report report, Writer out) throws IOException {
        out.write(new Page(report, options).render());
        out.flush();
    }

    /** One rendering: the figures computed once, then the sections written in order. */
    private static final class Page {
        private final Report report;
        private final ReportOptions options;
        private final RunInfo run;
        private final Owners owners;
        private final Trends trends;
        private final Compliance compliance;
        private final Map<String, PolicyMetadata> policies = new LinkedHashMap<>();
        private final Map<String, String> policyAnchors = new HashMap<>();
        private final Set<String> fingerprints;
        private final boolean compared;
        private final ArtifactPaths paths;
        private final StringBuilder html = new StringBuilder(64 * 1024);
        private int newFindings;
        private final Map<String, Integer> newByTeam = new HashMap<>();
        private final Map<String, Integer> newByPolicy = new HashMap<>();

        Page(Report report, ReportOptions options) {
            this.report = report;
            this.options = options;
            this.run = options.run();
            this.owners = options.owners();
            this.trends = options.trends();
            this.compliance = Compliance.of(report, owners);
            this.paths = new ArtifactPaths(options.baseDirectory());
            for (PolicyMetadata policy : report.policies()) {
                policies.putIfAbsent(policy.id(), policy);
            }
            int index = 0;
            for (String id : policies.keySet()) {
                policyAnchors.put(id, "policy-" + (++index));
            }
            for (String id : compliance.byPolicy().keySet()) {
                policyAnchors.computeIfAbsent(id, k -> "policy-x" + policyAnchors.size());
            }
            this.fingerprints = HistoryRun.fingerprints(report);
            this.compared = trends.previous().isPresent();
            if (compared) {
                Set<String> counted = new java.util.HashSet<>();
                for (Result result : report.results()) {
                    for (Finding finding : result.violations()) {
                        String fingerprint = finding.fingerprint();
                        if (!trends.previousFingerprints().contains(fingerprint) && counted.add(fingerprint)) {
                            newFindings++;
                            newByTeam.merge(owners.teamOf(result.id()), 1, Integer::sum);
                            newByPolicy.merge(finding.policyId(), 1, Integer::sum);
                        }
                    }
                }
            }
        }

        String render() {
            head();
            html.append("<body>\n<a class=\"skip\" href=\"#main\">Skip to the summary</a>\n");
            header();
            nav();
            html.append("<main id=\"main\">\n");
            summary();
            teams();
            policiesSection();
            worstResources();
            findings();
            exemptions();
            errors();
            definitions();
            html.append("</main>\n</body>\n</html>\n");
            return html.toString();
        }

        private void head() {
            html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                    .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                    .append("style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">\n")
                    .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                    .append("<meta name=\"generator\" content=\"").append(escape(tool())).append("\">\n")
                    .append("<link rel=\"icon\" href=\"data:,\">\n")
                    .append("<title>Compliance dashboard").append(run.timestamp().map(t -> " \u2014 " + TIME.format(t))
                            .map(Html::escape).orElse("")).append("</title>\n<style>\n").append(STYLE)
                    .append("</style>\n</head>\n");
        }

        private void header() {
            html.append("<header>\n<h1>Compliance dashboard</h1>\n<p class=\"meta\">");
            List<String> parts = new ArrayList<>();
            run.timestamp().ifPresent(t -> parts.add("Run <time datetime=\"" + escape(t.toString()) + "\">"
                    + escape(TIME.format(t)) + "</time>"));
            if (!run.revision().isEmpty()) {
                String shortRevision = run.revision().length() > 12 ? run.revision().substring(0, 12) : run.revision();
                parts.add("revision " + link(run.revisionLink(), "<code>" + escape(shortRevision) + "</code>",
                        run.revision()));
            }
            parts.add("teams from label <code>" + escape(owners.key()) + "</code>");
            parts.add("by " + escape(tool()));
            html.append(String.join(" \u00b7 ", parts)).append("</p>\n</header>\n");
        }

        private void nav() {
            html.append("<nav aria-label=\"Sections\"><ul>");
            for (String[] item : new String[][] {{"summary", "Summary"}, {"teams", "Teams"}, {"policies", "Policies"},
                    {"worst", "Worst resources"}, {"findings", "Findings"}, {"exemptions", "Exemptions"},
                    {"errors", "Errors"}, {"definitions", "How the score is computed"}}) {
                html.append("<li><a href=\"#").append(item[0]).append("\">").append(item[1]).append("</a></li>");
            }
            html.append("</ul></nav>\n");
        }

        private void summary() {
            Compliance.Score score = compliance.overall();
            Report.Totals totals = report.totals();
            html.append("<section id=\"summary\" aria-labelledby=\"summary-h\">\n<h2 id=\"summary-h\">Summary</h2>\n");
            if (!report.allErrors().isEmpty()) {
                html.append("<p class=\"banner error\" role=\"alert\"><strong>Incomplete run:</strong> ")
                        .append(totals.errors()).append(totals.errors() == 1 ? " error" : " errors")
                        .append(" \u2014 some resources or policies were not evaluated, so these figures do not cover"
                                + " everything (see <a href=\"#errors\">Errors</a>).</p>\n");
            }
            html.append("<div class=\"cards\">\n");
            card("score", "Compliance score", percent(score.percent()), scoreClass(score.percent()),
                    score.pairs() + " evaluated resource\u2013policy pairs");
            card("decision", "Decision", report.decision().label(), "decision-" + report.decision().label(), "");
            card("resources", "Resources", Integer.toString(totals.resources()), "", "");
            card("violations", "Violations", Integer.toString(totals.violations()), "",
                    severitySummary(totals.bySeverity()));
            if (compared) {
                int previous = trends.previous().get().fingerprintCount();
                int kept = previous - countOld();
                card("new", "New since last run", Integer.toString(newFindings), newFindings > 0 ? "bad" : "",
                        Math.max(0, kept) + " fixed");
            }
            card("exempted", "Exempted", Integer.toString(totals.suppressed()), "", "");
            card("errors", "Errors", Integer.toString(totals.errors()), totals.errors() > 0 ? "bad" : "", "");
            html.append("</div>\n");
            List<Svg.Point> points = new ArrayList<>();
            for (HistoryRun earlier : trends.runs()) {
                points.add(new Svg.Point(DATE.format(earlier.timestamp()), earlier.compliance().overall().percent(),
                        !earlier.complete()));
            }
            points.add(new Svg.Point(run.timestamp().map(DATE::format).orElse("this run"), score.percent(),
                    !report.allErrors().isEmpty()));
            html.append("<figure>\n").append(Svg.lineChart("score-trend", "Compliance score over "
                    + points.size() + (points.size() == 1 ? " run" : " runs"), describe(points, "%"), points, 100, "%"))
                    .append("\n<figcaption>Compliance score per run, oldest first; open circles mark incomplete runs."
                            + "</figcaption>\n");
            trendTable(points);
            html.append("</figure>\n</section>\n");
        }

        private int countOld() {
            int old = 0;
            for (String fingerprint : fingerprints) {
                if (trends.previousFingerprints().contains(fingerprint)) {
                    old++;
                }
            }
            return old;
        }

        private void trendTable(List<Svg.Point> points) {
            html.append("<table class=\"visually-hidden\"><caption>Compliance score per run</caption><thead><tr>"
                    + "<th scope=\"col\">Run</th><th scope=\"col\">Score</th></tr></thead><tbody>");
            for (Svg.Point point : points) {
                html.append("<tr><td>").append(escape(point.label())).append(point.hollow() ? " (incomplete)" : "")
                        .append("</td><td>").append(percent(point.value())).append("</td></tr>");
            }
            html.append("</tbody></table>\n");
        }

        private void card(String id, String label, String value, String cssClass, String detail) {
            html.append("<div class=\"card\" id=\"card-").append(id).append("\"><div class=\"label\">")
                    .append(escape(label)).append("</div><div class=\"value ").append(cssClass).append("\">")
                    .append(escape(value)).append("</div>");
            if (!detail.isEmpty()) {
                html.append("<div class=\"detail\">").append(escape(detail)).append("</div>");
            }
            html.append("</div>\n");
        }

        private void teams() {
            html.append("<section id=\"teams\" aria-labelledby=\"teams-h\">\n<h2 id=\"teams-h\">Teams</h2>\n");
            if (compliance.byTeam().isEmpty()) {
                html.append("<p>No resources were judged.</p>\n</section>\n");
                return;
            }
            List<Svg.Bar> bars = new ArrayList<>();
            for (Map.Entry<String, Compliance.Group> team : compliance.byTeam().entrySet()) {
                OptionalDouble p = team.getValue().score().percent();
                bars.add(new Svg.Bar(team.getKey(), p.orElse(0), percent(p), scoreClass(p)));
            }
            html.append("<figure>\n").append(Svg.barChart("team-scores", "Compliance score per team",
                    describeBars(bars), bars, 100)).append("\n<figcaption>Compliance score per team (owner label <code>")
                    .append(escape(owners.key())).append("</code>).</figcaption>\n</figure>\n");
            html.append("<div class=\"scroll\"><table id=\"team-table\"><caption>Teams, most violations first</caption>"
                    + "<thead><tr><th scope=\"col\">Team</th><th scope=\"col\">Score</th><th scope=\"col\">Trend</th>"
                    + "<th scope=\"col\" class=\"num\">Violations</th>");
            if (compared) {
                html.append("<th scope=\"col\" class=\"num\">New</th>");
            }
            html.append("<th scope=\"col\" class=\"num\">Resources</th></tr></thead><tbody>\n");
            for (Map.Entry<String, Compliance.Group> entry : compliance.teamsByViolations()) {
                String team = entry.getKey();
                Compliance.Group group = entry.getValue();
                List<Svg.Point> points = new ArrayList<>();
                for (HistoryRun earlier : trends.runs()) {
                    Compliance.Group then = earlier.compliance().byTeam().get(team);
                    points.add(new Svg.Point(DATE.format(earlier.timestamp()),
                            then == null ? OptionalDouble.empty() : then.score().percent(), !earlier.complete()));
                }
                points.add(new Svg.Point("this run", group.score().percent(), false));
                html.append("<tr><th scope=\"row\"><a href=\"#team-").append(teamAnchor(team)).append("\">")
                        .append(escape(team)).append("</a></th><td class=\"").append(scoreClass(group.score().percent()))
                        .append("\">").append(percent(group.score().percent())).append("</td><td>")
                        .append(Svg.sparkline("Score of " + team + ": " + describe(points, "%"), points, 100))
                        .append("</td><td class=\"num\">").append(group.violations()).append("</td>");
                if (compared) {
                    html.append("<td class=\"num\">").append(newByTeam.getOrDefault(team, 0)).append("</td>");
                }
                html.append("<td class=\"num\">").append(group.resources()).append("</td></tr>\n");
            }
            html.append("</tbody></table></div>\n</section>\n");
        }

        private void policiesSection() {
            html.append("<section id=\"policies\" aria-labelledby=\"policies-h\">\n<h2 id=\"policies-h\">Policies</h2>\n");
            List<String> ids = new ArrayList<>(compliance.byPolicy().keySet());
            if (ids.isEmpty()) {
                html.append("<p>No policy was evaluated.</p>\n</section>\n");
                return;
            }
            ids.sort(Comparator.comparingInt((String id) -> -compliance.byPolicy().get(id).violations())
                    .thenComparing(id -> -severityOf(id).ordinal()).thenComparing(id -> id));
            html.append("<div class=\"scroll\"><table id=\"policy-table\"><caption>Violations per policy, most first"
                    + "</caption><thead><tr><th scope=\"col\">Policy</th><th scope=\"col\">Severity</th>"
                    + "<th scope=\"col\" class=\"num\">Violations</th>");
            if (compared) {
                html.append("<th scope=\"col\" class=\"num\">New</th>");
            }
            html.append("<th scope=\"col\">Trend</th><th scope=\"col\">Score</th><th scope=\"col\">Remediation</th>"
                    + "</tr></thead><tbody>\n");
            for (String id : ids) {
                Compliance.Group group = compliance.byPolicy().get(id);
                PolicyMetadata policy = policies.get(id);
                List<Svg.Point> points = new ArrayList<>();
                double max = group.violations();
                for (HistoryRun earlier : trends.runs()) {
                    Compliance.Group then = earlier.compliance().byPolicy().get(id);
                    int count = then == null ? 0 : then.violations();
                    max = Math.max(max, count);
                    points.add(new Svg.Point(DATE.format(earlier.timestamp()), then == null ? OptionalDouble.empty()
                            : OptionalDouble.of(count), !earlier.complete()));
                }
                points.add(new Svg.Point("this run", OptionalDouble.of(group.violations()), false));
                html.append("<tr id=\"").append(policyAnchors.get(id)).append("\"><th scope=\"row\"><code>")
                        .append(escape(id)).append("</code>");
                if (policy != null && !policy.title().isEmpty()) {
                    html.append("<div class=\"title\">").append(escape(policy.title())).append("</div>");
                }
                html.append("</th><td>").append(severityBadge(severityOf(id))).append("</td><td class=\"num\">")
                        .append(group.violations()).append("</td>");
                if (compared) {
                    html.append("<td class=\"num\">").append(newByPolicy.getOrDefault(id, 0)).append("</td>");
                }
                html.append("<td>").append(Svg.sparkline("Violations of " + id + ": " + describe(points, ""), points,
                        Math.max(1, max))).append("</td><td class=\"").append(scoreClass(group.score().percent()))
                        .append("\">").append(percent(group.score().percent())).append("</td><td>");
                remediation(policy);
                html.append("</td></tr>\n");
            }
            html.append("</tbody></table></div>\n</section>\n");
        }

        private void remediation(PolicyMetadata policy) {
            if (policy == null) {
                return;
            }
            if (!policy.remediation().isEmpty()) {
                html.append("<p class=\"fix\">").append(escape(policy.remediation())).append("</p>");
            }
            if (!policy.helpUrl().isEmpty()) {
                Optional<String> url = helpLink(policy.helpUrl());
                html.append("<p class=\"docs\">").append(url.isPresent()
                        ? "<a href=\"" + escape(url.get()) + "\">Documentation</a>"
                        : "Documentation: <code>" + escape(policy.helpUrl()) + "</code>").append("</p>");
            }
        }

        /** A help link: web addresses as they are, repository paths through the repository's address. */
        private Optional<String> helpLink(String helpUrl) {
            Optional<String> safe = Html.safeUrl(helpUrl);
            if (safe.isEmpty()) {
                return Optional.empty();
            }
            if (Html.isRelative(helpUrl)) {
                return run.sourceLink(helpUrl.strip(), 0);
            }
            return safe;
        }

        private void worstResources() {
            html.append("<section id=\"worst\" aria-labelledby=\"worst-h\">\n<h2 id=\"worst-h\">Worst resources</h2>\n");
            List<Result> ranked = new ArrayList<>();
            for (Result result : report.results()) {
                if (!result.violations().isEmpty()) {
                    ranked.add(result);
                }
            }
            if (ranked.isEmpty()) {
                html.append("<p>No resource has an unexempted violation.</p>\n</section>\n");
                return;
            }
            ranked.sort(Comparator.comparingDouble((Result r) -> -weight(r)).thenComparingInt(r -> -r.violations().size())
                    .thenComparing(r -> r.id().display()));
            html.append("<div class=\"scroll\"><table id=\"worst-table\"><caption>The ").append(Math.min(WORST,
                    ranked.size())).append(" resources with the most severe violations (weighted by severity)"
                    + "</caption><thead><tr><th scope=\"col\">Resource</th><th scope=\"col\">Team</th>"
                    + "<th scope=\"col\">File</th><th scope=\"col\" class=\"num\">Violations</th>"
                    + "<th scope=\"col\">Most severe</th><th scope=\"col\" class=\"num\">Weight</th></tr></thead><tbody>\n");
            for (Result result : ranked.subList(0, Math.min(WORST, ranked.size()))) {
                Severity worst = Severity.INFO;
                for (Finding finding : result.violations()) {
                    worst = finding.severity().compareTo(worst) > 0 ? finding.severity() : worst;
                }
                html.append("<tr><th scope=\"row\">").append(escape(result.id().display())).append("</th><td>")
                        .append(escape(owners.teamOf(result.id()))).append("</td><td>").append(location(result.source()))
                        .append("</td><td class=\"num\">").append(result.violations().size()).append("</td><td>")
                        .append(severityBadge(worst)).append("</td><td class=\"num\">").append(Svg.format(weight(result)))
                        .append("</td></tr>\n");
            }
            html.append("</tbody></table></div>\n</section>\n");
        }

        private static double weight(Result result) {
            double sum = 0;
            for (Finding finding : result.violations()) {
                sum += Compliance.weight(finding.severity());
            }
            return sum;
        }

        private void findings() {
            html.append("<section id=\"findings\" aria-labelledby=\"findings-h\">\n<h2 id=\"findings-h\">Findings</h2>\n");
            Map<String, Map<String, List<Finding>>> byTeam = new TreeMap<>();
            Map<Finding, Result> resultOf = new HashMap<>();
            for (Result result : report.results()) {
                String team = owners.teamOf(result.id());
                for (Finding finding : result.violations()) {
                    byTeam.computeIfAbsent(team, t -> new TreeMap<>())
                            .computeIfAbsent(finding.policyId(), p -> new ArrayList<>()).add(finding);
                    resultOf.put(finding, result);
                }
            }
            if (byTeam.isEmpty()) {
                html.append("<p>No unexempted violations.</p>\n</section>\n");
                return;
            }
            int limit = options.maxFindings();
            int listed = 0;
            int total = report.totals().violations();
            List<String> teamOrder = new ArrayList<>();
            for (Map.Entry<String, Compliance.Group> entry : compliance.teamsByViolations()) {
                if (byTeam.containsKey(entry.getKey())) {
                    teamOrder.add(entry.getKey());
                }
            }
            outer:
            for (String team : teamOrder) {
                Map<String, List<Finding>> byPolicy = byTeam.get(team);
                html.append("<section class=\"team\" id=\"team-").append(teamAnchor(team)).append("\">\n<h3>Team ")
                        .append(escape(team)).append("</h3>\n");
                List<String> ids = new ArrayList<>(byPolicy.keySet());
                ids.sort(Comparator.comparing((String id) -> -severityOf(id).ordinal()).thenComparing(id -> id));
                for (String id : ids) {
                    if (limit > 0 && listed >= limit) {
                        html.append("</section>\n");
                        break outer;
                    }
                    PolicyMetadata policy = policies.get(id);
                    List<Finding> list = byPolicy.get(id);
                    html.append("<article class=\"policy-group\">\n<h4><code>").append(escape(id)).append("</code> ")
                            .append(severityBadge(severityOf(id)));
                    if (policy != null && !policy.title().isEmpty()) {
                        html.append(" <span class=\"title\">").append(escape(policy.title())).append("</span>");
                    }
                    html.append(" <span class=\"count\">(").append(list.size()).append(")</span></h4>\n");
                    html.append("<div class=\"how\">");
                    remediation(policy);
                    html.append("<p class=\"docs\"><a href=\"#").append(policyAnchors.get(id))
                            .append("\">Policy summary</a></p></div>\n");
                    html.append("<div class=\"scroll\"><table class=\"finding-table\"><thead><tr>"
                            + "<th scope=\"col\">Location</th><th scope=\"col\">Resource</th><th scope=\"col\">Message</th>"
                            + "<th scope=\"col\">Action</th></tr></thead><tbody>\n");
                    for (Finding finding : list) {
                        if (limit > 0 && listed >= limit) {
                            break;
                        }
                        listed++;
                        Result result = resultOf.get(finding);
                        boolean isNew = compared && !trends.previousFingerprints().contains(finding.fingerprint());
                        html.append("<tr class=\"finding").append(isNew ? " new" : "").append("\" data-fingerprint=\"")
                                .append(escape(finding.fingerprint())).append("\"><td>")
                                .append(location(finding.location().isKnown() ? finding.location() : result.source()))
                                .append("</td><td>").append(escape(result.id().display()));
                        finding.container().ifPresent(c -> html.append("<div class=\"container\">container ")
                                .append(escape(c)).append("</div>"));
                        html.append("</td><td>").append(escape(finding.message()));
                        if (isNew) {
                            html.append(" <span class=\"badge new\">new</span>");
                        }
                        html.append("<div class=\"path\"><code>").append(escape(finding.path().isEmpty() ? "/"
                                : finding.path())).append("</code></div></td><td>").append(escape(finding.action().label()))
                                .append("</td></tr>\n");
                    }
                    html.append("</tbody></table></div>\n</article>\n");
                }
                html.append("</section>\n");
            }
            if (listed < total) {
                html.append("<p class=\"more\" id=\"more-findings\">\u2026 and ").append(total - listed)
                        .append(" more findings; the json, sarif and policyreport formats list every one.</p>\n");
            }
            html.append("</section>\n");
        }

        private void exemptions() {
            html.append("<section id=\"exemptions\" aria-labelledby=\"exemptions-h\">\n<h2 id=\"exemptions-h\">"
                    + "Exemptions</h2>\n");
            Map<String, Suppression> used = new TreeMap<>();
            Map<String, Integer> counts = new HashMap<>();
            Map<String, java.util.Set<String>> exemptedPolicies = new HashMap<>();
            for (Result result : report.results()) {
                for (Finding finding : result.suppressed()) {
                    Suppression suppression = finding.suppression().orElseThrow();
                    used.putIfAbsent(suppression.exemption(), suppression);
                    counts.merge(suppression.exemption(), 1, Integer::sum);
                    exemptedPolicies.computeIfAbsent(suppression.exemption(), e -> new java.util.TreeSet<>())
                            .add(finding.policyId());
                }
            }
            if (used.isEmpty() && report.expiredExemptions().isEmpty()) {
                html.append("<p>No finding was exempted and no exemption has expired.</p>\n</section>\n");
                return;
            }
            if (!used.isEmpty()) {
                html.append("<div class=\"scroll\"><table id=\"exemption-table\"><caption>Exemptions in use</caption>"
                        + "<thead><tr><th scope=\"col\">Exemption</th><th scope=\"col\">Policies</th>"
                        + "<th scope=\"col\" class=\"num\">Findings</th><th scope=\"col\">Reason</th>"
                        + "<th scope=\"col\">Owner</th><th scope=\"col\">Expires</th></tr></thead><tbody>\n");
                for (Map.Entry<String, Suppression> entry : used.entrySet()) {
                    Suppression suppression = entry.getValue();
                    html.append("<tr><th scope=\"row\">").append(escape(entry.getKey())).append("</th><td>");
                    List<String> ids = new ArrayList<>();
                    for (String id : exemptedPolicies.get(entry.getKey())) {
                        ids.add("<code>" + escape(id) + "</code>");
                    }
                    html.append(String.join(", ", ids)).append("</td><td class=\"num\">").append(counts.get(entry.getKey()))
                            .append("</td><td>").append(escape(suppression.reason())).append("</td><td>")
                            .append(escape(suppression.owner().isEmpty() ? "\u2014" : suppression.owner())).append("</td><td>")
                            .append(expiry(suppression.expires())).append("</td></tr>\n");
                }
                html.append("</tbody></table></div>\n");
            }
            if (!report.expiredExemptions().isEmpty()) {
                html.append("<div class=\"scroll\"><table id=\"expired-table\"><caption>Expired exemptions (they no longer"
                        + " apply)</caption><thead><tr><th scope=\"col\">Exemption</th><th scope=\"col\">Expired</th>"
                        + "<th scope=\"col\">Reason</th><th scope=\"col\">Owner</th><th scope=\"col\">Declared in</th>"
                        + "</tr></thead><tbody>\n");
                for (Exemption exemption : report.expiredExemptions()) {
                    html.append("<tr><th scope=\"row\">").append(escape(exemption.name())).append("</th><td>")
                            .append("<span class=\"badge expired\">expired</span> ")
                            .append(escape(exemption.expiresAsWritten())).append("</td><td>")
                            .append(escape(exemption.reason())).append("</td><td>")
                            .append(escape(exemption.owner().isEmpty() ? "\u2014" : exemption.owner())).append("</td><td>")
                            .append(location(exemption.source())).append("</td></tr>\n");
                }
                html.append("</tbody></table></div>\n");
            }
            html.append("</section>\n");
        }

        private String expiry(Optional<Instant> expires) {
            if (expires.isEmpty()) {
                return "never";
            }
            String text = "<time datetime=\"" + escape(expires.get().toString()) + "\">" + escape(TIME.format(expires.get()))
                    + "</time>";
            if (run.timestamp().isPresent()) {
                Duration left = Duration.between(run.timestamp().get(), expires.get());
                if (left.compareTo(EXPIRING_SOON) <= 0) {
                    long days = Math.max(0, left.toDays());
                    text += " <span class=\"badge soon\">expires in " + days + (days == 1 ? " day" : " days") + "</span>";
                }
            }
            return text;
        }

        private void errors() {
            html.append("<section id=\"errors\" aria-labelledby=\"errors-h\">\n<h2 id=\"errors-h\">Errors</h2>\n");
            List<EvaluationError> all = report.allErrors();
            if (all.isEmpty()) {
                html.append("<p>None: every input was read and every policy evaluated.</p>\n</section>\n");
                return;
            }
            html.append("<div class=\"scroll\"><table id=\"error-table\"><caption>Inputs and policies that could not be"
                    + " evaluated</caption><thead><tr><th scope=\"col\">Location</th><th scope=\"col\">Policy</th>"
                    + "<th scope=\"col\">Message</th></tr></thead><tbody>\n");
            for (EvaluationError error : all) {
                html.append("<tr><td>").append(location(error.location())).append("</td><td>")
                        .append(error.policyId().isEmpty() ? "\u2014" : "<code>" + escape(error.policyId()) + "</code>")
                        .append("</td><td class=\"message\">").append(escape(error.message())).append("</td></tr>\n");
            }
            html.append("</tbody></table></div>\n</section>\n");
        }

        private void definitions() {
            html.append("<section id=\"definitions\" aria-labelledby=\"definitions-h\">\n<h2 id=\"definitions-h\">How the"
                    + " score is computed</h2>\n<p>Every resource is judged by the policies that match it. Each evaluated"
                    + " (resource, policy) pair <em>passes</em> (no finding), <em>fails</em> (an unexempted violation,"
                    + " whatever its action), <em>errs</em> (the policy could not be evaluated: it counts as failing) or"
                    + " is <em>exempted</em> (left out). The score is the share of passing pairs, each weighted by its"
                    + " policy's severity: critical 9.5, high 8, medium 5.5, low 3, info 0. A team's resources carry"
                    + " the label or annotation <code>").append(escape(owners.key())).append("</code> (or their"
                    + " namespace does); the others are <em>").append(Owners.UNOWNED).append("</em>.</p>\n</section>\n");
        }

        private String location(SourceLocation at) {
            if (at.file().isEmpty()) {
                return "<span class=\"none\">no file</span>";
            }
            Optional<String> relative = paths.relative(at.file());
            String file = relative.orElse(at.file());
            String text = file + (at.isKnown() ? ":" + at.line() + (at.column() > 0 ? ":" + at.column() : "") : "");
            Optional<String> url = relative.flatMap(r -> run.sourceLink(r, at.isKnown() ? at.line() : 0))
                    .flatMap(Html::safeUrl);
            return link(url, "<code>" + escape(text) + "</code>", "");
        }

        private static String link(Optional<String> url, String content, String title) {
            if (url.isEmpty()) {
                return content;
            }
            return "<a href=\"" + escape(url.get()) + "\"" + (title.isEmpty() ? "" : " title=\"" + escape(title) + "\"")
                    + ">" + content + "</a>";
        }

        private Severity severityOf(String policyId) {
            PolicyMetadata policy = policies.get(policyId);
            return policy == null ? Severity.MEDIUM : policy.severity();
        }

        private static String severityBadge(Severity severity) {
            return "<span class=\"badge sev-" + severity.label() + "\">" + severity.label() + "</span>";
        }

        private String teamAnchor(String team) {
            StringBuilder out = new StringBuilder();
            for (char c : team.toCharArray()) {
                out.append(Character.isLetterOrDigit(c) && c < 128 ? c : '_');
            }
            return out + "-" + Integer.toHexString(team.hashCode());
        }

        private String tool() {
            return options.toolName() + (options.toolVersion().isEmpty() ? "" : " " + options.toolVersion());
        }

        private static String percent(OptionalDouble value) {
            return value.isPresent() ? Svg.format(value.getAsDouble()) + "%" : "n/a";
        }

        private static String scoreClass(OptionalDouble value) {
            if (value.isEmpty()) {
                return "score-none";
            }
            double v = value.getAsDouble();
            return v >= 90 ? "score-good" : v >= 70 ? "score-fair" : "score-poor";
        }

        private static String severitySummary(Map<Severity, Integer> bySeverity) {
            List<String> parts = new ArrayList<>();
            for (Severity severity : Severity.values()) {
                int count = bySeverity.getOrDefault(severity, 0);
                if (count > 0) {
                    parts.add(0, count + " " + severity.label());
                }
            }
            return String.join(", ", parts);
        }

        /** A sentence describing a series: how many values, first and last, lowest and highest. */
        private static String describe(List<Svg.Point> points, String unit) {
            List<Svg.Point> known = points.stream().filter(p -> p.value().isPresent()).toList();
            if (known.isEmpty()) {
                return "No value over " + points.size() + (points.size() == 1 ? " run." : " runs.");
            }
            Svg.Point first = known.get(0);
            Svg.Point last = known.get(known.size() - 1);
            double min = known.stream().mapToDouble(p -> p.value().getAsDouble()).min().orElse(0);
            double max = known.stream().mapToDouble(p -> p.value().getAsDouble()).max().orElse(0);
            if (known.size() == 1) {
                return Svg.format(first.value().getAsDouble()) + unit + " (" + first.label() + "), one value.";
            }
            return "From " + Svg.format(first.value().getAsDouble()) + unit + " (" + first.label() + ") to "
                    + Svg.format(last.value().getAsDouble()) + unit + " (" + last.label() + ") over " + known.size()
                    + " runs; lowest " + Svg.format(min) + unit + ", highest " + Svg.format(max) + unit + ".";
        }

        private static String describeBars(List<Svg.Bar> bars) {
            List<String> parts = new ArrayList<>();
            for (Svg.Bar bar : bars) {
                parts.add(bar.label() + " " + bar.text());
            }
            return "Scores: " + String.join(", ", parts) + ".";
        }
    }

    private static final String STYLE = """
            :root { --fg: #1b1f24; --muted: #57606a; --bg: #ffffff; --line: #d0d7de; --accent: #0b57d0;
              --good: #1a7f37; --fair: #9a6700; --poor: #cf222e; --panel: #f6f8fa; }
            * { box-sizing: border-box; }
            body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg);
              background: var(--bg); }
            header, main, nav { max-width: 1200px; margin: 0 auto; padding: 0 20px; }
            header h1 { margin: 20px 0 4px; font-size: 1.6rem; }
            .meta { color: var(--muted); margin: 0 0 12px; }
            nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 4px 16px; padding: 8px 0; margin: 0;
              border-bottom: 1px solid var(--line); }
            a { color: var(--accent); }
            a:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
            .skip { position: absolute; left: -9999px; }
            .skip:focus { left: 8px; top: 8px; background: var(--bg); padding: 4px 8px; z-index: 1; }
            h2 { margin-top: 32px; border-bottom: 1px solid var(--line); padding-bottom: 4px; font-size: 1.3rem; }
            h3 { margin-top: 24px; font-size: 1.1rem; }
            h4 { margin: 16px 0 4px; font-size: 1rem; }
            .cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0 20px; }
            .card { border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; min-width: 150px;
              background: var(--panel); }
            .card .label { color: var(--muted); font-size: .85rem; }
            .card .value { font-size: 1.7rem; font-weight: 600; }
            .card .detail { color: var(--muted); font-size: .8rem; }
            .score-good { color: var(--good); } .score-fair { color: var(--fair); } .score-poor { color: var(--poor); }
            .score-none { color: var(--muted); } .bad { color: var(--poor); }
            .decision-deny, .decision-error { color: var(--poor); } .decision-warn { color: var(--fair); }
            .decision-allow { color: var(--good); }
            .banner { padding: 10px 14px; border-radius: 6px; }
            .banner.error { background: #ffebe9; border: 1px solid var(--poor); }
            figure { margin: 0 0 16px; } figcaption { color: var(--muted); font-size: .85rem; }
            svg.chart { max-width: 100%; height: auto; display: block; }
            svg .grid { stroke: var(--line); stroke-width: 1; }
            svg .tick, svg .label, svg .value { fill: var(--muted); font-size: 12px; font-family: inherit; }
            svg .line { stroke: var(--accent); stroke-width: 2; }
            svg .point { fill: var(--accent); stroke: var(--accent); stroke-width: 2; }
            svg .point.hollow { fill: var(--bg); }
            svg.spark { vertical-align: middle; }
            svg.spark .line { stroke-width: 1.5; }
            .bar rect { fill: var(--muted); } .bar.score-good rect { fill: var(--good); }
            .bar.score-fair rect { fill: var(--fair); } .bar.score-poor rect { fill: var(--poor); }
            .scroll { overflow-x: auto; }
            table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: .9rem; }
            caption { text-align: left; color: var(--muted); padding: 4px 0; }
            th, td { border-bottom: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
            thead th { background: var(--panel); }
            td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
            code { font: .85rem/1.3 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
            .title { color: var(--muted); font-weight: normal; }
            .fix, .docs { margin: 0 0 4px; }
            .path, .container { color: var(--muted); font-size: .8rem; }
            .badge { display: inline-block; border-radius: 10px; padding: 0 8px; font-size: .75rem; font-weight: 600;
              border: 1px solid currentColor; white-space: nowrap; }
            .sev-critical { color: #82071e; background: #ffebe9; } .sev-high { color: var(--poor); background: #fff0ee; }
            .sev-medium { color: var(--fair); background: #fff8c5; } .sev-low { color: #0550ae; background: #ddf4ff; }
            .sev-info { color: var(--muted); background: var(--panel); }
            .badge.new { color: var(--poor); } .badge.soon { color: var(--fair); } .badge.expired { color: var(--poor); }
            tr.new td:first-child { box-shadow: inset 3px 0 0 var(--poor); }
            .policy-group { border-left: 3px solid var(--line); padding-left: 12px; margin-bottom: 12px; }
            .how { font-size: .9rem; }
            .none { color: var(--muted); }
            .more { font-style: italic; }
            .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
              white-space: nowrap; border: 0; padding: 0; margin: -1px; }
            @media print {
              @page { margin: 14mm; }
              body { font-size: 10.5pt; color: #000; }
              nav, .skip { display: none; }
              header, main { max-width: none; padding: 0; }
              a { color: #000; text-decoration: none; }
              .scroll { overflow: visible; }
              section, figure, tr, .card, .policy-group { break-inside: avoid; }
              h2, h3, h4 { break-after: avoid; }
              .card, thead th, .badge, .banner { background: none !important; }
              * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
            }
            """;
}
