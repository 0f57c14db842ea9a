package dev.palisade.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.core.ContainerView;
import dev.palisade.core.Enforcement;
import dev.palisade.core.EnforcementAction;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.Exemption;
import dev.palisade.core.FailurePolicy;
import dev.palisade.core.FindingSink;
import dev.palisade.core.KindSelector;
import dev.palisade.core.Manifests;
import dev.palisade.core.Match;
import dev.palisade.core.PodSpecView;
import dev.palisade.core.Policy;
import dev.palisade.core.PolicyMetadata;
import dev.palisade.core.PolicySet;
import dev.palisade.core.Report;
import dev.palisade.core.Resource;
import dev.palisade.core.Severity;
import dev.palisade.core.SourceLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A report from a real evaluation: three small test policies (deny, warn, dryrun) and one that
 * fails on ConfigMaps, over the fixtures in {@code src/test/resources/report}, plus one host object
 * without a source file. One exemption applies, one has expired, one fixture is malformed.
 */
final class SampleReports {
    static final String DEPLOYMENT = "privileged-deployment.fail.yaml";
    static final String MIXED = "mixed-resources.yaml";
    static final String MALFORMED = "malformed-document.yaml";
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private SampleReports() {
    }

    /** The directory holding the fixtures; reports use it as base directory. */
    static Path resources() {
        try {
            return Path.of(SampleReports.class.getResource("/report/" + DEPLOYMENT).toURI()).getParent().getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path fixture(String name) {
        return resources().resolve("report").resolve(name);
    }

    /** The one-based line of the first line of the fixture that contains the text. */
    static int lineOf(String fixtureName, String text) {
        try {
            List<String> lines = Files.readAllLines(fixture(fixtureName));
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(text)) {
                    return i + 1;
                }
            }
            throw new IllegalArgumentException(text + " is not in " + fixtureName);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PolicySet policySet() {
        return PolicySet.builder()
                .add(new NoPrivileged())
                .add(new NoLatestTag())
                .add(new TeamLabel())
                .add(new FailsOnConfigMaps())
                .exemption(new Exemption("debug-pod", List.of("no-privileged"),
                        Match.ALL.withNames(List.of("debug")).withNamespaces(List.of("tools")), List.of(),
                        "break-glass debugging pod", "sre@example.com", Optional.of(Instant.parse("2027-01-01T00:00:00Z")),
                        SourceLocation.UNKNOWN))
                .exemption(new Exemption("old-latest-waiver", List.of("no-latest-tag"), Match.ALL, List.of(),
                        "migration", "web-team", Optional.of(Instant.parse("2025-06-01T00:00:00Z")),
                        new SourceLocation("exemptions.yaml", 0, 3, 1)))
                .build();
    }

    static EvaluationContext context() {
        return EvaluationContext.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    }

    /** A privileged pod handed over by a host, with no file or positions. */
    static Resource hostPod() {
        try {
            JsonNode pod = new ObjectMapper().readTree("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":"
                    + "{\"name\":\"host-pod\",\"namespace\":\"default\"},\"spec\":{\"containers\":[{\"name\":\"c\","
                    + "\"image\":\"nginx:1.27\",\"securityContext\":{\"privileged\":true}}]}}");
            return Resource.of(pod);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything: both good fixtures, the malformed one and the host object. */
    static Report full() {
        Manifests manifests = TestPositions.read(List.of(fixture(DEPLOYMENT), fixture(MIXED), fixture(MALFORMED)));
        PolicySet set = policySet();
        Report evaluated = set.evaluate(Stream.concat(manifests.resources().stream(), Stream.of(hostPod())), context());
        return new Report(evaluated.results(), manifests.errors(), evaluated.policies(),
                evaluated.expiredExemptions());
    }

    /** The owners (label {@code team}) of the fixtures' resources. */
    static Owners owners() {
        Owners.Collector owners = Owners.collector("team");
        TestPositions.read(List.of(fixture(DEPLOYMENT), fixture(MIXED))).resources().forEach(owners::add);
        return owners.build();
    }

    /** Only the resources of one fixture, no errors. */
    static Report of(String fixtureName) {
        Manifests manifests = TestPositions.read(List.of(fixture(fixtureName)));
        return policySet().evaluate(manifests.resources().stream(), context());
    }

    private abstract static class TestPolicy implements Policy {
        private final PolicyMetadata metadata;
        private final Match match;
        private final Enforcement enforcement;

        TestPolicy(PolicyMetadata metadata, Match match, EnforcementAction action) {
            this.metadata = metadata;
            this.match = match;
            this.enforcement = Enforcement.of(action);
        }

        @Override
        public PolicyMetadata metadata() {
            return metadata;
        }

        @Override
        public Match match() {
            return match;
        }

        @Override
        public Enforcement enforcement() {
            return enforcement;
        }
    }

    static final class NoPrivileged extends TestPolicy {
        NoPrivileged() {
            super(PolicyMetadata.of("no-privileged", "Containers must not be privileged", Severity.HIGH)
                    .withCategory("Security")
                    .withDescription("A privileged container has every capability of the host.")
                    .withRemediation("Remove securityContext.privileged or set it to false.")
                    .withHelpUrl("https://palisade.dev/rules/no-privileged")
                    .withTags(List.of("security", "pod-security")),
                    ALL_PODS, EnforcementAction.DENY);
        }

        @Override
        public void evaluate(Resource resource, EvaluationContext context, FindingSink sink) {
            for (ContainerView container : PodSpecView.of(resource).map(PodSpecView::containers).orElse(List.of())) {
                if (container.securityContext().path("privileged").asBoolean(false)) {
                    sink.report("container " + container.name() + " is privileged",
                            container.pathOf("securityContext/privileged"));
                }
            }
        }
    }

    static final class NoLatestTag extends TestPolicy {
        NoLatestTag() {
            super(PolicyMetadata.of("no-latest-tag", "Images must not use the latest tag", Severity.MEDIUM)
                    .withRemediation("Pin the image to a version or digest.")
                    .withHelpUrl("docs/rules/no-latest-tag.md"),
                    ALL_PODS, EnforcementAction.WARN);
        }

        @Override
        public void evaluate(Resource resource, EvaluationContext context, FindingSink sink) {
            for (ContainerView container : PodSpecView.of(resource).map(PodSpecView::containers).orElse(List.of())) {
                if (container.image().endsWith(":latest")) {
                    sink.report("image " + container.image() + " uses the latest tag", container.pathOf("image"));
                }
            }
        }
    }

    static final class TeamLabel extends TestPolicy {
        TeamLabel() {
            super(PolicyMetadata.of("team-label", "Objects carry a team label", Severity.LOW), Match.ALL,
                    EnforcementAction.DRYRUN);
        }

        @Override
        public void evaluate(Resource resource, EvaluationContext context, FindingSink sink) {
            if (!resource.labels().containsKey("team")) {
                sink.report("label team is missing", "/metadata/labels/team");
            }
        }
    }

    static final class FailsOnConfigMaps extends TestPolicy {
        FailsOnConfigMaps() {
            super(PolicyMetadata.of("configmap-size", "ConfigMaps stay small", Severity.INFO),
                    Match.kinds(KindSelector.of("", "ConfigMap")), EnforcementAction.WARN);
        }

        @Override
        public FailurePolicy failurePolicy() {
            return FailurePolicy.IGNORE;
        }

        @Override
        public void evaluate(Resource resource, EvaluationContext context, FindingSink sink) {
            throw new IllegalStateException("size limit parameter is missing");
        }
    }

    private static final Match ALL_PODS = Match.ALL.withKinds(PodSpecView.podKinds());
}
