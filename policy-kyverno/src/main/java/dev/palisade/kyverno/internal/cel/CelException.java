package dev.palisade.kyverno.internal.cel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.Resource;
import dev.palisade.kyverno.internal.engine.RuleResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@code policies.kyverno.io} PolicyException: the policies it names ({@code policyRefs}: name
 * and kind), its {@code matchConditions} (CEL, over the policy's variables), and what it allows
 * ({@code images}, {@code allowedValues}: partial exceptions the policy reads through
 * {@code exceptions.allowedImages}/{@code allowedValues}); without those it exempts the request
 * fully, with {@code reportResult} ({@code skip} by default, or {@code pass}). Immutable.
 */
public record CelException(String name, String namespace, List<String[]> policyRefs,
        List<CelPolicy.Named> matchConditions, List<String> images, List<String> allowedValues, String reportResult,
        int priority) {

    /** Whether a document is a CEL PolicyException. */
    public static boolean isException(Resource doc) {
        return doc.id().group().equals("policies.kyverno.io") && doc.id().kind().equals("PolicyException");
    }

    /**
     * Reads an exception.
     *
     * @throws PalisadeException when a condition does not compile
     */
    public static CelException read(Resource doc) {
        JsonNode o = doc.object();
        JsonNode spec = o.path("spec");
        String where = "PolicyException '" + doc.id().name() + "'";
        List<String[]> refs = new ArrayList<>();
        for (JsonNode r : spec.path("policyRefs")) {
            refs.add(new String[] {r.path("name").asText(""), r.path("kind").asText("")});
        }
        List<CelPolicy.Named> conditions = new ArrayList<>();
        int i = 0;
        for (JsonNode c : spec.path("matchConditions")) {
            try {
                conditions.add(new CelPolicy.Named(c.path("name").asText(""), c.path("expression").asText(""),
                        CelPolicy.compile(c.path("expression").asText(""), where + ": spec.matchConditions[" + i + "]")));
            } catch (PalisadeException e) {
                throw new PalisadeException(e.getMessage(), doc.source());
            }
            i++;
        }
        List<String> images = new ArrayList<>();
        spec.path("images").forEach(n -> images.add(n.asText()));
        List<String> values = new ArrayList<>();
        spec.path("allowedValues").forEach(n -> values.add(n.asText()));
        int priority = 0;
        try {
            priority = Integer.parseInt(o.path("metadata").path("labels").path("polex.kyverno.io/priority").asText("0"));
        } catch (NumberFormatException e) {
            priority = 0;
        }
        return new CelException(doc.id().name(), o.path("metadata").path("namespace").asText(""), refs, conditions,
                images, values, spec.path("reportResult").asText(""), priority);
    }

    /** Whether a {@code policyRefs} entry names the policy (name and kind). */
    boolean refersTo(CelPolicy policy) {
        for (String[] r : policyRefs) {
            if (r[0].equals(policy.name()) && r[1].equals(policy.kind())) {
                return true;
            }
        }
        return false;
    }

    private String key() {
        return namespace.isEmpty() ? name : namespace + "/" + name;
    }

    /** Kyverno's response for exempted requests: the highest-priority exception's {@code reportResult}. */
    static RuleResponse response(List<CelException> matched, RuleResponse.Type type) {
        CelException selected = matched.get(0);
        for (CelException e : matched) {
            if (e.priority > selected.priority) {
                selected = e;
            }
        }
        List<String> keys = new ArrayList<>();
        matched.forEach(e -> keys.add(e.key()));
        boolean pass = selected.reportResult.equals("pass");
        String message = "rule is " + (pass ? "passed" : "skipped") + " due to policy exception: "
                + String.join(", ", keys);
        return new RuleResponse("exception", type, pass ? RuleResponse.Status.PASS : RuleResponse.Status.SKIP, message,
                "", Map.of(), keys, null, List.of());
    }
}
