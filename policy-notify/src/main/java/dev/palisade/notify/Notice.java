package dev.palisade.notify;

import dev.palisade.core.Finding;
import java.util.Objects;
import java.util.Optional;

/**
 * One violation as a notification shows it.
 *
 * @param finding the violation
 * @param team the team that owns the resource (its owner label), if known
 * @param mention how the chat addresses that team ({@code <!subteam^ID>}, {@code <@U123>}, {@code @handle}), if known
 * @param exemptCommand the {@code palisade exempt ...} command that writes an exemption for it
 */
public record Notice(Finding finding, Optional<String> team, Optional<String> mention, String exemptCommand) {

    /**
     * Checks that every part is present.
     *
     * @param finding the violation
     * @param team the team that owns the resource (its owner label), if known
     * @param mention how the chat addresses that team ({@code <!subteam^ID>}, {@code <@U123>}, {@code @handle}), if known
     * @param exemptCommand the {@code palisade exempt ...} command that writes an exemption for it
     */
    public Notice {
        Objects.requireNonNull(finding, "finding");
        Objects.requireNonNull(team, "team");
        Objects.requireNonNull(mention, "mention");
        Objects.requireNonNull(exemptCommand, "exemptCommand");
    }
}
