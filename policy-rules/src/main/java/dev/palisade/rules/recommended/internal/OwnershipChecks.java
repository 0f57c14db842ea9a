package dev.palisade.rules.recommended.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.PodSpecView;
import dev.palisade.core.Match;
import dev.palisade.core.policy.MatchParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Ownership labels per a configurable schema: labels every workload must carry ({@code required}),
 * and groups of which one must be present ({@code anyOf}), so reports can group findings by team.
 */
public final class OwnershipChecks {

    static final String CATEGORY = "Ownership";
    /** The default schema's required labels. */
    public static final List<String> DEFAULT_REQUIRED = List.of("app.kubernetes.io/name");
    /** The default schema's alternatives: one of these names the owning team. */
    public static final List<List<String>> DEFAULT_ANY_OF = List.of(List.of("team", "owner",
            "app.kubernetes.io/part-of"));

    private OwnershipChecks() {
    }

    static List<Check> all() {
        return List.of(labels(DEFAULT_REQUIRED, DEFAULT_ANY_OF));
    }

    /** The check with a schema read from BuiltinPolicy parameters ({@code required}, {@code anyOf}). */
    public static Check fromParameters(JsonNode parameters) {
        List<String> required = parameters.has("required")
                ? MatchParser.strings(parameters.path("required"), "parameters.required") : List.of();
        List<List<String>> anyOf = new ArrayList<>();
        JsonNode groups = parameters.path("anyOf");
        for (int i = 0; i < Support.len(groups); i++) {
            anyOf.add(MatchParser.strings(groups.get(i), "parameters.anyOf[" + i + "]"));
        }
        if (required.isEmpty() && anyOf.isEmpty()) {
            throw new PalisadeException("ownership-labels needs parameters.required (label keys) or parameters.anyOf"
                    + " (lists of label keys of which one must be present)");
        }
        return labels(required, anyOf);
    }

    static Check labels(List<String> required, List<List<String>> anyOf) {
        StringBuilder schema = new StringBuilder(String.join(", ", required));
        for (List<String> group : anyOf) {
            schema.append(schema.length() == 0 ? "" : ", ").append("one of ").append(String.join("/", group));
        }
        return Check.builder("ownership-labels").problem("required-labels").category(CATEGORY).opinionated()
                .title("Workloads must carry ownership labels")
                .why("Labels naming the application and the owning team are how reports, dashboards and on-call"
                        + " rotations find who must fix a finding.")
                .fix("Add metadata.labels: " + schema + ".")
                .standards("owasp-k8s:K05")
                .match(Match.ALL.withKinds(PodSpecView.podKinds()))
                .body((r, ctx, sink) -> {
                    Map<String, String> labels = r.labels();
                    String path = labels.isEmpty() ? "/metadata" : "/metadata/labels";
                    for (String key : required) {
                        if (!labels.containsKey(key)) {
                            sink.report(Support.who(r) + " has no label " + key, path);
                        }
                    }
                    for (List<String> group : anyOf) {
                        if (group.stream().noneMatch(labels::containsKey)) {
                            sink.report(Support.who(r) + " has none of the labels " + String.join(", ", group), path);
                        }
                    }
                }).build();
    }
}
