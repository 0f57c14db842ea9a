package dev.palisade.cli;

import dev.palisade.core.Decision;
import dev.palisade.core.EnforcementPoint;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.EvaluationError;
import dev.palisade.core.Exemption;
import dev.palisade.core.ExemptionReader;
import dev.palisade.core.LoadedPolicies;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.Manifests;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.PolicyLoader;
import dev.palisade.core.PolicySet;
import dev.palisade.core.Report;
import dev.palisade.core.report.PolicyApplicability;
import dev.palisade.core.report.ReportFormat;
import dev.palisade.core.report.ReportWriter;
import dev.palisade.core.report.ReportOptions;
import dev.palisade.core.report.ReportWriters;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code palisade check}: judges manifests against policies and reports. */
final class CheckCommand implements Command {
    private static final Set<String> VALUED = union(union(Set.of("policy", "exemptions", "format", "output",
            "enforcement-point", "fail-on", "base-dir"), Engine.LIMIT_OPTIONS), CheckImageVerification.VALUED);
    private static final Set<String> FLAGS = union(Set.of("annotation-exemptions", "no-color"),
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
                  --exemptions FILE         PolicyExemption documents (repeatable)
                  --format FORMAT           text (default), json, sarif or junit
                  --output FILE             write the report to FILE instead of stdout
                  --enforcement-point P     ci (default), audit or admission
                  --fail-on LEVEL           deny (default), warn or never: exit 1 when a resource's decision
                                            reaches it
                  --base-dir DIR            paths in reports are relative to DIR (default: current directory)
                  --annotation-exemptions   honour palisade.dev/exempt annotations on resources
                  --no-color                never colour the text report
                  --max-document-bytes N, --max-file-bytes N, --max-depth N, --max-alias-nodes N
                                            reader limits (defaults: 3 MiB, 256 MiB, 200, 10000)
                """ + CheckImageVerification.USAGE + """


                exit status: 0 nothing reached --fail-on, 1 something did, 2 input or policy errors
                (every finding that could be computed is still reported).""";
    }

    @Override
    public int run(List<String> rawArgs, PrintStream out, PrintStream err) throws IOException {
        Arguments args = Arguments.parse(rawArgs, VALUED, FLAGS);
        List<String> inputs = args.positional();
        if (inputs.isEmpty()) {
            throw new UsageException("name at least one file, directory, or - for stdin");
        }
        ReportFormat format = ReportFormat.parse(args.last("format").orElse("text"));
        EnforcementPoint point = EnforcementPoint.parse(args.last("enforcement-point").orElse("ci"));
        FailOn failOn = FailOn.parse(args.last("fail-on").orElse("deny"));

        ManifestReader reader = ManifestReader.create(Engine.limits(args));
        PolicyLoader loader = Engine.policyLoader(reader);
        List<String> references = args.all("policy").isEmpty() ? List.of("builtin:default") : args.all("policy");
        List<EvaluationError> errors = new ArrayList<>();
        LoadedPolicies loaded;
        try {
            loaded = loader.load(references);
        } catch (PalisadeException e) {
            errors.add(EvaluationError.of(e));
            loaded = new LoadedPolicies(List.of(), List.of(), List.of());
        }
        errors.addAll(loaded.errors());
        List<Exemption> exemptions = new ArrayList<>(loaded.exemptions());
        for (String file : args.all("exemptions")) {
            try {
                exemptions.addAll(ExemptionReader.read(reader.readDocuments(Path.of(file))));
            } catch (PalisadeException e) {
                errors.add(EvaluationError.of(e));
            }
        }
        PolicySet policies = PolicySet.builder().addAll(loaded.policies()).exemptions(exemptions)
                .annotationExemptions(args.flag("annotation-exemptions")).build();

        Manifests manifests = read(reader, inputs, err);
        errors.addAll(manifests.errors());
        for (Manifests.SkippedFile skipped : manifests.skipped()) {
            err.println("palisade: skipped " + skipped.file() + ": " + skipped.reason());
        }
        EvaluationContext context = CheckImageVerification.configure(args,
                EvaluationContext.builder().enforcementPoint(point), err).build();
        Report evaluated = policies.audit(manifests.resources(), context);
        for (Exemption expired : evaluated.expiredExemptions()) {
            err.println("palisade: exemption '" + expired.name() + "' (" + expired.source().display() + ") expired on "
                    + expired.expires().map(Object::toString).orElse("?") + " and no longer applies");
        }
        errors.addAll(evaluated.errors());
        Report report = new Report(evaluated.results(), errors, evaluated.policies(), evaluated.expiredExemptions());

        boolean toFile = args.last("output").isPresent();
        boolean color = format == ReportFormat.TEXT && !toFile && !args.flag("no-color") && System.console() != null
                && System.getenv("NO_COLOR") == null;
        ReportOptions options = ReportOptions.defaults().withColor(color).withTool("palisade", Version.current())
                .withBaseDirectory(Path.of(args.last("base-dir").orElse("")));
        ReportWriter writer = format == ReportFormat.JUNIT
                ? ReportWriters.junit(options, PolicyApplicability.of(policies, context))
                : ReportWriters.of(format, options);
        write(report, writer, args, out);
        return exitStatus(report, failOn);
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

    /** Reads the inputs; on a terminal, shows progress on stderr once more than 200 files are read. */
    private static Manifests read(ManifestReader reader, List<String> inputs, PrintStream err) {
        List<dev.palisade.core.Resource> resources = new ArrayList<>();
        List<EvaluationError> errors = new ArrayList<>();
        List<Manifests.SkippedFile> skipped = new ArrayList<>();
        Progress progress = new Progress(err, System.console() != null);
        reader.read(inputs, new dev.palisade.core.ManifestSink() {
            @Override
            public void resource(dev.palisade.core.Resource resource) {
                resources.add(resource);
            }

            @Override
            public void error(EvaluationError error) {
                errors.add(error);
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
        return new Manifests(resources, errors, skipped);
    }

    private static int exitStatus(Report report, FailOn failOn) {
        if (!report.allErrors().isEmpty()) {
            return Main.EXIT_ERROR;
        }
        Decision decision = report.decision();
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
            return switch (text) {
                case "deny" -> DENY;
                case "warn" -> WARN;
                case "never" -> NEVER;
                default -> throw new UsageException("--fail-on takes deny, warn or never, not '" + text + "'");
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
