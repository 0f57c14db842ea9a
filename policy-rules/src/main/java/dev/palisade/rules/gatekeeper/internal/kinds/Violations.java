package dev.palisade.rules.gatekeeper.internal.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.FindingSink;
import java.util.HashSet;
import java.util.Set;

/**
 * The violations of one evaluation. Rego collects violations in a set, so a message produced twice
 * (by two rules or two paths) is reported once; a message built from an undefined value is not
 * reported at all, as a Rego rule whose {@code sprintf} argument is undefined does not fire.
 */
final class Violations {
    private final FindingSink sink;
    private Set<String> seen;

    Violations(FindingSink sink) {
        this.sink = sink;
    }

    /** Reports the message at the pointer unless it was already reported. */
    void report(String message, String pointer) {
        if (seen == null) {
            seen = new HashSet<>();
        }
        if (seen.add(message)) {
            sink.report(message, pointer);
        }
    }

    /**
     * Reports {@code sprintf(format, args)}, where each {@code %v} takes the next argument: a
     * {@link JsonNode} (printed as Rego prints it; a missing node suppresses the violation) or any
     * other object (printed with {@code toString}).
     */
    void sprintf(String pointer, String format, Object... args) {
        String message = RegoFormat.sprintf(format, args);
        if (message != null) {
            report(message, pointer);
        }
    }
}
