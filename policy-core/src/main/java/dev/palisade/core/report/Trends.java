package dev.palisade.core.report;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a run is compared with: earlier runs, oldest first, and the finding fingerprints of the
 * latest of them (for "new since the last run"). {@link History#trends()} reads them.
 *
 * @param runs earlier runs, oldest first
 * @param previousFingerprints fingerprints of the last of them (empty when there is none)
 */
public record Trends(List<HistoryRun> runs, Set<String> previousFingerprints) {

    /** No earlier runs. */
    public static final Trends NONE = new Trends(List.of(), Set.of());

    /**
     * Copies the runs and fingerprints.
     *
     * @param runs earlier runs, oldest first
     * @param previousFingerprints fingerprints of the last of them (empty when there is none)
     */
    public Trends {
        runs = List.copyOf(runs);
        previousFingerprints = Set.copyOf(previousFingerprints);
    }

    /** {@return the latest earlier run} */
    public Optional<HistoryRun> previous() {
        return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(runs.size() - 1));
    }
}
