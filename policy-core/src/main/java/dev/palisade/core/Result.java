package dev.palisade.core;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the policies decided about one resource.
 *
 * @param violations unexempted findings, in policy order
 * @param suppressed findings covered by an exemption
 * @param errors policies that failed on this resource, and match errors
 * @param auditAnnotations annotations policies recorded (ValidatingAdmissionPolicy auditAnnotations)
 */
public record Result(Resource resource, Decision decision, List<Finding> violations, List<Finding> suppressed,
        List<EvaluationError> errors, Map<String, String> auditAnnotations) {

    public Result {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(decision, "decision");
        violations = List.copyOf(violations);
        suppressed = List.copyOf(suppressed);
        errors = List.copyOf(errors);
        auditAnnotations = Map.copyOf(auditAnnotations);
    }

    /** Whether any policy reported a violation, exempted or not. */
    public boolean hasFindings() {
        return !violations.isEmpty() || !suppressed.isEmpty();
    }
}
