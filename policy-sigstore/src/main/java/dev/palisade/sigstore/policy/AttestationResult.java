package dev.palisade.sigstore.policy;

import dev.palisade.sigstore.verify.VerifiedStatement;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of checking an image's attestations against an {@link AttestationPolicy}.
 *
 * @param satisfied whether every requirement is met
 * @param digest the image digest that was checked, or empty when it could not be resolved
 * @param requirements one result per requirement, in policy order (empty when nothing could be fetched)
 * @param reasons why the policy is not satisfied, one line each (empty when it is)
 */
public record AttestationResult(boolean satisfied, String digest, List<Requirement> requirements, List<String> reasons) {

    /**
     * Copies the lists.
     *
     * @param satisfied whether every requirement is met
     * @param digest the image digest that was checked, or empty when it could not be resolved
     * @param requirements one result per requirement, in policy order (empty when nothing could be fetched)
     * @param reasons why the policy is not satisfied, one line each (empty when it is)
     */
    public AttestationResult {
        Objects.requireNonNull(digest, "digest");
        requirements = List.copyOf(requirements);
        reasons = List.copyOf(reasons);
    }

    /**
     * {@return a result that failed before any requirement could be judged (an unresolvable image, a registry error)}
     *
     * @param digest the image digest, or {@code ""} when it could not be resolved
     * @param reason why the verification failed
     */
    public static AttestationResult failed(String digest, String reason) {
        return new AttestationResult(false, digest, List.of(), List.of(reason));
    }

    /**
     * The result of one requirement.
     *
     * @param name the requirement's name
     * @param satisfied whether it is met
     * @param passed the verified statements of its type that satisfied every condition
     * @param failures why it is not met: the failing condition's message for each statement, or that no
     *     verified statement of the type exists
     */
    public record Requirement(String name, boolean satisfied, List<VerifiedStatement> passed, List<String> failures) {

        /**
         * Copies the lists.
         *
         * @param name the requirement's name
         * @param satisfied whether it is met
         * @param passed the verified statements of its type that satisfied every condition
         * @param failures why it is not met: the failing condition's message for each statement, or that no
         *     verified statement of the type exists
         */
        public Requirement {
            Objects.requireNonNull(name, "name");
            passed = List.copyOf(passed);
            failures = List.copyOf(failures);
        }
    }
}
