package dev.palisade.rules.gatekeeper.internal.kinds;

import com.fasterxml.jackson.databind.JsonNode;

/** The {@code ranges} parameter ({@code min_replicas}/{@code max_replicas}, inclusive) of the replica kinds. */
final class ReplicaRanges {

    private ReplicaRanges() {
    }

    /** Whether {@code ranges} is non-empty and one range holds {@code [minimum, maximum]}. */
    static boolean within(JsonNode ranges, JsonNode minimum, JsonNode maximum) {
        if (ranges.size() == 0) {
            return false;
        }
        for (JsonNode range : RegoValues.elements(ranges)) {
            if (RegoValues.greaterOrEqual(minimum, range.path("min_replicas"))
                    && RegoValues.greaterOrEqual(range.path("max_replicas"), maximum)) {
                return true;
            }
        }
        return false;
    }
}
