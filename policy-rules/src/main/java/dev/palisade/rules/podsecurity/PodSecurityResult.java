package dev.palisade.rules.podsecurity;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of evaluating one pod (or pod template) at one level and version, with the texts Pod
 * Security Admission builds from it.
 *
 * @param policy the level and version as written
 * @param failures the failed checks in check order (empty when allowed)
 */
public record PodSecurityResult(LevelVersion policy, List<CheckFailure> failures) {

    /**
     * Checks that the components are present, copies the collections.
     *
     * @param policy the level and version as written
     * @param failures the failed checks in check order (empty when allowed)
     */
    public PodSecurityResult {
        Objects.requireNonNull(policy, "policy");
        failures = List.copyOf(failures);
    }

    /**
     * {@return whether the pod passed every check of the level}
     */
    public boolean allowed() {
        return failures.isEmpty();
    }

    /**
     * Upstream {@code ForbiddenReason()}: the reasons joined with {@code ", "}.
     *
     * @return the reasons, as Pod Security Admission words them
     */
    public String forbiddenReason() {
        List<String> reasons = new ArrayList<>(failures.size());
        for (CheckFailure failure : failures) {
            reasons.add(failure.reason().isEmpty() ? "unknown forbidden reason" : failure.reason());
        }
        return String.join(", ", reasons);
    }

    /**
     * Upstream {@code ForbiddenDetail()}: each {@code reason (detail)} joined with {@code ", "}.
     *
     * @return the reasons with their details, as Pod Security Admission words them
     */
    public String forbiddenDetail() {
        List<String> texts = new ArrayList<>(failures.size());
        for (CheckFailure failure : failures) {
            texts.add(failure.text());
        }
        return String.join(", ", texts);
    }

    /**
     * The enforce denial as the API server reports it:
     * {@code pods "web" is forbidden: violates PodSecurity "restricted:latest": ...}.
     *
     * @param podName the name the message gives the pod
     * @return the message
     */
    public String denialMessage(String podName) {
        return "pods \"" + podName + "\" is forbidden: violates PodSecurity \"" + policy + "\": " + forbiddenDetail();
    }

    /** {@return the warn/audit text: {@code would violate PodSecurity "restricted:latest": ...}} */
    public String warning() {
        return "would violate PodSecurity \"" + policy + "\": " + forbiddenDetail();
    }
}
