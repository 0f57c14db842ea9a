package dev.palisade.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BasePolicyTest {

    /** A policy that never reports anything; only its description matters here. */
    private static final class Silent extends BasePolicy {
        Silent(PolicyMetadata metadata, Match match, Enforcement enforcement, FailurePolicy failurePolicy) {
            super(metadata, match, enforcement, failurePolicy);
        }

        @Override
        public void evaluate(Resource resource, EvaluationContext context, FindingSink sink) {
        }
    }

    @Test
    void returnsTheDescriptionItWasGiven() {
        PolicyMetadata metadata = PolicyMetadata.of("silent", "Silent", Severity.LOW);
        Match match = Match.ALL.withNamespaces(java.util.List.of("team-*"));
        Enforcement enforcement = Enforcement.of(EnforcementAction.WARN);
        Policy policy = new Silent(metadata, match, enforcement, FailurePolicy.IGNORE);
        assertSame(metadata, policy.metadata());
        assertSame(match, policy.match());
        assertSame(enforcement, policy.enforcement());
        assertEquals(FailurePolicy.IGNORE, policy.failurePolicy());
    }

    @Test
    void everyPartIsRequired() {
        PolicyMetadata metadata = PolicyMetadata.of("silent", "Silent", Severity.LOW);
        Enforcement deny = Enforcement.of(EnforcementAction.DENY);
        assertThrows(NullPointerException.class, () -> new Silent(null, Match.ALL, deny, FailurePolicy.FAIL));
        assertThrows(NullPointerException.class, () -> new Silent(metadata, null, deny, FailurePolicy.FAIL));
        assertThrows(NullPointerException.class, () -> new Silent(metadata, Match.ALL, null, FailurePolicy.FAIL));
        assertThrows(NullPointerException.class, () -> new Silent(metadata, Match.ALL, deny, null));
    }
}
