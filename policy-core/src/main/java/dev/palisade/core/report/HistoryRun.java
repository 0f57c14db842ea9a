package dev.palisade.core.report;

import dev.palisade.core.Decision;
import dev.palisade.core.Finding;
import dev.palisade.core.Report;
import dev.palisade.core.Result;
import dev.palisade.core.Severity;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The summary of one run as a {@link History} keeps it (format {@value History#FORMAT_VERSION},
 * documented in {@code docs/output-formats.md}). The run's finding fingerprints are stored with it but
 * not held here (a run may have 100,000 of them): {@link History#fingerprints(HistoryRun)} reads them.
 *
 * @param id the run's name in its history (its file name without {@code .json}; {@code ""} for a run
 *     not read from a history)
 * @param timestamp when the run happened
 * @param revision the source revision judged ({@code ""} when unknown)
 * @param toolVersion the version of the tool that made the run ({@code ""} when unknown)
 * @param ownerKey the label or annotation key teams were read from
 * @param decision the run's decision ({@link Decision#ERROR} when input or policies had errors)
 * @param resources resources judged
 * @param violations unexempted violations
 * @param suppressed exempted findings
 * @param errors errors of input, policies and evaluation; a run with errors is incomplete
 * @param bySeverity unexempted violations per severity
 * @param compliance scores and violations overall, per team, policy and namespace
 * @param fingerprintCount how many distinct fingerprints of unexempted violations the run has
 */
public record HistoryRun(String id, Instant timestamp, String revision, String toolVersion, String ownerKey,
        Decision decision, int resources, int violations, int suppressed, int errors,
        Map<Severity, Integer> bySeverity, Compliance compliance, int fingerprintCount) {

    /**
     * Checks the fields; the severity map is copied.
     *
     * @param id the run's name in its history (its file name without {@code .json}; {@code ""} for a run
     *     not read from a history)
     * @param timestamp when the run happened
     * @param revision the source revision judged ({@code ""} when unknown)
     * @param toolVersion the version of the tool that made the run ({@code ""} when unknown)
     * @param ownerKey the label or annotation key teams were read from
     * @param decision the run's decision ({@link Decision#ERROR} when input or policies had errors)
     * @param resources resources judged
     * @param violations unexempted violations
     * @param suppressed exempted findings
     * @param errors errors of input, policies and evaluation; a run with errors is incomplete
     * @param bySeverity unexempted violations per severity
     * @param compliance scores and violations overall, per team, policy and namespace
     * @param fingerprintCount how many distinct fingerprints of unexempted violations the run has
     */
    public HistoryRun {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(toolVersion, "toolVersion");
        Objects.requireNonNull(ownerKey, "ownerKey");
        Objects.requireNonNull(decision, "decision");
        bySeverity = Collections.unmodifiableMap(bySeverity.isEmpty() ? new EnumMap<>(Severity.class)
                : new EnumMap<>(bySeverity));
        Objects.requireNonNull(compliance, "compliance");
    }

    /**
     * {@return the summary of a report}
     *
     * @param report the run's report
     * @param run when and from which revision it was made (a run without a time is dated now)
     * @param owners the teams of the resources
     * @param toolVersion the tool's version ({@code ""} when unknown)
     */
    public static HistoryRun of(Report report, RunInfo run, Owners owners, String toolVersion) {
        Report.Totals totals = report.totals();
        return new HistoryRun("", run.timestamp().orElseGet(Instant::now), run.revision(), toolVersion, owners.key(),
                report.decision(), totals.resources(), totals.violations(), totals.suppressed(), totals.errors(),
                totals.bySeverity(), Compliance.of(report, owners), fingerprints(report).size());
    }

    /**
     * {@return the distinct fingerprints ({@link Finding#fingerprint()}) of a report's unexempted violations}
     *
     * @param report the report
     */
    public static Set<String> fingerprints(Report report) {
        Set<String> all = new HashSet<>();
        for (Result result : report.results()) {
            for (Finding finding : result.violations()) {
                all.add(finding.fingerprint());
            }
        }
        return all;
    }

    /** {@return whether the run had no errors, so that its figures cover everything} */
    public boolean complete() {
        return errors == 0;
    }

    /**
     * {@return the same run named {@code newId} in its history}
     *
     * @param newId the id
     */
    public HistoryRun withId(String newId) {
        return new HistoryRun(newId, timestamp, revision, toolVersion, ownerKey, decision, resources, violations,
                suppressed, errors, bySeverity, compliance, fingerprintCount);
    }
}
