package dev.palisade.flink;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.core.EnforcementPoint;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.EvaluationError;
import dev.palisade.core.Finding;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.PolicySet;
import dev.palisade.core.Resource;
import dev.palisade.core.ResourceId;
import dev.palisade.core.Result;
import dev.palisade.core.report.Owners;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Judges one input line, {@code {"cluster": "...", "time": "...", "resource": {...}}}, with a compiled
 * {@link PolicySet}, and turns the result into {@link AuditRecord}s: one per violation, one per
 * exempted violation, one per error. A line that cannot be judged (not JSON, no cluster, not a
 * Kubernetes object, a bad time) is one error record: fail closed, never silence. Not thread-safe
 * (one per task); the policy set it holds is.
 */
public final class LineAuditor {
    private final PolicySet policies;
    private final EvaluationContext context;
    private final String teamLabel;
    private final LongSupplier clock;
    private final ObjectMapper json = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /**
     * An auditor.
     *
     * @param policies the compiled policies
     * @param point the enforcement point whose actions apply (a fleet audit: {@code audit})
     * @param teamLabel the label (or annotation) key naming a resource's team
     * @param clock the time given to lines without {@code time} (epoch milliseconds)
     */
    public LineAuditor(PolicySet policies, EnforcementPoint point, String teamLabel, LongSupplier clock) {
        this.policies = policies;
        this.context = EvaluationContext.builder().enforcementPoint(point).build();
        this.teamLabel = teamLabel;
        this.clock = clock;
    }

    /**
     * The records of one line, in the result's order: violations, exempted violations, errors. A blank
     * line holds no resource and gives none.
     */
    public List<AuditRecord> audit(String line) {
        List<AuditRecord> out = new ArrayList<>();
        if (line.isBlank()) {
            return out;
        }
        AuditRecord base = new AuditRecord();
        base.team = Owners.UNOWNED;
        JsonNode envelope;
        try {
            envelope = json.readTree(line);
        } catch (JsonProcessingException e) {
            base.time = clock.getAsLong();
            out.add(inputError(base, "line is not JSON: " + e.getOriginalMessage() + " (line starts "
                    + snippet(line) + ")"));
            return out;
        }
        if (envelope == null || !envelope.isObject()) {
            base.time = clock.getAsLong();
            out.add(inputError(base, "line is not a JSON object (line starts " + snippet(line) + ")"));
            return out;
        }
        base.cluster = envelope.path("cluster").isTextual() ? envelope.path("cluster").textValue() : "";
        JsonNode object = envelope.path("resource");
        identify(base, object);
        try {
            base.time = time(envelope.get("time"));
        } catch (DateTimeParseException e) {
            base.time = clock.getAsLong();
            out.add(inputError(base, "time is not an RFC 3339 date-time: " + envelope.get("time")));
            return out;
        }
        if (base.cluster.isBlank()) {
            out.add(inputError(base, "line has no \"cluster\" string (line starts " + snippet(line) + ")"));
            return out;
        }
        Resource resource;
        try {
            resource = Resource.of(object);
        } catch (PalisadeException e) {
            out.add(inputError(base, "\"resource\" is " + (object.isMissingNode() ? "missing" : e.getMessage())));
            return out;
        }
        base.team = Owners.declaredOwner(resource, teamLabel).orElse(Owners.UNOWNED);
        Result result = policies.evaluate(resource, context);
        base.decision = result.decision().label();
        for (Finding finding : result.violations()) {
            out.add(finding(base, finding, AuditRecord.VIOLATION));
        }
        for (Finding finding : result.suppressed()) {
            out.add(finding(base, finding, AuditRecord.SUPPRESSED));
        }
        for (EvaluationError error : result.errors()) {
            AuditRecord record = copy(base);
            record.status = AuditRecord.ERROR;
            record.policy = error.policyId().isEmpty() ? AuditRecord.INPUT_POLICY : error.policyId();
            record.message = error.message();
            out.add(record);
        }
        return out;
    }

    private long time(JsonNode time) {
        if (time == null || time.isNull()) {
            return clock.getAsLong();
        }
        if (!time.isTextual()) {
            throw new DateTimeParseException("not a string", time.toString(), 0);
        }
        return OffsetDateTime.parse(time.textValue()).toInstant().toEpochMilli();
    }

    private static void identify(AuditRecord record, JsonNode object) {
        if (!object.isObject()) {
            return;
        }
        ResourceId id = ResourceId.of(object);
        record.apiVersion = id.apiVersion();
        record.kind = id.kind();
        record.namespace = id.namespace();
        record.name = id.name();
    }

    private static AuditRecord finding(AuditRecord base, Finding finding, String status) {
        AuditRecord record = copy(base);
        record.policy = finding.policyId();
        record.severity = finding.severity().label();
        record.action = finding.action().label();
        record.status = status;
        record.message = finding.message();
        record.path = finding.path();
        return record;
    }

    private static AuditRecord inputError(AuditRecord base, String message) {
        AuditRecord record = copy(base);
        record.policy = AuditRecord.INPUT_POLICY;
        record.decision = "error";
        record.status = AuditRecord.ERROR;
        record.message = message;
        return record;
    }

    private static AuditRecord copy(AuditRecord base) {
        AuditRecord record = new AuditRecord();
        record.cluster = base.cluster;
        record.apiVersion = base.apiVersion;
        record.kind = base.kind;
        record.namespace = base.namespace;
        record.name = base.name;
        record.team = base.team;
        record.decision = base.decision;
        record.time = base.time;
        return record;
    }

    /** The start of a line that could not be read, for finding it: at most 60 characters. */
    private static String snippet(String line) {
        String start = line.length() > 60 ? line.substring(0, 60) + "..." : line;
        return "'" + start.replaceAll("\\s+", " ") + "'";
    }
}
