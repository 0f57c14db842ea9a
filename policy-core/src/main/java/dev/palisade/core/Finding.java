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
 * @param location position of that field in the source file (unknown for host objects)
 * @param container the container the field belongs to, or empty
 * @param suppression the exemption covering the finding, when it is suppressed
 */
public record Finding(PolicyMetadata policy, ResourceId resource, String message, EnforcementAction action,
        String path, SourceLocation location, Optional<String> container, Optional<Suppression> suppression) {

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

    public String policyId() {
        return policy.id();
    }

    public Severity severity() {
        return policy.severity();
    }

    public boolean isSuppressed() {
        return suppression.isPresent();
    }

    /** The same finding, suppressed by an exemption. */
    public Finding suppressedBy(Suppression by) {
        return new Finding(policy, resource, message, action, path, location, container, Optional.of(by));
    }
}
