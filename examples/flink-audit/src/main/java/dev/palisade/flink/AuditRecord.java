package dev.palisade.flink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One line of the job's results: a finding of one policy on one resource of one cluster, or an error
 * (a resource that could not be judged, or a policy that failed on it). A Flink POJO (public fields,
 * a no-argument constructor) so that Flink serialises it without Kryo.
 */
public class AuditRecord {
    /** A violation that counts (not exempted). */
    public static final String VIOLATION = "violation";
    /** A violation covered by an exemption. */
    public static final String SUPPRESSED = "suppressed";
    /** Something could not be evaluated: the outcome is unknown, never read as compliant. */
    public static final String ERROR = "error";
    /** The policy id of errors that concern the input line rather than a policy. */
    public static final String INPUT_POLICY = "(input)";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The cluster the resource was exported from. */
    public String cluster = "";
    /** The resource's apiVersion. */
    public String apiVersion = "";
    /** The resource's kind. */
    public String kind = "";
    /** The resource's namespace ({@code ""} for cluster-scoped resources). */
    public String namespace = "";
    /** The resource's name. */
    public String name = "";
    /** The owning team, from the configured label, or {@code unowned}. */
    public String team = "";
    /** The policy id, or {@value #INPUT_POLICY} for input errors. */
    public String policy = "";
    /** The finding's severity ({@code critical} ... {@code info}); empty for errors. */
    public String severity = "";
    /** The finding's action ({@code deny}, {@code warn}, {@code dryrun}); empty for errors. */
    public String action = "";
    /** The resource's decision: {@code allow}, {@code warn}, {@code deny} or {@code error}. */
    public String decision = "";
    /** {@value #VIOLATION}, {@value #SUPPRESSED} or {@value #ERROR}. */
    public String status = "";
    /** What is wrong. */
    public String message = "";
    /** JSON pointer of the offending field ({@code ""} for the whole object). */
    public String path = "";
    /** Event time: the export time of the resource, else the time it was judged (epoch milliseconds). */
    public long time;

    /** For Flink's POJO serializer. */
    public AuditRecord() {
    }

    /** This record as one JSON object on one line. */
    public String toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("cluster", cluster).put("apiVersion", apiVersion).put("kind", kind).put("namespace", namespace)
                .put("name", name).put("team", team).put("policy", policy).put("severity", severity)
                .put("action", action).put("decision", decision).put("status", status).put("message", message)
                .put("path", path).put("time", java.time.Instant.ofEpochMilli(time).toString());
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serialises", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuditRecord r && time == r.time && cluster.equals(r.cluster)
                && apiVersion.equals(r.apiVersion) && kind.equals(r.kind) && namespace.equals(r.namespace)
                && name.equals(r.name) && team.equals(r.team) && policy.equals(r.policy)
                && severity.equals(r.severity) && action.equals(r.action) && decision.equals(r.decision)
                && status.equals(r.status) && message.equals(r.message) && path.equals(r.path);
    }

    @Override
    public int hashCode() {
        return Objects.hash(cluster, kind, namespace, name, policy, status, message, path, time);
    }

    @Override
    public String toString() {
        return toJson();
    }
}
