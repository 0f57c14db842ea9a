package dev.palisade.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A documented, owned, possibly time-limited waiver: findings of the listed policies on the matched
 * resources (and, if given, only in the listed containers) are suppressed rather than enforced.
 * The engine applies exemptions; policies never see them.
 *
 * @param name the exemption's name, shown next to each finding it suppresses
 * @param policies policy ids or globs ({@code pod-security/*})
 * @param match which resources
 * @param containers container names or globs; empty means the whole resource
 * @param reason why the waiver exists (required)
 * @param owner who answers for it
 * @param expires when it stops applying
 * @param source where it was declared
 * @param expiresAsWritten the expiry as the document wrote it ({@code 2026-12-31} means through the
 *     end of that day, UTC), {@code ""} when it has none
 */
public record Exemption(String name, List<String> policies, Match match, List<String> containers, String reason,
        String owner, Optional<Instant> expires, SourceLocation source, String expiresAsWritten) {

    /**
     * An exemption whose expiry is shown as the instant it ends.
     *
     * @param name the exemption's name, shown next to each finding it suppresses
     * @param policies policy ids or globs
     * @param match which resources
     * @param containers container names or globs; empty means the whole resource
     * @param reason why the waiver exists
     * @param owner who answers for it
     * @param expires when it stops applying
     * @param source where it was declared
     */
    public Exemption(String name, List<String> policies, Match match, List<String> containers, String reason,
            String owner, Optional<Instant> expires, SourceLocation source) {
        this(name, policies, match, containers, reason, owner, expires, source,
                expires.map(Instant::toString).orElse(""));
    }

    /**
     * Checks that the components are present, copies the collections, validates the values.
     *
     * @param name the exemption's name, shown next to each finding it suppresses
     * @param policies policy ids or globs ({@code pod-security/*})
     * @param match which resources
     * @param containers container names or globs; empty means the whole resource
     * @param reason why the waiver exists (required)
     * @param owner who answers for it
     * @param expires when it stops applying
     * @param source where it was declared
     * @param expiresAsWritten the expiry as the document wrote it ({@code 2026-12-31} means through the
     *     end of that day, UTC), {@code ""} when it has none
     */
    public Exemption {
        Objects.requireNonNull(name, "name");
        policies = List.copyOf(policies);
        Objects.requireNonNull(match, "match");
        containers = List.copyOf(containers);
        Objects.requireNonNull(reason, "reason");
        if (reason.isBlank()) {
            throw new PalisadeException("exemption '" + name + "' needs a reason", source);
        }
        if (policies.isEmpty()) {
            throw new PalisadeException("exemption '" + name + "' needs at least one policy id or glob", source);
        }
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(expires, "expires");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(expiresAsWritten, "expiresAsWritten");
    }

    /**
     * {@return whether the exemption waives everything forever: every policy ({@code *}), every resource, no
     * container restriction and no expiry} Such a waiver switches the policy set off; hosts should
     * warn about it or refuse it.
     */
    public boolean isUnbounded() {
        return expires.isEmpty() && containers.isEmpty() && policies.contains("*") && match.equals(Match.ALL);
    }

    /**
     * {@return whether the exemption has expired at the instant}
     *
     * @param now the instant
     */
    public boolean isExpired(Instant now) {
        return expires.isPresent() && !now.isBefore(expires.get());
    }

    /**
     * {@return whether the exemption names the policy}
     *
     * @param policyId a policy id
     */
    public boolean coversPolicy(String policyId) {
        return Glob.matchesAny(policies, policyId);
    }

    /**
     * {@return whether the exemption covers a finding in the container (empty: not in a container)}
     *
     * @param container the finding's container, if it is in one
     */
    public boolean coversContainer(Optional<String> container) {
        if (containers.isEmpty()) {
            return true;
        }
        return container.isPresent() && Glob.matchesAny(containers, container.get());
    }

    /** {@return the suppression this exemption gives a finding} */
    public Suppression suppression() {
        return new Suppression(name, reason, owner, expires);
    }
}
