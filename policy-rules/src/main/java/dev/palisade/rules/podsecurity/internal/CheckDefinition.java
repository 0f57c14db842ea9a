package dev.palisade.rules.podsecurity.internal;

import dev.palisade.rules.podsecurity.Level;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One check as data: its id, its level, and its implementations, each applying from its minimum
 * version until the next one starts.
 *
 * @param id the upstream check id ({@code capabilities_restricted})
 * @param level baseline or restricted
 * @param implementations ordered by minimum version
 */
record CheckDefinition(String id, Level level, List<Implementation> implementations) {

    /**
     * One version of a check.
     *
     * @param minimumMinor the first policy version (v1.minimumMinor) it applies to
     * @param check the logic
     * @param overrides baseline check ids this restricted check replaces while it applies
     */
    record Implementation(int minimumMinor, PodCheck check, List<String> overrides) {
        Implementation {
            overrides = List.copyOf(overrides);
        }
    }

    CheckDefinition {
        implementations = implementations.stream().sorted(Comparator.comparingInt(Implementation::minimumMinor))
                .toList();
    }

    /** The implementation in force at v1.minor, if the check exists yet. */
    Optional<Implementation> at(int minor) {
        Implementation found = null;
        for (Implementation implementation : implementations) {
            if (implementation.minimumMinor() <= minor) {
                found = implementation;
            }
        }
        return Optional.ofNullable(found);
    }
}
