package dev.palisade.core.policy;

import dev.palisade.core.EvaluationError;
import dev.palisade.core.Exemption;
import dev.palisade.core.Policy;
import java.util.List;

/**
 * What {@link PolicyLoader} produced: compiled policies in load order, exemptions found among the
 * policy documents, and every load error (a policy with an error is left out; callers exit 2).
 */
public record LoadedPolicies(List<Policy> policies, List<Exemption> exemptions, List<EvaluationError> errors) {
    /**
     * Copies the lists.
     *
     * @param policies the compiled policies, in load order
     * @param exemptions exemptions found among the policy documents
     * @param errors every load error
     */
    public LoadedPolicies {
        policies = List.copyOf(policies);
        exemptions = List.copyOf(exemptions);
        errors = List.copyOf(errors);
    }
}
