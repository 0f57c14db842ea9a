package dev.palisade.notify;

import dev.palisade.core.Report;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One message to post.
 *
 * @param kind what the message is about
 * @param notices the violations it lists
 * @param notListed how many more violations it counts without listing them
 * @param totals the run's totals
 * @param reportUrl where the full report is, if given
 */
public record Message(Kind kind, List<Notice> notices, int notListed, Report.Totals totals,
        Optional<String> reportUrl) {

    /**
     * Copies the lists and checks that every part is present.
     *
     * @param kind what the message is about
     * @param notices the violations it lists
     * @param notListed how many more violations it counts without listing them
     * @param totals the run's totals
     * @param reportUrl where the full report is, if given
     */
    public Message {
        Objects.requireNonNull(kind, "kind");
        notices = List.copyOf(notices);
        Objects.requireNonNull(totals, "totals");
        Objects.requireNonNull(reportUrl, "reportUrl");
    }

    /** What a message is about. */
    public enum Kind {
        /** One new violation. */
        VIOLATION,
        /** The run's summary with its new violations. */
        RUN,
        /** New violations beyond the rate limit, counted; they are notified in a later run. */
        OVERFLOW
    }
}
