package dev.palisade.sigstore.verify;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a signature must satisfy to be accepted.
 *
 * @param authorities the accepted signers; each matches when at least one signature verifies for it
 * @param required how many distinct authorities must match (at least 1)
 * @param tlogRequired whether a transparency-log entry (verified SET or inclusion proof) is required;
 *     {@code true} by default, as in cosign. Keyless signatures always need a trusted time, so without a
 *     log entry they need an RFC 3161 timestamp.
 * @param sctRequired whether keyless certificates must carry an embedded SCT from a trusted CT log
 *     ({@code true} by default)
 * @param dockerReference how the payload's docker-reference is compared with the image reference
 * @param annotations annotations the signature must carry ({@code cosign sign -a key=value}): entries of the
 *     simple-signing payload's {@code optional} object, or of the matching in-toto subject's
 *     {@code annotations}; empty to require none
 */
public record VerificationPolicy(List<Authority> authorities, int required, boolean tlogRequired,
        boolean sctRequired, DockerReferenceMode dockerReference, Map<String, String> annotations) {

    /**
     * Copies the collections and checks the policy.
     *
     * @throws SignatureVerificationException when there is no authority, {@code required} is out of range or
     *     two authorities share a name
     *
     * @param authorities the accepted signers; each matches when at least one signature verifies for it
     * @param required how many distinct authorities must match (at least 1)
     * @param tlogRequired whether a transparency-log entry (verified SET or inclusion proof) is required;
     *     {@code true} by default, as in cosign. Keyless signatures always need a trusted time, so without a
     *     log entry they need an RFC 3161 timestamp.
     * @param sctRequired whether keyless certificates must carry an embedded SCT from a trusted CT log
     *     ({@code true} by default)
     * @param dockerReference how the payload's docker-reference is compared with the image reference
     * @param annotations annotations the signature must carry ({@code cosign sign -a key=value}): entries of the
     *     simple-signing payload's {@code optional} object, or of the matching in-toto subject's
     *     {@code annotations}; empty to require none
     */
    public VerificationPolicy {
        authorities = List.copyOf(authorities);
        annotations = Map.copyOf(annotations);
        Objects.requireNonNull(dockerReference, "dockerReference");
        if (authorities.isEmpty()) {
            throw new SignatureVerificationException("a verification policy needs at least one authority (a key or a keyless identity)");
        }
        if (required < 1 || required > authorities.size()) {
            throw new SignatureVerificationException("required authorities must be between 1 and "
                    + authorities.size() + ", got " + required);
        }
        long distinct = authorities.stream().map(Authority::name).distinct().count();
        if (distinct != authorities.size()) {
            throw new SignatureVerificationException("authority names must be unique: " + authorities.stream().map(Authority::name).toList());
        }
    }

    /**
     * {@return any one of the authorities, transparency log and SCT required, docker-reference not compared}
     *
     * @param authorities the authorities
     */
    public static VerificationPolicy anyOf(List<Authority> authorities) {
        return new VerificationPolicy(authorities, 1, true, true, DockerReferenceMode.NONE, Map.of());
    }

    /**
     * {@return the policy a core {@link dev.palisade.core.ImageVerificationPolicy} describes (its authorities read with
     * {@link Authority#of}), with the defaults of {@link #anyOf(List)}}
     *
     * @param policy the core policy
     * @throws SignatureVerificationException when an authority's key or pattern is invalid
     */
    public static VerificationPolicy of(dev.palisade.core.ImageVerificationPolicy policy) {
        List<Authority> authorities = new java.util.ArrayList<>();
        for (dev.palisade.core.ImageAuthority authority : policy.authorities()) {
            authorities.add(Authority.of(authority));
        }
        return anyOf(authorities).withRequired(policy.required());
    }

    /**
     * {@return any one of the authorities, with the defaults of {@link #anyOf(List)}}
     *
     * @param authorities the authorities
     */
    public static VerificationPolicy anyOf(Authority... authorities) {
        return anyOf(List.of(authorities));
    }

    /**
     * {@return this policy requiring {@code count} authorities}
     *
     * @param count the number of authorities required
     */
    public VerificationPolicy withRequired(int count) {
        return new VerificationPolicy(authorities, count, tlogRequired, sctRequired, dockerReference, annotations);
    }

    /**
     * {@return this policy with transparency-log entries required or not}
     *
     * @param value whether entries are required
     */
    public VerificationPolicy withTlogRequired(boolean value) {
        return new VerificationPolicy(authorities, required, value, sctRequired, dockerReference, annotations);
    }

    /**
     * {@return this policy with embedded SCTs required or not}
     *
     * @param value whether SCTs are required
     */
    public VerificationPolicy withSctRequired(boolean value) {
        return new VerificationPolicy(authorities, required, tlogRequired, value, dockerReference, annotations);
    }

    /**
     * {@return this policy requiring these signature annotations}
     *
     * @param required annotation keys and values the signatures must carry
     */
    public VerificationPolicy withAnnotations(Map<String, String> required) {
        return new VerificationPolicy(authorities, this.required, tlogRequired, sctRequired, dockerReference, required);
    }

    /**
     * {@return this policy with another docker-reference mode}
     *
     * @param mode how the signed docker-reference is compared with the image
     */
    public VerificationPolicy withDockerReference(DockerReferenceMode mode) {
        return new VerificationPolicy(authorities, required, tlogRequired, sctRequired, mode, annotations);
    }
}
