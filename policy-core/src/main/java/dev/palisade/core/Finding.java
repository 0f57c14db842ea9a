package dev.palisade.core;

import java.util.Objects;
import java.util.Optional;

/**
 * One violation of a policy by a resource.
 *
 * @param policy the policy's metadata
 * @param resource the offending object
 * @param message what is wrong
 * @param action what the violation does at the evaluated enforcement point
 * @param path JSON pointer of the offending field ({@code ""} for the whole object)
 * @param location position of that field in the source file (its JSON pointer, {@code <object>#/spec/...}, for
 *     host objects: {@link SourceLocation#inMemory})
 * @param container the container the field belongs to, or empty
 * @param suppression the exemption covering the finding, when it is suppressed
 */
public record Finding(PolicyMetadata policy, ResourceId resource, String message, EnforcementAction action,
        String path, SourceLocation location, Optional<String> container, Optional<Suppression> suppression) {

    /**
     * Checks that the components are present.
     *
     * @param policy the policy's metadata
     * @param resource the offending object
     * @param message what is wrong
     * @param action what the violation does at the evaluated enforcement point
     * @param path JSON pointer of the offending field ({@code ""} for the whole object)
     * @param location position of that field in the source file (unknown for host objects)
     * @param container the container the field belongs to, or empty
     * @param suppression the exemption covering the finding, when it is suppressed
     */
    public Finding {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(suppression, "suppression");
    }

    /**
     * {@return the id of the policy that reported the finding}
     */
    public String policyId() {
        return policy.id();
    }

    /**
     * {@return the severity of the policy that reported the finding}
     */
    public Severity severity() {
        return policy.severity();
    }

    /**
     * {@return whether an exemption covers the finding}
     */
    public boolean isSuppressed() {
        return suppression.isPresent();
    }

    /**
     * {@return a stable identity of the finding across runs: SHA-256 (hex) of the policy id, the resource's
     * group, kind, namespace and name, and the field path} The message and the file position are left
     * out, so a finding keeps its fingerprint when its text is reworded or its file is reformatted.
     * SARIF's {@code partialFingerprints}, report histories and notification de-duplication use it.
     */
    public String fingerprint() {
        String key = String.join("\u0000", policy.id(), resource.group(), resource.kind(), resource.namespace(),
                resource.name(), path);
        try {
            java.security.MessageDigest sha256 = java.security.MessageDigest.getInstance("SHA-256");
            return java.util.HexFormat.of().formatHex(sha256.digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    /**
     * {@return the same finding, suppressed by an exemption}
     *
     * @param by the suppression
     */
    public Finding suppressedBy(Suppression by) {
        return new Finding(policy, resource, message, action, path, location, container, Optional.of(by));
    }
}
