package dev.palisade.kyverno.internal.engine;

import dev.palisade.kyverno.variables.JsonContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.kyverno.internal.GoValues;
import dev.palisade.kyverno.internal.JsonValues;
import dev.palisade.kyverno.jmespath.JmesPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Kyverno's engine for {@code kyverno.io} policies ({@code pkg/engine}): for one policy and one
 * request, selects the rules that match (autogen rules included), loads their context, checks
 * preconditions and exceptions, and runs the validate, mutate, generate and verifyImages handlers,
 * producing one {@link RuleResponse} per matching rule. Thread-safe: all per-evaluation state lives
 * in the {@link PolicyContext}.
 */
public final class Engine {
    private final ExternalData external;
    private final ContextLoader loader;
    private final PolicyExceptions exceptions;
    private final Resources resources;
    private final JmesPath jmesPath;

    /** Finds existing resources: mutate-existing targets and generate clone sources. */
    public interface Resources {
        /** Nothing available. */
        Resources NONE = (apiVersion, kind, namespace, name) -> List.of();

        /**
         * The resources of a kind, optionally in a namespace and by name (Kyverno wildcards; {@code ""} for any).
         */
        List<JsonNode> find(String apiVersion, String kind, String namespace, String name);
    }

    /**
     * @param external the data behind configMap, apiCall and imageRegistry context entries
     * @param ruleValues values a test supplies per policy rule
     * @param exceptions the PolicyExceptions in force
     * @param resources existing resources (mutate-existing targets, clone sources)
     * @param jmesPath the JMESPath dialect of variables and context entries
     */
    public Engine(ExternalData external, ContextLoader.RuleValues ruleValues, PolicyExceptions exceptions,
            Resources resources, JmesPath jmesPath) {
        this.external = Objects.requireNonNull(external);
        this.jmesPath = Objects.requireNonNull(jmesPath);
        this.loader = new ContextLoader(external, ruleValues, jmesPath);
        this.exceptions = Objects.requireNonNull(exceptions);
        this.resources = Objects.requireNonNull(resources);
    }

    /** The JMESPath dialect of this engine. */
    public JmesPath jmesPath() {
        return jmesPath;
    }

    /** The data behind external context entries. */
    public ExternalData external() {
        return external;
    }

    // ---- entry points ----

    /** Runs the policy's validate rules (and verifyImages checks) on the request. */
    public EngineResponse validate(KyvernoPolicy policy, PolicyContext pctx) {
        JsonNode original = pctx.newResource();
        List<RuleResponse> out = new ArrayList<>();
        if (!namespacedPolicyApplies(policy, pctx)) {
            return new EngineResponse(policy, original, original, out);
        }
        JsonContext json = pctx.json();
        json.checkpoint();
        try {
            for (Rule rule : policy.rulesFor(pctx.kind())) {
                if (!rule.hasValidate()) {
                    continue;
                }
                out.addAll(invoke(policy, rule, RuleResponse.Type.VALIDATION, pctx, pctx.newResource(),
                        (r, resource, ex) -> new Validation(this, policy, pctx, r, 0).validateRule(ex)));
                if (policy.applyOne() && applied(out) > 0) {
                    break;
                }
            }
        } finally {
            json.restore();
        }
        return new EngineResponse(policy, original, original, out);
    }

    /** Runs the policy's mutate rules on the request; the patched resource carries their changes. */
    public EngineResponse mutate(KyvernoPolicy policy, PolicyContext pctx) {
        JsonNode original = pctx.newResource();
        List<RuleResponse> out = new ArrayList<>();
        if (!namespacedPolicyApplies(policy, pctx)) {
            return new EngineResponse(policy, original, original, out);
        }
        JsonContext json = pctx.json();
        json.checkpoint();
        JsonNode[] matched = {pctx.newResource()};
        try {
            for (Rule rule : policy.rulesFor("")) {
                if (!rule.hasMutate()) {
                    continue;
                }
                List<RuleResponse> responses = invoke(policy, rule, RuleResponse.Type.MUTATION, pctx, matched[0],
                        (r, resource, ex) -> {
                            Mutation.Result result = new Mutation(this, policy, pctx, r).mutate(resource, ex);
                            matched[0] = result.resource();
                            return result.responses();
                        });
                out.addAll(responses);
                if (matched[0].isObject()) {
                    json.addResource(matched[0]);
                }
                if (policy.applyOne() && applied(out) > 0) {
                    break;
                }
            }
        } finally {
            json.restore();
        }
        return new EngineResponse(policy, original, matched[0], out);
    }

    /** Runs the policy's generate rules on the request (Kyverno's background checks and generation). */
    public EngineResponse generate(KyvernoPolicy policy, PolicyContext pctx) {
        JsonNode original = pctx.newResource();
        List<RuleResponse> out = new ArrayList<>();
        if (!namespacedPolicyApplies(policy, pctx)) {
            return new EngineResponse(policy, original, original, out);
        }
        for (Rule rule : policy.rulesFor("")) {
            if (!rule.hasGenerate()) {
                continue;
            }
            RuleResponse response = new Generation(this, policy, pctx, rule).generate();
            if (response != null) {
                out.add(response);
                if (policy.applyOne() && response.status() != RuleResponse.Status.SKIP) {
                    break;
                }
            }
        }
        return new EngineResponse(policy, original, original, out);
    }

    /** Runs the policy's verifyImages rules: offline, they are reported as needing registry access. */
    public EngineResponse verifyImages(KyvernoPolicy policy, PolicyContext pctx) {
        JsonNode original = pctx.newResource();
        List<RuleResponse> out = new ArrayList<>();
        if (!namespacedPolicyApplies(policy, pctx)) {
            return new EngineResponse(policy, original, original, out);
        }
        JsonContext json = pctx.json();
        json.checkpoint();
        try {
            for (Rule rule : policy.rulesFor(pctx.kind())) {
                if (!rule.hasVerifyImages()) {
                    continue;
                }
                out.addAll(invoke(policy, rule, RuleResponse.Type.IMAGE_VERIFY, pctx, pctx.newResource(),
                        (r, resource, ex) -> List.of(RuleResponse.error(r, RuleResponse.Type.IMAGE_VERIFY,
                                "image verification needs registry access, which this run does not have: rule '"
                                        + r.name() + "' verifies image signatures and attestations; run with"
                                        + " registry access or verify images with policy-sigstore"))));
            }
        } finally {
            json.restore();
        }
        return new EngineResponse(policy, original, original, out);
    }

    private static long applied(List<RuleResponse> responses) {
        return responses.stream().filter(r -> r.status() == RuleResponse.Status.PASS
                || r.status() == RuleResponse.Status.FAIL).count();
    }

    /** Kyverno's {@code checkNamespacedPolicy}: a Policy applies only in its namespace. */
    private static boolean namespacedPolicyApplies(KyvernoPolicy policy, PolicyContext pctx) {
        if (policy.namespace().isEmpty()) {
            return true;
        }
        for (JsonNode r : new JsonNode[] {pctx.newResource(), pctx.oldResource()}) {
            if (r.isObject()) {
                String ns = r.path("metadata").path("namespace").asText("");
                if (ns.isEmpty() || !ns.equals(policy.namespace())) {
                    return false;
                }
            }
        }
        return true;
    }

    // ---- rule invocation ----

    /** A rule handler: the rule's responses for a resource, given the exceptions naming the rule. */
    @FunctionalInterface
    interface Handler {
        List<RuleResponse> handle(Rule rule, JsonNode resource, List<PolicyExceptions.Entry> exceptions);
    }

    /** Kyverno's {@code invokeRuleHandler}: match, context, preconditions, exceptions, handler. */
    private List<RuleResponse> invoke(KyvernoPolicy policy, Rule rule, RuleResponse.Type type, PolicyContext pctx,
            JsonNode resource, Handler handler) {
        if (!matches(policy, rule, pctx, resource)) {
            return List.of();
        }
        JsonContext json = pctx.json();
        json.checkpoint();
        try {
            try {
                loader.load(policy, rule, rule.context(), json, -1);
            } catch (ExpressionException e) {
                return List.of(RuleResponse.error(rule, type, "failed to load context", e.getMessage()));
            }
            Conditions.Outcome pre;
            try {
                pre = Conditions.evaluate(rule.preconditions(), json);
            } catch (ExpressionException e) {
                return List.of(RuleResponse.error(rule, type, "failed to evaluate preconditions", e.getMessage()));
            }
            if (!pre.holds()) {
                return List.of(RuleResponse.skip(rule, type,
                        Conditions.joinNonEmpty(List.of("preconditions not met", pre.message()), "; ")));
            }
            return handler.handle(rule, resource, exceptions.find(policyKey(policy), rule.name()));
        } finally {
            json.restore();
        }
    }

    /** The name PolicyExceptions use for a policy: {@code namespace/name} for a Policy. */
    static String policyKey(KyvernoPolicy policy) {
        return policy.namespace().isEmpty() ? policy.name() : policy.namespace() + "/" + policy.name();
    }

    /** Kyverno's rule match: the new object, or the old one when there is no new object. */
    boolean matches(KyvernoPolicy policy, Rule rule, PolicyContext pctx, JsonNode resource) {
        if (matchesResource(policy, rule, pctx, resource)) {
            return true;
        }
        return !resource.isObject() && pctx.oldResource().isObject()
                && matchesResource(policy, rule, pctx, pctx.oldResource());
    }

    static boolean matchesResource(KyvernoPolicy policy, Rule rule, PolicyContext pctx, JsonNode resource) {
        if (!resource.isObject()) {
            return false;
        }
        if (!policy.namespace().isEmpty()
                && !policy.namespace().equals(resource.path("metadata").path("namespace").asText(""))) {
            return false;
        }
        MatchBlock.Request request = pctx.matchRequest(resource);
        if (!rule.match().matchFailures(request).isEmpty()) {
            return false;
        }
        return rule.exclude() == null || !rule.exclude().excludes(request);
    }

    /** The exceptions naming the policy and rule. */
    List<PolicyExceptions.Entry> matchingExceptionsCandidates(KyvernoPolicy policy, Rule rule) {
        return exceptions.find(policyKey(policy), rule.name());
    }

    /** The exceptions that apply to the request ({@code MatchesException}). */
    List<PolicyExceptions.Entry> matchingExceptions(List<PolicyExceptions.Entry> candidates, PolicyContext pctx) {
        List<PolicyExceptions.Entry> out = new ArrayList<>();
        JsonNode resource = pctx.newResource().isObject() ? pctx.newResource() : pctx.oldResource();
        MatchBlock.Request request = pctx.matchRequest(resource);
        for (PolicyExceptions.Entry entry : candidates) {
            if (!entry.matches(request)) {
                continue;
            }
            if (entry.conditions() != null && !entry.conditions().isNull()) {
                try {
                    if (!exceptionConditions(entry.conditions(), pctx.json())) {
                        continue;
                    }
                } catch (ExpressionException e) {
                    continue;
                }
            }
            out.add(entry);
        }
        return out;
    }

    /** {@code conditions.CheckAnyAllConditions}: all first, then any (holds when there is none). */
    private static boolean exceptionConditions(JsonNode conditions, JsonContext json) {
        ObjectNode allOnly = conditions.deepCopy();
        allOnly.remove("any");
        if (conditions.has("all") && !Conditions.evaluate(allOnly, json).holds()) {
            return false;
        }
        JsonNode any = conditions.get("any");
        if (any == null || any.isNull() || any.isEmpty()) {
            return true;
        }
        ObjectNode anyOnly = conditions.deepCopy();
        anyOnly.remove("all");
        return Conditions.evaluate(anyOnly, json).holds();
    }

    /** A skip response for exceptions, as Kyverno words it. */
    static RuleResponse skippedByExceptions(Rule rule, RuleResponse.Type type, List<PolicyExceptions.Entry> matched,
            boolean space) {
        List<String> keys = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (PolicyExceptions.Entry e : matched) {
            keys.add(e.key());
            names.add(e.name());
        }
        return RuleResponse.skip(rule, type, "rule is skipped due to policy exceptions" + (space ? " " : "")
                + String.join(", ", keys)).withExceptions(names);
    }

    ContextLoader loader() {
        return loader;
    }

    Resources resources() {
        return resources;
    }

    /** Kyverno's {@code EvaluateList}: a query's list (a non-list value is a list of one). */
    static List<JsonNode> evaluateList(String query, JsonContext json) {
        JsonNode value = Vars.query(json, query);
        List<JsonNode> out = new ArrayList<>();
        if (value != null && value.isArray()) {
            value.forEach(out::add);
        } else {
            out.add(value == null ? MissingNode.getInstance() : value);
        }
        return out;
    }

    /**
     * Kyverno's {@code AddElementToContext}: the element (as JSON decoded by Go, numbers float64)
     * joins the context; a map element becomes the scoped element unless {@code elementScope} says otherwise.
     *
     * @return the scoped element, or a missing node
     */
    static JsonNode addElement(JsonContext json, JsonNode element, int index, int nesting, Boolean elementScope) {
        JsonNode data = JsonValues.numbersAsFloats(element);
        json.addElement(data, index, nesting);
        boolean scoped = data.isObject();
        if (elementScope != null) {
            if (elementScope && !data.isObject()) {
                throw new ExpressionException("cannot use elementScope=true foreach rules for elements that are not"
                        + " maps, expected type=map got type=" + goType(data), false, null);
            }
            scoped = elementScope;
        }
        return scoped ? data : MissingNode.getInstance();
    }

    private static String goType(JsonNode node) {
        if (GoValues.isNil(node)) {
            return "<nil>";
        }
        if (node.isArray()) {
            return "[]interface {}";
        }
        if (node.isTextual()) {
            return "string";
        }
        if (node.isBoolean()) {
            return "bool";
        }
        return "float64";
    }
}
