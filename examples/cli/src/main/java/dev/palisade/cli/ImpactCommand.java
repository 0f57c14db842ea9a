package dev.palisade.cli;

import dev.palisade.core.EnforcementPoint;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.EvaluationError;
import dev.palisade.core.Exemption;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.ManifestSink;
import dev.palisade.core.Manifests;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.Policy;
import dev.palisade.core.PolicySet;
import dev.palisade.core.Report;
import dev.palisade.core.Resource;
import dev.palisade.core.Result;
import dev.palisade.core.policy.ExemptionReader;
import dev.palisade.core.policy.PolicyLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/** {@code palisade impact}: what a policy change would newly deny, warn about or stop flagging. */
final class ImpactCommand implements Command {
    private static final Set<String> VALUED = union(Set.of("base", "base-git", "policy", "exemptions", "format", "output",
            "fail-on-new", "owner-label", "enforcement-point", "max-rows", "max-chars", "warn-max"), Engine.LIMIT_OPTIONS);

    @Override
    public String name() {
        return "impact";
    }

    @Override
    public String summary() {
        return "what a policy change would newly deny or warn about, per policy, team and namespace";
    }

    @Override
    public String usage() {
        return """
                usage: palisade impact (--base REF... | --base-git REV) [--policy REF]... [PATH|-]... [options]

                Judges the same manifests with the base policies and with the new ones, matches findings by
                fingerprint (policy, resource, field), and reports resources newly denied, newly warned,
                newly in dry run, relaxed and no longer flagged, per policy, team and namespace, with a
                recommended enforcement step per new or changed policy (docs/rollout.md).

                options:
                  --base REF                a base policy file, directory or builtin:<name> (repeatable)
                  --base-git REV            the base is the --policy files as they are at Git revision REV of
                                            the repository they are in (builtin: references are the same)
                  --policy REF              a new policy (repeatable; default builtin:default)
                  --exemptions PATH         PolicyExemption files or directories, applied to both (repeatable)
                  --format FORMAT           text (default), json, or markdown (a pull-request comment)
                  --output FILE             write the report to FILE instead of stdout
                  --fail-on-new LEVEL       deny (default): exit 1 when something is newly denied; warn: newly
                                            denied or warned; never
                  --owner-label KEY         the label naming a resource's team (default team; else its
                                            Namespace's label)
                  --enforcement-point P     admission, audit or ci (default)
                  --warn-max N              a dry-run policy flagging at most N resources is ready for warn
                                            (default 10)
                  --max-rows N              rows per table and findings listed (default 20; 0: all)
                  --max-chars N             markdown: at most N characters (default 60000)
                  --max-document-bytes N, --max-file-bytes N, --max-depth N, --max-alias-nodes N
                                            reader limits

                exit status: 0 nothing newly reached --fail-on-new, 1 something did, 2 input, policy or
                Git errors.""";
    }

    @Override
    public int run(List<String> rawArgs, PrintStream out, PrintStream err) throws IOException {
        Arguments args = Arguments.parse(rawArgs, VALUED, Set.of());
        List<String> inputs = args.positional();
        if (inputs.isEmpty()) {
            throw new UsageException("name at least one file, directory, or - for stdin");
        }
        if (args.all("base").isEmpty() == args.last("base-git").isEmpty()) {
            throw new UsageException("give the base policies: --base REF (repeatable) or --base-git REV, not both");
        }
        ImpactReport.Format format = ImpactReport.Format.parse(args.last("format").orElse("text"));
        String failOn = args.last("fail-on-new").orElse("deny").trim().toLowerCase(Locale.ROOT);
        if (!Set.of("deny", "warn", "never").contains(failOn)) {
            throw new UsageException("--fail-on-new takes deny, warn or never, not '" + failOn + "'");
        }
        EnforcementPoint point = EnforcementPoint.parse(args.last("enforcement-point").orElse("ci"));
        int maxRows = bounded(args, "max-rows", 20, 0);
        int maxChars = bounded(args, "max-chars", ImpactReport.DEFAULT_MARKDOWN_CHARS, 1000);
        int warnMax = bounded(args, "warn-max", 10, 0);
        List<String> newRefs = args.all("policy").isEmpty() ? List.of("builtin:default") : args.all("policy");

        ManifestReader reader = ManifestReader.create(Engine.limits(args));
        PolicyLoader loader = Engine.policyLoader(reader);
        Path snapshot = null;
        try {
            List<String> baseRefs = args.all("base");
            if (args.last("base-git").isPresent()) {
                snapshot = Files.createTempDirectory("palisade-base");
                baseRefs = GitSnapshot.snapshot(args.last("base-git").get(), newRefs, snapshot, err);
            }
            List<EvaluationError> errors = new ArrayList<>();
            List<Exemption> exemptions = new ArrayList<>();
            for (String path : args.all("exemptions")) {
                exemptions.addAll(ExemptionReader.readPath(reader, Path.of(path), errors::add));
            }
            PolicySet base = build(loader, baseRefs, exemptions, errors);
            PolicySet next = build(loader, newRefs, exemptions, errors);
            if (!errors.isEmpty()) {
                for (EvaluationError error : errors) {
                    err.println("palisade impact: " + error.display());
                }
                err.println("palisade impact: the policies cannot be compared until these errors are fixed");
                return Main.EXIT_ERROR;
            }
            EvaluationContext context = EvaluationContext.builder().enforcementPoint(point).build();
            Teams teams = new Teams(args.last("owner-label").orElse(Teams.DEFAULT_LABEL));
            Impact impact = new Impact();
            List<EvaluationError> readErrors = new ArrayList<>();
            if (needsNothing(base) && needsNothing(next)) {
                // one streaming read: each resource is judged by both sets as it is read
                List<Result[]> pairs = new ArrayList<>();
                reader.read(inputs, new ManifestSink() {
                    @Override
                    public void resource(Resource resource) {
                        teams.add(resource);
                        pairs.add(new Result[] {base.evaluate(resource, context), next.evaluate(resource, context)});
                    }

                    @Override
                    public void error(EvaluationError error) {
                        readErrors.add(error);
                    }

                    @Override
                    public void skipped(Manifests.SkippedFile file) {
                        err.println("palisade: skipped " + file.file() + ": " + file.reason());
                    }
                });
                for (Result[] pair : pairs) {
                    readErrors.addAll(pair[0].errors());
                    readErrors.addAll(pair[1].errors());
                    impact.compare(pair[0], pair[1], teams.of(pair[1].id()));
                }
            } else {
                // the policies consult other resources: one read into memory, both sets audit it as a whole
                Manifests manifests = reader.read(inputs);
                manifests.resources().forEach(teams::add);
                manifests.skipped().forEach(f -> err.println("palisade: skipped " + f.file() + ": " + f.reason()));
                Report before = base.audit(manifests, context);
                Report after = next.audit(manifests, context);
                readErrors.addAll(after.allErrors());
                for (EvaluationError error : before.allErrors()) {
                    if (!readErrors.contains(error)) {
                        readErrors.add(error);
                    }
                }
                for (int i = 0; i < after.results().size(); i++) {
                    impact.compare(before.results().get(i), after.results().get(i), teams.of(after.results().get(i).id()));
                }
            }
            impact.recommend(base, next, point, warnMax);
            String text = switch (format) {
                case TEXT -> ImpactReport.text(impact, maxRows);
                case JSON -> ImpactReport.json(impact);
                case MARKDOWN -> ImpactReport.markdown(impact, maxRows, maxChars);
            };
            if (args.last("output").isPresent()) {
                Path file = Path.of(args.last("output").get());
                if (file.toAbsolutePath().getParent() != null) {
                    Files.createDirectories(file.toAbsolutePath().getParent());
                }
                Files.writeString(file, text, StandardCharsets.UTF_8);
            } else {
                out.print(text);
                out.flush();
            }
            for (EvaluationError error : readErrors) {
                err.println("palisade impact: " + error.display());
            }
            if (!readErrors.isEmpty()) {
                return Main.EXIT_ERROR;
            }
            int denied = impact.total.of(Impact.Change.DENIED);
            int warned = impact.total.of(Impact.Change.WARNED);
            return switch (failOn) {
                case "deny" -> denied > 0 ? 1 : 0;
                case "warn" -> denied + warned > 0 ? 1 : 0;
                default -> 0;
            };
        } finally {
            if (snapshot != null) {
                delete(snapshot);
            }
        }
    }

    private static PolicySet build(PolicyLoader loader, List<String> refs, List<Exemption> exemptions,
            List<EvaluationError> errors) {
        PolicySet.Builder set = PolicySet.builder();
        if (!refs.isEmpty()) {
            try {
                set.add(loader.load(refs));
            } catch (PalisadeException e) {
                set.error(EvaluationError.of(e));
            }
        }
        set.exemptions(exemptions);
        PolicySet built = set.build();
        errors.addAll(built.errors());
        return built;
    }

    /** Whether the set judges each resource alone: it reads no inventory and no namespace labels. */
    private static boolean needsNothing(PolicySet set) {
        if (!set.inventoryNeeds().none()) {
            return false;
        }
        for (Policy policy : set.policies()) {
            if (policy.match().namespaceSelector().isPresent()) {
                return false;
            }
        }
        for (Exemption exemption : set.exemptions()) {
            if (exemption.match().namespaceSelector().isPresent()) {
                return false;
            }
        }
        return true;
    }

    private static int bounded(Arguments args, String option, int fallback, int minimum) {
        long value = args.number(option, fallback);
        if (value < minimum || value > Integer.MAX_VALUE) {
            throw new UsageException("--" + option + " takes a number from " + minimum + ", not " + value);
        }
        return (int) value;
    }

    private static void delete(Path directory) {
        try (Stream<Path> walk = Files.walk(directory)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is not worth failing the run for
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
