package dev.palisade.webhook;

import dev.palisade.core.EnforcementPoint;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.PolicySet;
import dev.palisade.core.admission.AdmissionResponse;
import dev.palisade.core.admission.AdmissionResponses;
import dev.palisade.core.admission.AdmissionReviewRequest;
import java.util.Objects;

/**
 * The validating handler: evaluates the reviewed object with the compiled policies at the admission
 * enforcement point and maps the result with {@link AdmissionResponses}. Policies that fail to
 * evaluate are handled by the library per their own failure policy (fail closed unless a policy
 * says {@code Ignore}).
 */
public final class PolicyValidator implements AdmissionHandler {
    private final PolicySet policies;
    private final EvaluationContext context;

    /** A validator of the policies; the context's enforcement point is set to admission. */
    public PolicyValidator(PolicySet policies, EvaluationContext context) {
        this.policies = Objects.requireNonNull(policies, "policies");
        this.context = context.toBuilder().enforcementPoint(EnforcementPoint.ADMISSION).build();
    }

    @Override
    public AdmissionResponse handle(AdmissionReviewRequest review) {
        return AdmissionResponses.forResult(review, policies.evaluate(review.resource(), context)).build();
    }
}
