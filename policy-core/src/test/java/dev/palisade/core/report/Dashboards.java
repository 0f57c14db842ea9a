package dev.palisade.core.report;

import dev.palisade.core.Enforcement;
import dev.palisade.core.EnforcementAction;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.FindingSink;
import dev.palisade.core.Match;
import dev.palisade.core.Policy;
import dev.palisade.core.PolicyMetadata;
import dev.palisade.core.PolicySet;
import dev.palisade.core.Report;
import dev.palisade.core.Resource;
import dev.palisade.core.Severity;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/** Dashboards rendered from the sample reports and a fixture history, for the HTML and browser tests. */
final class Dashboards {
    static final Instant RUN_TIME = Instant.parse("2026-12-15T09:30:00Z");
    static final String REPOSITORY = "https://github.com/example/gitops";
    static final String REVISION = "0123456789abcdef0123456789abcdef01234567";

    private Dashboards() {
    }

    /** A policy whose metadata and messages carry markup, as a hostile policy file could. */
    static final class HostilePolicy implements Policy {
        @Override
        public PolicyMetadata metadata() {
            return PolicyMetadata.of("hostile<script>alert(6)</script>", "<i>Title</i><script>alert(7)</script>",
                    Severity.CRITICAL).withCategory("</td>cat")
                    .withRemediation("</p><script>alert(8)</script> fix it & be \"careful\"")
                    .withHelpUrl("javascript:alert(9)");
        }

        @Override
        public Match match() {
            return Match.ALL;
        }

        @Override
        public Enforcement enforcement() {
            return Enforcement.of(EnforcementAction.DENY);
        }

        @Override
        public void evaluate(Resource resource, EvaluationContext context, FindingSink sink) {
            sink.report("object " + resource.id().name() + " is hostile <script>alert(10)</script>", "/metadata/name");
        }
    }

    /** The full sample plus the hostile fixture judged by the sample policies and the hostile one. */
    static Report hostile() {
        Report sample = SampleReports.full();
        PolicySet set = PolicySet.builder().add(new SampleReports.NoPrivileged()).add(new HostilePolicy()).build();
        Report evil = set.evaluate(TestPositions.read(List.of(SampleReports.fixture("hostile-names.yaml")))
                .resources().stream(), SampleReports.context());
        List<PolicyMetadata> policies = Stream.concat(sample.policies().stream(),
                Stream.of(new HostilePolicy().metadata())).toList();
        return new Report(Stream.concat(sample.results().stream(), evil.results().stream()).toList(), sample.errors(),
                policies, sample.expiredExemptions());
    }

    static Owners hostileOwners() {
        Owners.Collector owners = Owners.collector("team");
        TestPositions.read(List.of(SampleReports.fixture(SampleReports.DEPLOYMENT),
                SampleReports.fixture(SampleReports.MIXED), SampleReports.fixture("hostile-names.yaml")))
                .resources().forEach(owners::add);
        return owners.build();
    }

    /**
     * A history of three runs: the documented fixture run (2026-01-05), the deployment alone
     * (2026-06-01) and the full sample (2026-12-01), in a new directory.
     */
    static History history(Path dir) {
        try {
            Files.createDirectories(dir);
            Path fixture = Path.of(Dashboards.class.getResource("/history/run-20260105T060000.000Z.json").toURI());
            Files.copy(fixture, dir.resolve(fixture.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        History history = History.open(dir);
        history.append(SampleReports.of(SampleReports.DEPLOYMENT), run(Instant.parse("2026-06-01T09:30:00Z")),
                SampleReports.owners(), "0.1.0");
        history.append(SampleReports.full(), run(Instant.parse("2026-12-01T09:30:00Z")), SampleReports.owners(),
                "0.1.0");
        return history;
    }

    static RunInfo run(Instant time) {
        return RunInfo.unknown().withTimestamp(time).withRevision(REVISION).withRepositoryUrl(REPOSITORY);
    }

    static ReportOptions options(Trends trends, Owners owners) {
        return ReportOptions.defaults().withBaseDirectory(SampleReports.resources()).withTool("palisade", "0.1.0")
                .withRun(run(RUN_TIME)).withOwners(owners).withTrends(trends);
    }

    static String render(Report report, ReportOptions options) {
        StringWriter out = new StringWriter();
        try {
            ReportWriters.of(ReportFormat.HTML, options).write(report, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
