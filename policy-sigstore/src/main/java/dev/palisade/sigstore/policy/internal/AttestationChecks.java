package dev.palisade.sigstore.policy.internal;

import dev.palisade.lang.Bindings;
import dev.palisade.sigstore.policy.AttestationCondition;
import dev.palisade.sigstore.policy.AttestationPolicy;
import dev.palisade.sigstore.policy.AttestationRequirement;
import dev.palisade.sigstore.policy.AttestationResult;
import dev.palisade.sigstore.verify.AttestationVerification;
import dev.palisade.sigstore.verify.SignatureRejection;
import dev.palisade.sigstore.verify.VerifiedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Judges verified attestations against the requirements of a policy: for each requirement, the
 * verified statements of its type signed by one of its authorities, each checked against every condition.
 */
public final class AttestationChecks {
    private static final int MAX_LINES = 8;

    private AttestationChecks() {
    }

    /** The result of the policy for these verified attestations of the image with this digest. */
    public static AttestationResult judge(AttestationPolicy policy, AttestationVerification verification, String digest,
            Instant now) {
        List<AttestationResult.Requirement> results = new ArrayList<>();
        Set<String> reasons = new LinkedHashSet<>();
        for (AttestationRequirement requirement : policy.requirements()) {
            AttestationResult.Requirement result = judge(requirement, verification, now);
            results.add(result);
            if (!result.satisfied()) {
                for (String failure : result.failures()) {
                    if (reasons.size() >= MAX_LINES) {
                        break;
                    }
                    reasons.add("attestation '" + requirement.name() + "' (" + requirement.predicateType() + "): " + failure);
                }
            }
        }
        boolean satisfied = results.stream().allMatch(AttestationResult.Requirement::satisfied);
        return new AttestationResult(satisfied, digest, results, satisfied ? List.of() : List.copyOf(reasons));
    }

    private static AttestationResult.Requirement judge(AttestationRequirement requirement,
            AttestationVerification verification, Instant now) {
        List<VerifiedStatement> candidates = new ArrayList<>();
        for (VerifiedStatement statement : verification.ofType(requirement.predicateType())) {
            if (requirement.authorities().isEmpty()
                    || statement.authorities().stream().anyMatch(requirement.authorities()::contains)) {
                candidates.add(statement);
            }
        }
        if (candidates.isEmpty()) {
            List<String> failures = new ArrayList<>();
            failures.add("no verified attestation of this type" + (requirement.authorities().isEmpty() ? ""
                    : " signed by " + requirement.authorities()));
            for (SignatureRejection rejection : verification.rejections()) {
                if (failures.size() >= MAX_LINES) {
                    break;
                }
                failures.add(rejection.describe());
            }
            return new AttestationResult.Requirement(requirement.name(), false, List.of(), failures);
        }
        List<VerifiedStatement> passed = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (VerifiedStatement statement : candidates) {
            Optional<String> failure = check(requirement, statement, now);
            if (failure.isEmpty()) {
                passed.add(statement);
            } else {
                failures.add(statement.source() + ": " + failure.get());
            }
        }
        boolean satisfied = requirement.quantifier() == AttestationRequirement.Quantifier.ANY ? !passed.isEmpty()
                : failures.isEmpty();
        return new AttestationResult.Requirement(requirement.name(), satisfied, passed, satisfied ? List.of() : failures);
    }

    /** The first failing condition's message for one statement, or empty when all hold. */
    static Optional<String> check(AttestationRequirement requirement, VerifiedStatement statement, Instant now) {
        Map<String, Object> values = new HashMap<>();
        values.put("predicate", statement.predicate());
        values.put("statement", statement.statement());
        values.put("predicateType", statement.predicateType());
        values.put("authorities", statement.authorities());
        values.put("now", now);
        Bindings bindings = Bindings.of(values);
        for (AttestationCondition condition : requirement.conditions()) {
            Optional<String> failure = condition.failure(bindings);
            if (failure.isPresent()) {
                return failure;
            }
        }
        return Optional.empty();
    }
}
