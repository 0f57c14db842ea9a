package dev.palisade.rules.podsecurity;

/**
 * A failed check: the upstream forbidden reason and detail, and the JSON pointer of the first
 * offending field.
 *
 * @param checkId the check's id ({@code runAsNonRoot})
 * @param reason the forbidden reason ({@code runAsNonRoot != true})
 * @param detail the forbidden detail ({@code ""} when none)
 * @param path JSON pointer of the first offending field
 */
public record CheckFailure(String checkId, String reason, String detail, String path) {

    /** {@return {@code reason (detail)}, or the reason alone when there is no detail, as PSA prints it} */
    public String text() {
        String shownReason = reason.isEmpty() ? "unknown forbidden reason" : reason;
        return detail.isEmpty() ? shownReason : shownReason + " (" + detail + ")";
    }
}
