package dev.palisade.core.report;

import dev.palisade.core.EvaluationContext;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.Policy;
import dev.palisade.core.PolicyMetadata;
import dev.palisade.core.PolicySet;
import dev.palisade.core.Resource;
import java.util.HashMap;
import java.util.Map;

/**
 * Which evaluated policies applied to a resource, for reports that list passing checks too (JUnit
 * XML has a test case per resource and applicable policy). A {@link dev.palisade.core.Report} keeps
 * only policy metadata, so the host that holds the {@link PolicySet} supplies this.
 */
@FunctionalInterface
public interface PolicyApplicability {

    /** Knows nothing: only policies that reported a finding or an error on a resource are listed. */
    PolicyApplicability FINDINGS_ONLY = (policy, resource) -> false;

    /** Whether the policy applied to (was evaluated on) the resource. */
    boolean applies(PolicyMetadata policy, Resource resource);

    /**
     * Applicability as the engine decides it: the policy acts at the context's enforcement point and
     * its match selects the resource. A match that cannot be decided (an unknown namespace for a
     * namespace selector) counts as applying, since the engine reports it as an error of that policy.
     */
    static PolicyApplicability of(PolicySet set, EvaluationContext context) {
        Map<String, Policy> byId = new HashMap<>();
        for (Policy policy : set.policies()) {
            byId.put(policy.metadata().id(), policy);
        }
        return (metadata, resource) -> {
            Policy policy = byId.get(metadata.id());
            if (policy == null || policy.enforcement().at(context.enforcementPoint()).isEmpty()) {
                return false;
            }
            try {
                return policy.match().matches(resource, context.namespaceLabels());
            } catch (PalisadeException e) {
                return true;
            }
        };
    }
}
