package dev.palisade.core.admission;

import dev.palisade.core.ContainerView;
import dev.palisade.core.Enforcement;
import dev.palisade.core.EnforcementAction;
import dev.palisade.core.EnforcementPoint;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.FindingSink;
import dev.palisade.core.InventoryNeeds;
import dev.palisade.core.Match;
import dev.palisade.core.Operations;
import dev.palisade.core.PodSpecView;
import dev.palisade.core.Policy;
import dev.palisade.core.PolicyMetadata;
import dev.palisade.core.PolicySet;
import dev.palisade.core.Resource;
import dev.palisade.core.Severity;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/** Small policies for admission tests: deny privileged, warn on latest, dryrun team label, protect deletes. */
final class AdmissionTestPolicies {
    private AdmissionTestPolicies() {
    }

    static PolicySet set() {
        Match pods = Match.ALL.withKinds(PodSpecView.podKinds());
        return PolicySet.of(List.of(
                policy("no-privileged", Severity.HIGH, pods, EnforcementAction.DENY, (resource, sink) -> {
                    for (ContainerView c : containers(resource)) {
                        if (c.securityContext().path("privileged").asBoolean(false)) {
                            sink.report("container " + c.name() + " is privileged", c.pathOf("securityContext/privileged"));
                        }
                    }
                }),
                policy("no-latest-tag", Severity.MEDIUM, pods, EnforcementAction.WARN, (resource, sink) -> {
                    for (ContainerView c : containers(resource)) {
                        if (c.image().endsWith(":latest")) {
                            sink.report("image " + c.image() + " uses the latest tag", c.pathOf("image"));
                        }
                    }
                }),
                policy("team-label", Severity.LOW, Match.ALL, EnforcementAction.DRYRUN, (resource, sink) -> {
                    if (!resource.labels().containsKey("team")) {
                        sink.report("label team is missing", "/metadata/labels/team");
                    }
                }),
                policy("protect-delete", Severity.HIGH, Match.ALL, EnforcementAction.DENY, Set.of(Operations.DELETE),
                        (resource, sink) -> {
                    boolean deleting = resource.request().map(r -> r.operation().equals("DELETE")).orElse(false);
                    if (deleting && "true".equals(resource.labels().get("protected"))) {
                        sink.report(resource.id().display() + " is protected and cannot be deleted by "
                                + resource.request().get().username(), "/metadata/labels/protected");
                    }
                })));
    }

    static EvaluationContext context() {
        return EvaluationContext.builder().enforcementPoint(EnforcementPoint.ADMISSION).build();
    }

    private static List<ContainerView> containers(Resource resource) {
        return PodSpecView.of(resource).map(PodSpecView::containers).orElse(List.of());
    }

    private static Policy policy(String id, Severity severity, Match match, EnforcementAction action,
            BiConsumer<Resource, FindingSink> check) {
        return policy(id, severity, match, action, Operations.CREATE_UPDATE, check);
    }

    private static Policy policy(String id, Severity severity, Match match, EnforcementAction action,
            Set<String> operations, BiConsumer<Resource, FindingSink> check) {
        PolicyMetadata metadata = PolicyMetadata.of(id, id, severity);
        Enforcement enforcement = Enforcement.of(action);
        return new Policy() {
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

            @Override
            public Set<String> operations() {
                return operations;
            }

            @Override
            public InventoryNeeds inventoryNeeds() {
                return InventoryNeeds.NONE;
            }

            @Override
            public void evaluate(Resource resource, EvaluationContext context, FindingSink sink) {
                check.accept(resource, sink);
            }
        };
    }
}
