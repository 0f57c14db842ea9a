package dev.palisade.sigstore.policy;

import dev.palisade.core.PalisadeException;
import java.util.List;
import java.util.Objects;

/**
 * One kind of attestation an image must carry: a predicate type, the authorities whose signature counts
 * (by name; empty for any authority of the policy), and conditions on the predicate.
 *
 * @param name a name for findings, e.g. {@code vulnerability-scan}
 * @param predicateType the in-toto predicate type (see {@link AttestationTypes})
 * @param authorities names of the policy's authorities that may have signed it; empty for any
 * @param conditions what the attestation must state; all must hold
 * @param quantifier whether one verified attestation of the type satisfying the conditions is enough
 *     ({@link Quantifier#ANY}), or every one must ({@link Quantifier#ALL}); at least one is always needed
 */
public record AttestationRequirement(String name, String predicateType, List<String> authorities,
        List<AttestationCondition> conditions, Quantifier quantifier) {

    /** How many of the verified attestations of a type must satisfy the conditions. */
    public enum Quantifier {
        /** At least one. */
        ANY,
        /** All of them (and there is at least one). */
        ALL
    }

    /**
     * Copies the lists and checks that name and type are given.
     *
     * @param name a name for findings, e.g. {@code vulnerability-scan}
     * @param predicateType the in-toto predicate type (see {@link AttestationTypes})
     * @param authorities names of the policy's authorities that may have signed it; empty for any
     * @param conditions what the attestation must state; all must hold
     * @param quantifier whether one verified attestation of the type satisfying the conditions is enough
     *     ({@link Quantifier#ANY}), or every one must ({@link Quantifier#ALL}); at least one is always needed
     */
    public AttestationRequirement {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(predicateType, "predicateType");
        Objects.requireNonNull(quantifier, "quantifier");
        authorities = List.copyOf(authorities);
        conditions = List.copyOf(conditions);
        if (predicateType.isEmpty()) {
            throw new PalisadeException("attestation requirement '" + name + "' needs a predicate type");
        }
    }

    /**
     * {@return an attestation of this type (a name such as {@code vuln}, or a URI) signed by any authority}
     *
     * @param name a name for messages
     * @param type a predicate-type name or URI
     * @param conditions conditions every matching statement must meet
     */
    public static AttestationRequirement of(String name, String type, AttestationCondition... conditions) {
        return new AttestationRequirement(name, AttestationTypes.predicateType(type), List.of(), List.of(conditions),
                Quantifier.ANY);
    }

    /**
     * {@return this requirement counting only signatures of these authorities}
     *
     * @param names authority names
     */
    public AttestationRequirement signedBy(List<String> names) {
        return new AttestationRequirement(name, predicateType, names, conditions, quantifier);
    }

    /**
     * {@return this requirement with another quantifier}
     *
     * @param value how many statements must meet the conditions
     */
    public AttestationRequirement with(Quantifier value) {
        return new AttestationRequirement(name, predicateType, authorities, conditions, value);
    }
}
