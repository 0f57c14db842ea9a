package dev.palisade.cli;

import dev.palisade.core.Decision;
import dev.palisade.core.EnforcementPoint;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.EvaluationError;
import dev.palisade.core.SourceLocation;
import dev.palisade.core.Exemption;
import dev.palisade.core.policy.ExemptionReader;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.ManifestSink;
import dev.palisade.core.Resource;
import dev.palisade.core.Manifests;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.policy.PolicyLoader;
import dev.palisade.core.PolicySet;
import dev.palisade.core.Report;
import dev.palisade.core.report.History;
import dev.palisade.core.report.Owners;
import dev.palisade.core.report.PolicyReportApi;
import dev.palisade.core.report.ReportFormat;
import dev.palisade.core.report.RunInfo;
import dev.palisade.core.report.Trends;
import dev.palisade.core.report.ReportWriter;
import dev.palisade.core.report.ReportOptions;
import dev.palisade.core.report.ReportWriters;
import dev.palisade.core.report.TextGrouping;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code palisade check}: judges manifests against policies and reports. */
final class CheckCommand implements Command {
    private static final Set<String> VALUED = union(union(Set.of("policy", "exemptions", "format", "output",
            "enforcement-point", "fail-on", "base-dir", "pod-spec-path", "max-findings", "group-by", "exclude",
            "policyreport-api", "history", "history-keep", "repo-url", "revision", "owner-label", "helm-timeout", "engine"),
            Engine.LIMIT_OPTIONS), union(CheckImageVerification.VALUED, CheckNotifications.VALUED));
    private static final Set<String> FLAGS = union(Set.of("annotation-exemptions", "no-color",
            "refuse-unbounded-exemptions", "quiet", "show-skipped", "strict", "no-helm", "allow-empty"),
            CheckImageVerification.FLAGS);

    @Override
    public String name() {
        return "check";
    }

    @Override
    public String summary() {
        return "judge manifests (files, directories, - for stdin) against policies";
    }

    @Override
    public String usage() {
        return """
                usage: palisade check [PATH|-]... [options]

                Reads Kubernetes manifests (YAML or JSON files, directories recursively, - for stdin) and
                judges them against policies. Without --policy the built-in default set runs.

                options:
                  --policy REF              policy file or directory, or builtin:<name> (repeatable;
                                            default builtin:default)
                  --exemptions PATH         PolicyExemption documents: a file or a directory (repeatable;
                                            other documents are ignored)
                  --format FORMAT           text (default), json, sarif, junit, codequality (GitLab),
                                            policyreport (PolicyReport YAML stream), policyreport-json (one
                                            JSON List) or html (a self-contained compliance dashboard)
                  --output FILE             write the report to FILE instead of stdout
                  --policyreport-api API    wgpolicyk8s.io/v1alpha2 (default: PolicyReport and
                                            ClusterPolicyReport) or openreports.io/v1alpha1 (Report and
                                            ClusterReport)
                  --history DIR             append this run's summary to the history in DIR (one JSON
                                            file per run); html draws trends and new findings from it
                  --history-keep N          keep the newest N runs in the history (default 365)
                  --owner-label KEY         the label (or annotation) naming a resource's team, also read
                                            from its Namespace (default team; others are "unowned")
                  --repo-url URL            link findings in html to the repository:
                                            https://github.com/ORG/REPO, or a template with {revision},
                                            {path} and {line}
                  --revision REV            the commit judged (default: read from the git checkout)
                  --enforcement-point P     admission, audit or ci (default)
                  --fail-on LEVEL           warn, deny (default) or never: exit 1 when a resource's decision
                                            reaches it
                  --max-findings N          text and html: list at most N findings, then count the rest
                                            (default 1000; 0 lists all); the other formats list everything
                  --group-by file|policy    text: order findings by file (default) or by policy
                  --quiet                   text: only the summary table, the summary line and the first errors
                  --base-dir DIR            paths in reports are relative to DIR (default: current directory)
                  --annotation-exemptions   honour palisade.dev/exempt annotations on resources
                  --refuse-unbounded-exemptions
                                            an exemption of every policy for every resource with no
                                            expiry is an error (default: a warning)
                  --pod-spec-path GROUP/KIND=POINTER
                                            a custom kind carries a pod spec at POINTER (repeatable), e.g.
                                            apps.example.com/Runner=/spec/template/spec; built in: Pods,
                                            controllers, Argo Rollouts, OpenKruise, Knative, KEDA ScaledJob
                  --engine ENGINE           which code of Gatekeeper ConstraintTemplates runs: auto (default:
                                            CEL if the template has some, else Palisade's native kind, else
                                            its Rego), rego, cel or native
                  --no-color                never colour the text report
                  --exclude GLOB            leave paths out of directory walks (gitignore syntax, relative to
                                            each directory named; repeatable); a .palisadeignore file at the
                                            top of a directory is read the same way
                  --show-skipped            list every file not judged, with the reason (by default one
                                            summary line counts them by category)
                  --strict                  YAML or JSON without apiVersion and kind is an error, not
                                            skipped as "not a Kubernetes object"
                  --allow-empty             judging no Kubernetes object at all is a pass (default: an
                                            error, exit 2: an empty stdin from a failed `kustomize build`
                                            or a directory of skipped files must not read as compliant)
                  --max-document-bytes N, --max-file-bytes N, --max-depth N, --max-alias-nodes N
                                            reader limits (defaults: 3 MiB, 256 MiB, 200, 10000)

                Helm charts (a directory holding Chart.yaml, named or met in a directory) are rendered
                in-process with Helm's own engine and what they would deploy is judged; findings name the
                template, marked "(rendered from chart NAME)", at the line of the template's rendered output.
                """ + HelmCharts.USAGE + CheckImageVerification.USAGE + CheckNotifications.USAGE + """


                exit status: 0 nothing reached --fail-on, 1 something did, 2 input or policy errors
                (every finding that could be computed is still reported).""";
    }

    @Override
    public int run(List<String> rawArgs, PrintStream out, PrintStream err) throws IOException {
        HelmCharts.Split split = HelmCharts.split(rawArgs);
        Arguments args = Arguments.parse(split.rest(), VALUED, FLAGS);
        HelmCharts charts = HelmCharts.of(split.charts(), args);
        List<String> inputs = new ArrayList<>(args.positional());
        inputs.addAll(charts.inputs());
        if (inputs.isEmpty()) {
            throw new UsageException("name at least one file, directory, or - for stdin");
        }
        ReportFormat format = ReportFormat.parse(args.last("format").orElse("text"));
        PolicyReportApi api = PolicyReportApi.parse(args.last("policyreport-api").orElse(
                PolicyReportApi.WGPOLICY_V1ALPHA2.apiVersion()));
        long keep = args.number("history-keep", History.DEFAULT_KEEP);
        if (keep < 1 || keep > Integer.MAX_VALUE) {
            throw new UsageException("--history-keep takes a positive number of runs, not " + keep);
        }
        if (args.last("history-keep").isPresent() && args.last("history").isEmpty()) {
            throw new UsageException("--history-keep needs --history DIR");
        }
        Optional<History> history = args.last("history").map(dir -> History.open(Path.of(dir), (int) keep));
        Path baseDirectory = Path.of(args.last("base-dir").orElse(""));
        RunInfo run = RunInfo.unknown().withTimestamp(Instant.now())
                .withRepositoryUrl(args.last("repo-url").orElse(""));
        Owners.Collector owners = Owners.collector(args.last("owner-label").orElse(Owners.DEFAULT_KEY));
        EnforcementPoint point = EnforcementPoint.parse(args.last("enforcement-point").orElse("ci"));
        FailOn failOn = FailOn.parse(args.last("fail-on").orElse("deny"));

        for (String podSpecPath : args.all("pod-spec-path")) {
            dev.palisade.core.PodSpecView.register(podSpecPath);
        }
        ManifestReader reader = charts.configure(ManifestReader.create(Engine.limits(args))
                .withStrict(args.flag("strict")).withExcludes(args.all("exclude")));
        PolicyLoader loader = Engine.policyLoader(reader, Engine.gatekeeperEngine(args));
        List<String> references = args.all("policy").isEmpty() ? List.of("builtin:default") : args.all("policy");
        PolicySet.Builder set = PolicySet.builder().annotationExemptions(args.flag("annotation-exemptions"));
        try {
            set.add(loader.load(references));
        } catch (PalisadeException e) {
            set.error(EvaluationError.of(e));
        }
        for (String path : args.all("exemptions")) {
            set.exemptions(ExemptionReader.readPath(reader, Path.of(path), set::error));
        }
        PolicySet policies = set.build();
        boolean refuseUnbounded = args.flag("refuse-unbounded-exemptions");
        for (Exemption exemption : policies.exemptions()) {
            if (exemption.isUnbounded()) {
                String what = "exemption '" + exemption.name() + "' (" + exemption.source().display() + ") waives every"
                        + " policy for every resource with no expiry";
                if (refuseUnbounded) {
                    set.error(EvaluationError.of(exemption.source(), what + "; narrow it (policies, match,"
                            + " containers) or give it spec.expires (--refuse-unbounded-exemptions)"));
                } else {
                    err.println("palisade: warning: " + what + "; narrow it or give it spec.expires");
                }
            }
        }
        if (refuseUnbounded) {
            policies = set.build();
        }

        EvaluationContext context = CheckImageVerification.configure(args,
                EvaluationContext.builder().enforcementPoint(point), err).build();
        List<Manifests.SkippedFile> skipped = new ArrayList<>();
        Progress progress = new Progress(err, System.console() != null);
        CheckNotifications notifications = CheckNotifications.configure(args, reader);
        Report report = policies.audit(reader, inputs, context, new ManifestSink() {
            @Override
            public void resource(Resource resource) {
                notifications.observe(resource);
                owners.add(resource);
            }

            @Override
            public void error(EvaluationError error) {
            }

            @Override
            public void reading(String file) {
                progress.file();
            }

            @Override
            public void skipped(Manifests.SkippedFile file) {
                skipped.add(file);
            }
        });
        progress.done();
        if (report.results().isEmpty() && report.allErrors().isEmpty() && !args.flag("allow-empty")) {
            report = report.withErrors(List.of(EvaluationError.of(SourceLocation.UNKNOWN, "nothing to judge: no"
                    + " Kubernetes object in " + String.join(", ", inputs.stream().map(i -> i.equals("-") ? "standard input" : i)
                    .toList()) + (skipped.isEmpty() ? "" : " ("
                    + skipped.size() + (skipped.size() == 1 ? " file" : " files") + " skipped)")
                    + "; an empty input is not a pass (did the command that feeds it fail?); pass --allow-empty"
                    + " if nothing to judge is expected")));
        }
        reportSkipped(new Manifests(List.of(), List.of(), skipped), args.flag("show-skipped"), err);
        if (!charts.rendering() && skipped.stream().anyMatch(s -> s.category() == Manifests.SkippedFile.Category.HELM_CHART)) {
            err.println("palisade: Helm charts are not rendered (" + charts.whyNotRendering() + "); drop --no-helm to"
                    + " render them in-process, or judge helm template CHART | palisade check -");
        }
        for (Exemption expired : report.expiredExemptions()) {
            err.println("palisade: exemption '" + expired.name() + "' (" + expired.source().display() + ") expired "
                    + expired.expiresAsWritten() + " and no longer applies");
        }

        boolean toFile = args.last("output").isPresent();
        boolean color = format == ReportFormat.TEXT && !toFile && !args.flag("no-color") && System.console() != null
                && System.getenv("NO_COLOR") == null;
        long maxFindings = args.number("max-findings", 1000);
        if (maxFindings < 0 || maxFindings > Integer.MAX_VALUE) {
            throw new UsageException("--max-findings takes 0 (no limit) or a positive number, not " + maxFindings);
        }
        ReportOptions options = ReportOptions.defaults().withColor(color).withTool("palisade", Version.current())
                .withBaseDirectory(baseDirectory)
                .withMaxFindings((int) maxFindings).withSummaryOnly(args.flag("quiet"))
                .withGrouping(TextGrouping.parse(args.last("group-by").orElse("file")));
        run = run.withRevision(args.last("revision").or(() -> GitRevision.of(baseDirectory)).orElse(""));
        Owners teams = owners.build();
        boolean historyFailed = false;
        Trends trends = Trends.NONE;
        if (history.isPresent() && format == ReportFormat.HTML) {
            try {
                trends = history.get().trends();
            } catch (PalisadeException e) {
                err.println("palisade: " + e.describe() + " (the dashboard shows no trends)");
                historyFailed = true;
            }
        }
        options = options.withPolicyReportApi(api).withRun(run).withOwners(teams).withTrends(trends);
        ReportWriter writer = ReportWriters.of(format, options);
        write(report, writer, args, out);
        notifications.send(report, err);
        if (history.isPresent() && !historyFailed) {
            try {
                history.get().append(report, run, teams, Version.current());
            } catch (PalisadeException e) {
                err.println("palisade: " + e.describe());
                historyFailed = true;
            }
        }
        return historyFailed ? Main.EXIT_ERROR : exitStatus(report, failOn);
    }

    private static void write(Report report, ReportWriter reportWriter, Arguments args, PrintStream out)
            throws IOException {
        if (args.last("output").isPresent()) {
            Path file = Path.of(args.last("output").get());
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                reportWriter.write(report, writer);
            }
        } else {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            reportWriter.write(report, writer);
            writer.flush();
        }
    }

    /**
     * One summary line counting skipped files by category ("312 files skipped: 40 kustomization, ...");
     * with {@code --show-skipped}, every file and its reason first.
     */
    static void reportSkipped(Manifests manifests, boolean showAll, PrintStream err) {
        if (manifests.skipped().isEmpty()) {
            return;
        }
        Map<Manifests.SkippedFile.Category, List<Manifests.SkippedFile>> groups = manifests.skippedByCategory();
        if (showAll) {
            for (List<Manifests.SkippedFile> group : groups.values()) {
                for (Manifests.SkippedFile skipped : group) {
                    err.println("palisade: skipped " + skipped.file() + " (" + skipped.category().label() + "): "
                            + skipped.reason());
                }
            }
        }
        List<String> counts = new ArrayList<>();
        groups.forEach((category, files) -> counts.add(files.size() + " " + category.label()));
        int total = manifests.skipped().size();
        String line = "palisade: " + total + (total == 1 ? " file" : " files") + " skipped: " + String.join(", ", counts);
        if (!showAll) {
            line += "; --show-skipped lists them";
        }
        err.println(line);
        if (groups.containsKey(Manifests.SkippedFile.Category.KUSTOMIZE)) {
            err.println("palisade: kustomizations are judged once rendered: kustomize build DIR | palisade check -"
                    + " (Kustomize has no Java implementation, so Palisade does not run it)");
        }
    }

    private static int exitStatus(Report report, FailOn failOn) {
        Decision decision = report.decision();
        if (decision == Decision.ERROR || !report.allErrors().isEmpty()) {
            return Main.EXIT_ERROR;
        }
        return failOn.reachedBy(decision) ? 1 : 0;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    /** The decision from which {@code check} exits 1. */
    enum FailOn {
        DENY, WARN, NEVER;

        static FailOn parse(String text) {
            return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "deny" -> DENY;
                case "warn" -> WARN;
                case "never" -> NEVER;
                default -> throw new UsageException("--fail-on takes warn, deny or never, not '" + text + "'");
            };
        }

        boolean reachedBy(Decision decision) {
            return switch (this) {
                case DENY -> decision == Decision.DENY;
                case WARN -> decision != Decision.ALLOW;
                case NEVER -> false;
            };
        }
    }
}
