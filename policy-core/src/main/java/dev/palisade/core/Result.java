package dev.palisade.core;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the policies decided about one resource. A result does not hold the resource's JSON tree,
 * so that an audit of many resources keeps only identities and findings in memory.
 *
 * @param id the resource's identity
 * @param source where the resource starts in its file ({@code <object>} for host objects, {@link SourceLocation#inMemory})
 * @param request the admission request the resource arrived with, if any
 * @param decision the strongest action among the unexempted violations; {@link Decision#ERROR} when
 *     the policy set itself is incomplete (it was built with load errors)
 * @param evaluated ids of the policies that matched the resource and were evaluated, in set order
 * @param violations unexempted findings, in policy order
 * @param suppressed findings covered by an exemption
 * @param errors policies that failed on this resource, match errors, and the set's load errors
 * @param auditAnnotations annotations policies recorded (ValidatingAdmissionPolicy auditAnnotations)
 */
public record Result(ResourceId id, SourceLocation source, Optional<AdmissionRequest> request, Decision decision,
        List<String> evaluated, List<Finding> violations, List<Finding> suppressed, List<EvaluationError> errors,
        Map<String, String> auditAnnotations) {

    /**
     * Checks that the components are present, copies the collections.
     *
     * @param id the resource's identity
     * @param source where the resource starts in its file ({@link SourceLocation#UNKNOWN} for host objects)
     * @param request the admission request the resource arrived with, if any
     * @param decision the strongest action among the unexempted violations; {@link Decision#ERROR} when
     *     the policy set itself is incomplete (it was built with load errors)
     * @param evaluated ids of the policies that matched the resource and were evaluated, in set order
     * @param violations unexempted findings, in policy order
     * @param suppressed findings covered by an exemption
     * @param errors policies that failed on this resource, match errors, and the set's load errors
     * @param auditAnnotations annotations policies recorded (ValidatingAdmissionPolicy auditAnnotations)
     */
    public Result {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(decision, "decision");
        evaluated = List.copyOf(evaluated);
        violations = List.copyOf(violations);
        suppressed = List.copyOf(suppressed);
        errors = List.copyOf(errors);
        auditAnnotations = Map.copyOf(auditAnnotations);
    }

    /**
     * {@return a result for a resource that no policy matched}
     *
     * @param resource the resource
     */
    public static Result allowed(Resource resource) {
        return new Result(resource.id(), resource.source(), resource.request(), Decision.ALLOW, List.of(), List.of(),
                List.of(), List.of(), Map.of());
    }

    /** {@return whether any policy reported a violation, exempted or not} */
    public boolean hasFindings() {
        return !violations.isEmpty() || !suppressed.isEmpty();
    }

    /**
     * {@return whether the resource may go ahead: its decision is {@link Decision#ALLOW} or {@link Decision#WARN}}
     */
    public boolean allowed() {
        return decision.allows();
    }
}
