package dev.palisade.flink;

import dev.palisade.core.EnforcementPoint;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * The job's evaluation step. It carries only the policy sources; {@link #open(OpenContext)} compiles
 * them into one {@link dev.palisade.core.PolicySet} per parallel task instance, which then judges every
 * line that task receives. A set with load errors throws in {@code open()}, so the task, and the job,
 * fail at start instead of judging with part of the policies.
 */
public class AuditFunction extends RichFlatMapFunction<String, AuditRecord> {
    private static final long serialVersionUID = 1L;

    private final PolicySources sources;
    private final EnforcementPoint point;
    private final String teamLabel;
    private transient LineAuditor auditor;

    /**
     * A function judging lines with these sources.
     *
     * @param sources the policies, as references and texts
     * @param point the enforcement point whose actions apply
     * @param teamLabel the label key naming a resource's team
     */
    public AuditFunction(PolicySources sources, EnforcementPoint point, String teamLabel) {
        this.sources = sources;
        this.point = point;
        this.teamLabel = teamLabel;
    }

    @Override
    public void open(OpenContext openContext) {
        auditor = new LineAuditor(sources.compile(), point, teamLabel, System::currentTimeMillis);
    }

    @Override
    public void flatMap(String line, Collector<AuditRecord> out) {
        for (AuditRecord record : auditor.audit(line)) {
            out.collect(record);
        }
    }
}
