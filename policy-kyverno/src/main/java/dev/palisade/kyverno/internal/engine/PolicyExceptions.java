package dev.palisade.kyverno.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.Resource;
import dev.palisade.kyverno.internal.Wildcard;
import java.util.ArrayList;
import java.util.List;

/**
 * Kyverno {@code PolicyException}s ({@code kyverno.io/v2}, {@code v2beta1}, {@code v2alpha1}): which
 * policy rules they exempt, which resources ({@code match} any/all), under which
 * {@code conditions}, and which Pod Security controls. Immutable.
 */
public final class PolicyExceptions {
    /** No exceptions. */
    public static final PolicyExceptions NONE = new PolicyExceptions(List.of());

    private final List<Entry> entries;

    private PolicyExceptions(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Reads PolicyException documents.
     *
     * @throws PalisadeException when one is malformed
     */
    public static PolicyExceptions read(List<Resource> documents) {
        List<Entry> entries = new ArrayList<>();
        for (Resource doc : documents) {
            JsonNode spec = doc.object().path("spec");
            String name = doc.id().name();
            String key = doc.id().namespace().isEmpty() ? name : doc.id().namespace() + "/" + name;
            List<Target> targets = new ArrayList<>();
            for (JsonNode e : spec.path("exceptions")) {
                String policyName = e.path("policyName").asText("");
                if (policyName.isEmpty()) {
                    throw new PalisadeException("PolicyException '" + key + "': an exception requires a policy name",
                            doc.locate("/spec/exceptions"));
                }
                targets.add(new Target(policyName, MatchBlock.strings(e.path("ruleNames"))));
            }
            MatchBlock match = MatchBlock.read(spec.path("match"), "spec.match");
            entries.add(new Entry(key, name, targets, match, spec.get("conditions"), spec.path("podSecurity")));
        }
        return new PolicyExceptions(entries);
    }

    /** Whether there are none. */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** How many. */
    public int size() {
        return entries.size();
    }

    /** The exceptions naming the policy ({@code ns/name} for a Policy) and rule. */
    List<Entry> find(String policyKey, String rule) {
        List<Entry> out = new ArrayList<>();
        for (Entry entry : entries) {
            for (Target t : entry.targets) {
                if (t.policyName.equals(policyKey) && Wildcard.matchAny(t.ruleNames, rule)) {
                    out.add(entry);
                    break;
                }
            }
        }
        return out;
    }

    /** A policy and rule patterns one exception exempts. */
    record Target(String policyName, List<String> ruleNames) {
    }

    /**
     * One exception.
     *
     * @param key {@code namespace/name}
     * @param name the exception's name
     */
    record Entry(String key, String name, List<Target> targets, MatchBlock match, JsonNode conditions,
            JsonNode podSecurity) {

        boolean hasPodSecurity() {
            return podSecurity.isArray() && !podSecurity.isEmpty();
        }

        /** Kyverno's {@code checkMatchesResources}: any/all filters, with user criteria. */
        boolean matches(MatchBlock.Request request) {
            return match.exceptionMatches(request);
        }
    }
}
