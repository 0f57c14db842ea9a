package dev.palisade.core;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Why a finding is suppressed: the exemption that covers it. */
public record Suppression(String exemption, String reason, String owner, Optional<Instant> expires) {
    /**
     * Checks that every part is present.
     *
     * @param exemption the exemption's name
     * @param reason why the exemption was granted
     * @param owner who owns the exemption
     * @param expires when the exemption stops applying, if it does
     */
    public Suppression {
        Objects.requireNonNull(exemption, "exemption");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(expires, "expires");
    }
}
