package dev.palisade.sigstore.policy;

import dev.palisade.core.PalisadeException;
import dev.palisade.sigstore.verify.Authority;
import dev.palisade.sigstore.verify.VerificationPolicy;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the attestations of an image must satisfy: who may sign them ({@code signers}: authorities and
 * transparency-log, SCT and annotation requirements, as for signatures) and the requirements, each of which
 * must be met. Immutable; usable as a cache key.
 *
 * @param signers the accepted signers of attestations ({@link VerificationPolicy#required()} is not used:
 *     each requirement names its own authorities)
 * @param requirements the attestations the image must carry
 */
public record AttestationPolicy(VerificationPolicy signers, List<AttestationRequirement> requirements) {

    /**
     * Copies the requirements and checks that every authority they name is one of the signers.
     *
     * @throws PalisadeException when there is no requirement or one names an unknown authority
     *
     * @param signers the accepted signers of attestations ({@link VerificationPolicy#required()} is not used:
     *     each requirement names its own authorities)
     * @param requirements the attestations the image must carry
     */
    public AttestationPolicy {
        Objects.requireNonNull(signers, "signers");
        requirements = List.copyOf(requirements);
        if (requirements.isEmpty()) {
            throw new PalisadeException("an attestation policy needs at least one requirement");
        }
        Set<String> names = new HashSet<>();
        signers.authorities().stream().map(Authority::name).forEach(names::add);
        for (AttestationRequirement requirement : requirements) {
            for (String authority : requirement.authorities()) {
                if (!names.contains(authority)) {
                    throw new PalisadeException("attestation requirement '" + requirement.name() + "' names authority '"
                            + authority + "', which is not one of " + names);
                }
            }
        }
    }
}
