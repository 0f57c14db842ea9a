package dev.palisade.flink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One line of the job's aggregates: for one team, one policy and one tumbling window of event time,
 * how many violations (by action), exempted violations and errors the fleet had. A Flink POJO.
 */
public class PolicyCount {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Window start (inclusive), epoch milliseconds. */
    public long windowStart;
    /** Window end (exclusive), epoch milliseconds. */
    public long windowEnd;
    /** The team. */
    public String team = "";
    /** The policy id ({@value AuditRecord#INPUT_POLICY} for lines that could not be judged). */
    public String policy = "";
    /** Unexempted violations. */
    public long violations;
    /** Of which deny. */
    public long deny;
    /** Of which warn. */
    public long warn;
    /** Of which dry run. */
    public long dryrun;
    /** Exempted violations. */
    public long suppressed;
    /** Errors: resources this policy could not judge. */
    public long errors;

    /** For Flink's POJO serializer. */
    public PolicyCount() {
    }

    /** Counts one record. */
    public PolicyCount add(AuditRecord record) {
        switch (record.status) {
            case AuditRecord.VIOLATION -> {
                violations++;
                switch (record.action) {
                    case "deny" -> deny++;
                    case "warn" -> warn++;
                    default -> dryrun++;
                }
            }
            case AuditRecord.SUPPRESSED -> suppressed++;
            default -> errors++;
        }
        return this;
    }

    /** Adds another partial count (same key). */
    public PolicyCount merge(PolicyCount other) {
        violations += other.violations;
        deny += other.deny;
        warn += other.warn;
        dryrun += other.dryrun;
        suppressed += other.suppressed;
        errors += other.errors;
        return this;
    }

    /** This count as one JSON object on one line. */
    public String toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("windowStart", Instant.ofEpochMilli(windowStart).toString())
                .put("windowEnd", Instant.ofEpochMilli(windowEnd).toString()).put("team", team).put("policy", policy)
                .put("violations", violations).put("deny", deny).put("warn", warn).put("dryrun", dryrun)
                .put("suppressed", suppressed).put("errors", errors);
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serialises", e);
        }
    }

    @Override
    public String toString() {
        return toJson();
    }
}
