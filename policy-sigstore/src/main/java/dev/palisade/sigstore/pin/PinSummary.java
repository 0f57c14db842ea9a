package dev.palisade.sigstore.pin;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link DigestPinner#run}: one result per file, the lockfile after the run, and
 * whether it differs from the one read.
 *
 * @param files per-file results in input order
 * @param lockfile the lockfile after the run
 * @param lockfileChanged whether entries were added or refreshed
 */
public record PinSummary(List<PinResult> files, Lockfile lockfile, boolean lockfileChanged) {

    /**
     * Checks that every component is present and copies the collections.
     *
     * @param files per-file results in input order
     * @param lockfile the lockfile after the run
     * @param lockfileChanged whether entries were added or refreshed
     */
    public PinSummary {
        files = List.copyOf(files);
        Objects.requireNonNull(lockfile, "lockfile");
    }

    /** {@return whether any image anywhere could not be pinned} */
    public boolean hasIssues() {
        return files.stream().anyMatch(PinResult::hasIssues);
    }

    /** {@return the unified diff of every changed file} */
    public String diff() {
        StringBuilder out = new StringBuilder();
        files.forEach(f -> out.append(f.diff()));
        return out.toString();
    }
}
