package dev.palisade.kyverno.internal.cel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.Resource;
import dev.palisade.kyverno.internal.engine.EngineResponse;
import dev.palisade.kyverno.internal.engine.PolicyIdentity;
import dev.palisade.kyverno.internal.engine.RuleResponse;
import dev.palisade.kyverno.internal.mutate.ApplyMerge;
import dev.palisade.kyverno.internal.mutate.JsonPatch;
import dev.palisade.kyverno.internal.mutate.StrategicMerge;
import dev.palisade.kyverno.jmespath.internal.GoJson;
import dev.palisade.lang.Bindings;
import dev.palisade.lang.CostMeter;
import dev.palisade.lang.Expressions;
import dev.palisade.lang.Program;
import dev.palisade.lang.Values;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of Kyverno's CEL policy kinds ({@code policies.kyverno.io} v1alpha1, v1beta1, v1), compiled:
 * ValidatingPolicy ({@code pkg/cel/policies/vpol}), MutatingPolicy ({@code mpol}: JSONPatch and
 * ApplyConfiguration mutations as Kubernetes' MutatingAdmissionPolicy defines them),
 * GeneratingPolicy ({@code gpol}), and the kinds Palisade reads but cannot apply offline
 * (DeletingPolicy, ImageValidatingPolicy). Pod policies get Kyverno's autogen variants for pod
 * controllers ({@code defaults}: DaemonSets, Deployments, Jobs, ReplicaSets, StatefulSets;
 * {@code cronjobs}), each evaluated as a policy of the same name, as Kyverno does. Expressions are
 * compiled once on Palisade's rule language with Kyverno's libraries ({@link CelLibraries});
 * immutable and thread-safe.
 */
public final class CelPolicy implements PolicyIdentity {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Kinds of the {@code policies.kyverno.io} group that are policies. */
    public static final Set<String> KINDS = Set.of("ValidatingPolicy", "NamespacedValidatingPolicy", "MutatingPolicy",
            "NamespacedMutatingPolicy", "GeneratingPolicy", "NamespacedGeneratingPolicy", "DeletingPolicy",
            "NamespacedDeletingPolicy", "ImageValidatingPolicy", "NamespacedImageValidatingPolicy");
    private static final Set<String> VERSIONS = Set.of("v1alpha1", "v1beta1", "v1");

    /** What the policy does. */
    public enum Type {
        /** ValidatingPolicy. */
        VALIDATING,
        /** MutatingPolicy. */
        MUTATING,
        /** GeneratingPolicy. */
        GENERATING,
        /** DeletingPolicy: deletes matching resources on a schedule, in a cluster. */
        DELETING,
        /** ImageValidatingPolicy: verifies image signatures and attestations against registries. */
        IMAGE_VALIDATING
    }

    private final Resource document;
    private final String kind;
    private final String name;
    private final String namespace;
    private final Map<String, String> annotations;
    private final JsonNode spec;
    private final Type type;
    private final List<Variant> variants;
    private final Set<String> actions;
    private final boolean json;
    private final boolean ignoreFailures;
    private final boolean readsResources;

    /** The policy's spec compiled for one set of targets (the policy itself, or an autogen config). */
    record Variant(String config, MatchConstraints match, List<Named> matchConditions, List<Named> variables,
            List<Validation> validations, List<Named> auditAnnotations, List<Mutation> mutations, List<Named> generate) {
    }

    /** A named program. */
    record Named(String name, String expression, Program program) {
    }

    /** One validation. */
    record Validation(String expression, Program program, String message, Program messageExpression) {
    }

    /** One mutation: a JSONPatch list or an ApplyConfiguration object. */
    record Mutation(boolean jsonPatch, String expression, Program program) {
    }

    private CelPolicy(Resource document, Type type, List<Variant> variants, Set<String> actions, boolean json,
            boolean ignoreFailures) {
        this.document = document;
        JsonNode o = document.object();
        this.kind = document.id().kind();
        this.name = document.id().name();
        this.namespace = kind.startsWith("Namespaced") ? o.path("metadata").path("namespace").asText("default") : "";
        Map<String, String> a = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.path("metadata").path("annotations").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            a.put(e.getKey(), e.getValue().asText());
        }
        this.annotations = Map.copyOf(a);
        this.spec = o.path("spec");
        this.type = type;
        this.variants = List.copyOf(variants);
        this.actions = Set.copyOf(actions);
        this.json = json;
        this.ignoreFailures = ignoreFailures;
        String text = spec.toString();
        this.readsResources = text.contains("resource.") || text.contains("generator.");
    }

    /** Whether the identity is a CEL policy kind this class reads. */
    public static boolean isPolicy(String group, String version, String kind) {
        return group.equals("policies.kyverno.io") && VERSIONS.contains(version) && KINDS.contains(kind);
    }

    /**
     * Compiles a policy document.
     *
     * @throws PalisadeException naming the policy and the failing expression (with its column)
     */
    public static CelPolicy compile(Resource document) {
        String kind = document.id().kind();
        String where = document.id().kind() + " '" + document.id().name() + "'";
        JsonNode spec = document.object().path("spec");
        Type type = kind.contains("Validating") ? kind.contains("Image") ? Type.IMAGE_VALIDATING : Type.VALIDATING
                : kind.contains("Mutating") ? Type.MUTATING : kind.contains("Generating") ? Type.GENERATING
                : Type.DELETING;
        Set<String> actions = new LinkedHashSet<>();
        spec.path("validationActions").forEach(n -> actions.add(n.asText()));
        if (actions.isEmpty()) {
            actions.add("Deny");
        }
        boolean json = spec.path("evaluation").path("mode").asText("Kubernetes").equals("JSON");
        boolean ignore = spec.path("failurePolicy").asText("Fail").equals("Ignore");
        List<Variant> variants = new ArrayList<>();
        try {
            variants.add(variant("", spec, where, type));
            if (!json && (type == Type.VALIDATING || type == Type.MUTATING)) {
                for (Map.Entry<String, JsonNode> e : Autogen.variants(spec, type == Type.MUTATING).entrySet()) {
                    variants.add(variant(e.getKey(), e.getValue(), where + " (autogen " + e.getKey() + ")", type));
                }
            }
        } catch (PalisadeException e) {
            throw new PalisadeException(e.getMessage(), document.source());
        }
        return new CelPolicy(document, type, variants, actions, json, ignore);
    }

    private static Variant variant(String config, JsonNode spec, String where, Type type) {
        MatchConstraints match = MatchConstraints.parse(spec.path("matchConstraints"), where + ": spec.matchConstraints");
        List<Named> conditions = named(spec.path("matchConditions"), "expression", where + ": spec.matchConditions");
        List<Named> variables = named(spec.path("variables"), "expression", where + ": spec.variables");
        List<Validation> validations = new ArrayList<>();
        int i = 0;
        for (JsonNode v : spec.path("validations")) {
            String at = where + ": spec.validations[" + i++ + "]";
            String expression = v.path("expression").asText("");
            Program messageExpression = v.hasNonNull("messageExpression")
                    ? compile(v.get("messageExpression").asText(), at + ".messageExpression") : null;
            validations.add(new Validation(expression, compile(expression, at + ".expression"),
                    v.path("message").asText(""), messageExpression));
        }
        List<Named> audit = new ArrayList<>();
        i = 0;
        for (JsonNode a : spec.path("auditAnnotations")) {
            String at = where + ": spec.auditAnnotations[" + i++ + "]";
            audit.add(new Named(a.path("key").asText(""), a.path("valueExpression").asText(""),
                    compile(a.path("valueExpression").asText(""), at + ".valueExpression")));
        }
        List<Mutation> mutations = new ArrayList<>();
        i = 0;
        for (JsonNode m : spec.path("mutations")) {
            String at = where + ": spec.mutations[" + i++ + "]";
            String patchType = m.path("patchType").asText("");
            if (patchType.equals("JSONPatch")) {
                String e = m.path("jsonPatch").path("expression").asText("");
                mutations.add(new Mutation(true, e, compile(e, at + ".jsonPatch.expression")));
            } else if (patchType.equals("ApplyConfiguration")) {
                String e = m.path("applyConfiguration").path("expression").asText("");
                mutations.add(new Mutation(false, e, compile(e, at + ".applyConfiguration.expression")));
            } else {
                throw new PalisadeException(at + ".patchType must be JSONPatch or ApplyConfiguration, not '"
                        + patchType + "'");
            }
        }
        List<Named> generate = named(spec.path("generate"), "expression", where + ": spec.generate");
        if (type == Type.IMAGE_VALIDATING || type == Type.DELETING) {
            // read for their match (findings say they were not applied); their own libraries need a cluster
            return new Variant(config, match, List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
        }
        return new Variant(config, match, conditions, variables, validations, audit, mutations, generate);
    }

    private static List<Named> named(JsonNode list, String field, String where) {
        List<Named> out = new ArrayList<>();
        int i = 0;
        for (JsonNode n : list) {
            String e = n.path(field).asText("");
            out.add(new Named(n.path("name").asText(""), e, compile(e, where + "[" + i++ + "]." + field)));
        }
        return out;
    }

    static Program compile(String expression, String where) {
        try {
            return Expressions.compile(expression, CelLibraries.declarations());
        } catch (PalisadeException e) {
            throw new PalisadeException(where + ": " + e.getMessage());
        }
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String namespace() {
        return namespace;
    }

    @Override
    public Map<String, String> annotations() {
        return annotations;
    }

    /** The policy document. */
    public Resource document() {
        return document;
    }

    /** What the policy does. */
    public Type type() {
        return type;
    }

    /** {@code validationActions} ({@code Deny} when unset). */
    public Set<String> actions() {
        return actions;
    }

    /** Whether the policy evaluates plain JSON ({@code evaluation.mode: JSON}). */
    public boolean jsonMode() {
        return json;
    }

    /** {@code failurePolicy: Ignore}. */
    public boolean ignoreFailures() {
        return ignoreFailures;
    }

    /** Whether expressions read resources ({@code resource.Get/List}) or generate them. */
    public boolean readsResources() {
        return readsResources;
    }

    /** {@code evaluation.background.enabled} (default true). */
    public boolean background() {
        return spec.path("evaluation").path("background").path("enabled").asBoolean(true);
    }

    /** {@code evaluation.admission.enabled} (default true). */
    public boolean admission() {
        return spec.path("evaluation").path("admission").path("enabled").asBoolean(true);
    }

    /** The operations the policy's (and its autogen variants') resource rules name. */
    public Set<String> operations() {
        return variants.get(0).match().operations();
    }

    /** The kinds the policy and its autogen variants may match, as {@code group/Kind}; empty for any. */
    public List<String> resourceNames() {
        List<String> out = new ArrayList<>();
        for (Variant v : variants) {
            for (MatchConstraints.Rule r : v.match().rules()) {
                for (String res : r.resources()) {
                    if (res.startsWith("*")) {
                        return List.of();
                    }
                    out.add(res);
                }
            }
        }
        return out;
    }

    /** Whether some variant's constraints select the request (DeletingPolicy and ImageValidatingPolicy findings). */
    public boolean matches(CelRequest request) {
        for (Variant v : variants) {
            if (v.match().matches(request)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Evaluates the policy (each variant) on a request: Kyverno's responses, one per variant that
     * the CLI reports. {@code request} may be null for a JSON payload ({@code evaluation.mode: JSON}).
     *
     * @param payload the JSON payload for a JSON-mode policy (else null)
     */
    public List<EngineResponse> evaluate(CelRequest request, JsonNode payload, List<CelException> exceptions,
            CelContext context) {
        List<EngineResponse> out = new ArrayList<>();
        CelRequest current = request;
        for (Variant v : variants) {
            JsonNode resource = payload != null ? payload : current.current();
            if (!json && !v.match().matches(current)) {
                if (!v.match().simple()) {
                    out.add(new EngineResponse(this, resource, resource, List.of()));
                }
                continue;
            }
            Evaluation e = new Evaluation(this, v, current, payload, exceptions, context);
            EngineResponse r = switch (type) {
                case VALIDATING -> e.validate();
                case MUTATING -> e.mutate();
                case GENERATING -> e.generate();
                default -> new EngineResponse(this, resource, resource, List.of(response("", type == Type.DELETING
                        ? RuleResponse.Type.VALIDATION : RuleResponse.Type.IMAGE_VERIFY, RuleResponse.Status.ERROR,
                        notApplicable())));
            };
            if (r == null) {
                continue;
            }
            out.add(r);
            if (type == Type.MUTATING && r.patchedResource() != null && r.patchedResource() != resource) {
                current = current.withObject(r.patchedResource());
            }
        }
        return out;
    }

    /** Why a DeletingPolicy or ImageValidatingPolicy is not applied. */
    public String notApplicable() {
        return type == Type.DELETING
                ? kind + " '" + name + "' is not applicable offline: Kyverno runs it on a schedule against a cluster"
                        + " and deletes the resources its conditions select; Palisade does not delete anything"
                : kind + " '" + name + "' is not applicable offline: image verification needs registry access (use"
                        + " palisade check --verify-images with an ImagePolicy)";
    }

    static RuleResponse response(String rule, RuleResponse.Type type, RuleResponse.Status status, String message) {
        return new RuleResponse(rule, type, status, message, "", Map.of(), List.of(), null, List.of());
    }

    /** One evaluation of a variant on a request. */
    private static final class Evaluation {
        private final CelPolicy policy;
        private final Variant variant;
        private final CelRequest request;
        private final JsonNode payload;
        private final List<CelException> exceptions;
        private final CelContext context;
        private final Map<String, Object> values = new LinkedHashMap<>();
        private final CostMeter meter = CostMeter.kubernetes();
        private final Bindings bindings = values::get;

        Evaluation(CelPolicy policy, Variant variant, CelRequest request, JsonNode payload,
                List<CelException> exceptions, CelContext context) {
            this.policy = policy;
            this.variant = variant;
            this.request = request;
            this.payload = payload;
            this.exceptions = exceptions;
            this.context = context;
            bind(payload != null ? payload : request.object());
        }

        private void bind(JsonNode object) {
            values.put("object", object == null ? NullNode.getInstance() : object);
            if (payload == null) {
                values.put("oldObject", request.oldObject() == null ? NullNode.getInstance() : request.oldObject());
                values.put("request", request.admissionRequest());
                values.put("namespaceObject", request.namespaceObject() == null ? NullNode.getInstance()
                        : request.namespaceObject());
            } else {
                values.put("oldObject", NullNode.getInstance());
                values.put("request", NullNode.getInstance());
                values.put("namespaceObject", NullNode.getInstance());
            }
            values.put("params", NullNode.getInstance());
            values.put("authorizer", NullNode.getInstance());
            values.put("resource", context);
            values.put("globalContext", context);
            values.put("image", context);
            values.put("generator", context);
            values.put("http", context.http());
            values.put("json", CelLibraries.Codec.JSON);
            values.put("yaml", CelLibraries.Codec.YAML);
            ObjectNode none = NODES.objectNode();
            none.putArray("allowedImages");
            none.putArray("allowedValues");
            values.put("exceptions", none);
            Map<String, Object> vars = new LinkedHashMap<>();
            for (Named v : variant.variables()) {
                vars.put(v.name(), Bindings.memoize(() -> v.program().evaluate(bindings, meter)));
            }
            values.put("variables", vars);
        }

        private RuleResponse.Type ruleType() {
            return switch (policy.type) {
                case MUTATING -> RuleResponse.Type.MUTATION;
                case GENERATING -> RuleResponse.Type.GENERATION;
                default -> RuleResponse.Type.VALIDATION;
            };
        }

        /** Exceptions: null when none applies, else the response that replaces the evaluation. */
        private RuleResponse exceptionResponse() {
            List<CelException> matched = new ArrayList<>();
            boolean full = false;
            List<String> images = new ArrayList<>();
            List<String> allowedValues = new ArrayList<>();
            for (CelException ex : exceptions) {
                if (!ex.refersTo(policy)) {
                    continue;
                }
                boolean match;
                try {
                    match = conditions(ex.matchConditions());
                } catch (RuntimeException e) {
                    if (full) {
                        continue;
                    }
                    throw e;
                }
                if (match) {
                    matched.add(ex);
                    if (ex.images().isEmpty() && ex.allowedValues().isEmpty()) {
                        full = true;
                    } else if (!full) {
                        images.addAll(ex.images());
                        allowedValues.addAll(ex.allowedValues());
                    }
                }
            }
            if (full) {
                return CelException.response(matched, ruleType());
            }
            ObjectNode allowed = NODES.objectNode();
            images.forEach(allowed.putArray("allowedImages")::add);
            allowedValues.forEach(allowed.putArray("allowedValues")::add);
            values.put("exceptions", allowed);
            return null;
        }

        /** Kyverno's match: false on the first false condition; errors fail unless failurePolicy Ignore. */
        private boolean conditions(List<Named> conditions) {
            List<String> errors = new ArrayList<>();
            for (Named c : conditions) {
                Object result;
                try {
                    result = c.program().evaluate(bindings, meter);
                } catch (PalisadeException e) {
                    errors.add("matchCondition '" + c.name() + "': " + e.getMessage());
                    continue;
                }
                if (!(result instanceof Boolean b)) {
                    errors.add("matchCondition '" + c.name() + "' must evaluate to bool");
                    continue;
                }
                if (!b) {
                    return false;
                }
            }
            if (errors.isEmpty()) {
                return true;
            }
            if (policy.ignoreFailures) {
                return false;
            }
            throw new PalisadeException(String.join("; ", errors));
        }

        private JsonNode resource() {
            return payload != null ? payload : request.current();
        }

        private EngineResponse respond(RuleResponse rule) {
            return new EngineResponse(policy, resource(), resource(), List.of(rule));
        }

        EngineResponse validate() {
            try {
                RuleResponse ex = exceptionResponse();
                if (ex != null) {
                    return respond(ex);
                }
                if (!conditions(variant.matchConditions())) {
                    return respond(response("", RuleResponse.Type.VALIDATION, RuleResponse.Status.SKIP, "skip"));
                }
            } catch (PalisadeException e) {
                return respond(response("evaluation", RuleResponse.Type.VALIDATION, RuleResponse.Status.ERROR,
                        "failed to load context: " + e.getMessage()));
            }
            int index = 0;
            for (Validation v : variant.validations()) {
                Object out;
                try {
                    out = v.program().evaluate(bindings, meter);
                } catch (PalisadeException e) {
                    return respond(response("", RuleResponse.Type.VALIDATION, RuleResponse.Status.ERROR,
                            "error: validation " + index + " ('" + v.expression().strip() + "'): " + e.getMessage()));
                }
                if (!(out instanceof Boolean ok)) {
                    return respond(response("", RuleResponse.Type.VALIDATION, RuleResponse.Status.ERROR,
                            "error: validation " + index + " ('" + v.expression().strip()
                                    + "') must evaluate to bool"));
                }
                if (!ok) {
                    String message = v.message();
                    if (v.messageExpression() != null) {
                        try {
                            Object m = v.messageExpression().evaluate(bindings, meter);
                            message = m instanceof String s ? s
                                    : "failed to convert message expression to string: " + Values.toJson(m);
                        } catch (PalisadeException e) {
                            message = "failed to evaluate message expression: " + e.getMessage();
                        }
                    }
                    if (message.isEmpty()) {
                        message = "CEL expression validation failed at index " + index;
                    }
                    Map<String, String> audit;
                    try {
                        audit = auditAnnotations();
                    } catch (PalisadeException e) {
                        return respond(response("", RuleResponse.Type.VALIDATION, RuleResponse.Status.ERROR,
                                "error: " + e.getMessage()));
                    }
                    Map<String, String> props = new LinkedHashMap<>(audit);
                    props.put("cel.validationIndex", Integer.toString(index));
                    return respond(new RuleResponse("", RuleResponse.Type.VALIDATION, RuleResponse.Status.FAIL, message,
                            "", props, List.of(), null, List.of()));
                }
                index++;
            }
            try {
                Map<String, String> audit = auditAnnotations();
                return respond(new RuleResponse("", RuleResponse.Type.VALIDATION, RuleResponse.Status.PASS, "success",
                        "", audit, List.of(), null, List.of()));
            } catch (PalisadeException e) {
                return respond(response("evaluation", RuleResponse.Type.VALIDATION, RuleResponse.Status.ERROR,
                        "failed to load context: " + e.getMessage()));
            }
        }

        private Map<String, String> auditAnnotations() {
            Map<String, String> out = new LinkedHashMap<>();
            for (Named a : variant.auditAnnotations()) {
                Object v;
                try {
                    v = a.program().evaluate(bindings, meter);
                } catch (PalisadeException e) {
                    throw new PalisadeException("failed to evaluate auditAnnotation '" + a.name() + "': "
                            + e.getMessage());
                }
                if (v instanceof String s) {
                    if (!s.isEmpty()) {
                        out.put(a.name(), s);
                    }
                } else if (!(v instanceof dev.palisade.lang.NullValue)) {
                    throw new PalisadeException("failed to convert auditAnnotation '" + a.name()
                            + "' expression: not a string");
                }
            }
            return out;
        }

        EngineResponse mutate() {
            JsonNode original = resource();
            try {
                RuleResponse ex = exceptionResponse();
                if (ex != null) {
                    return respond(ex);
                }
                if (!conditions(variant.matchConditions())) {
                    return respond(response("", RuleResponse.Type.MUTATION, RuleResponse.Status.SKIP, "skip"));
                }
                JsonNode object = original;
                for (Mutation m : variant.mutations()) {
                    Object out = m.program().evaluate(bindings, meter);
                    JsonNode patch = Values.toJson(out);
                    if (m.jsonPatch()) {
                        if (!patch.isArray()) {
                            throw new PalisadeException("JSONPatch expression must return a list of JSONPatch, not "
                                    + GoJson.marshal(patch));
                        }
                        object = JsonPatch.applyStrict(object, patch);
                    } else {
                        if (!patch.isObject()) {
                            throw new PalisadeException("ApplyConfiguration expression must return an Object, not "
                                    + GoJson.marshal(patch));
                        }
                        object = ApplyMerge.apply(object, patch);
                    }
                    values.put("object", object);
                }
                Map<String, String> audit = auditAnnotations();
                return new EngineResponse(policy, original, object, List.of(new RuleResponse("",
                        RuleResponse.Type.MUTATION, RuleResponse.Status.PASS, "success", "", audit, List.of(), null,
                        List.of())));
            } catch (PalisadeException | StrategicMerge.PatchException e) {
                return respond(response("evaluation", RuleResponse.Type.MUTATION, RuleResponse.Status.ERROR,
                        "failed to evaluate policy: " + e.getMessage()));
            }
        }

        EngineResponse generate() {
            try {
                RuleResponse ex = exceptionResponse();
                if (ex != null) {
                    return respond(ex);
                }
                if (!conditions(variant.matchConditions())) {
                    return null;
                }
                for (Named g : variant.generate()) {
                    g.program().evaluate(bindings, meter);
                }
            } catch (PalisadeException e) {
                return respond(response(policy.name, RuleResponse.Type.GENERATION, RuleResponse.Status.ERROR,
                        "failed to evaluate policy: " + e.getMessage()));
            }
            return respond(new RuleResponse(policy.name, RuleResponse.Type.GENERATION, RuleResponse.Status.PASS,
                    "success", "", Map.of(), List.of(), null, context.generated()));
        }
    }

    /** Kyverno's autogen for CEL policies ({@code pkg/cel/autogen}, {@code vpol/autogen}, {@code mpol/autogen}). */
    static final class Autogen {
        private static final Pattern SPEC = Pattern.compile("\\b(object|oldObject|Object)\\.spec");
        private static final Pattern LABELS = Pattern.compile("\\b(object|oldObject|Object)\\.metadata\\.labels");
        private static final Pattern ANNOTATIONS =
                Pattern.compile("\\b(object|oldObject|Object)\\.metadata\\.annotations");
        private static final Map<String, String[]> TARGETS = new LinkedHashMap<>();

        static {
            TARGETS.put("daemonsets", new String[] {"apps", "v1", "DaemonSet", "defaults"});
            TARGETS.put("deployments", new String[] {"apps", "v1", "Deployment", "defaults"});
            TARGETS.put("replicasets", new String[] {"apps", "v1", "ReplicaSet", "defaults"});
            TARGETS.put("statefulsets", new String[] {"apps", "v1", "StatefulSet", "defaults"});
            TARGETS.put("jobs", new String[] {"batch", "v1", "Job", "defaults"});
            TARGETS.put("cronjobs", new String[] {"batch", "v1", "CronJob", "cronjobs"});
        }

        private Autogen() {
        }

        /** Kyverno's {@code CanAutoGen}: one rule for core v1 pods, no object selector, exclusions or names. */
        static boolean canAutogen(JsonNode match) {
            if (!match.isObject()) {
                return false;
            }
            JsonNode os = match.path("objectSelector");
            if (os.path("matchLabels").size() > 0 || os.path("matchExpressions").size() > 0) {
                return false;
            }
            if (match.path("excludeResourceRules").size() > 0 || match.path("resourceRules").size() != 1) {
                return false;
            }
            JsonNode r = match.path("resourceRules").get(0);
            return r.path("resourceNames").size() == 0 && one(r.path("apiGroups"), "")
                    && one(r.path("apiVersions"), "v1") && one(r.path("resources"), "pods");
        }

        private static boolean one(JsonNode list, String value) {
            return list.size() == 1 && list.get(0).asText("").equals(value);
        }

        /** The autogen specs by config ({@code cronjobs}, {@code defaults}), in Kyverno's (sorted) order. */
        static Map<String, JsonNode> variants(JsonNode spec, boolean mutating) {
            Map<String, JsonNode> out = new java.util.TreeMap<>();
            JsonNode match = spec.path("matchConstraints");
            if (!canAutogen(match)) {
                return out;
            }
            List<String> controllers = new ArrayList<>(TARGETS.keySet());
            JsonNode configured = spec.path("autogen").path("podControllers").path("controllers");
            if (configured.isArray()) {
                controllers = new ArrayList<>();
                for (JsonNode c : configured) {
                    controllers.add(c.asText());
                }
            }
            Map<String, List<String[]>> byConfig = new java.util.TreeMap<>();
            for (String c : controllers) {
                String[] t = TARGETS.get(c);
                if (t != null) {
                    byConfig.computeIfAbsent(t[3], k -> new ArrayList<>()).add(new String[] {t[0], t[1], c});
                }
            }
            JsonNode operations = match.path("resourceRules").get(0).path("operations");
            if (operations.size() == 0) {
                return out;
            }
            for (Map.Entry<String, List<String[]>> e : byConfig.entrySet()) {
                String config = e.getKey();
                ObjectNode newMatch = NODES.objectNode();
                Map<String, java.util.TreeSet<String>> byGv = new java.util.TreeMap<>();
                for (String[] t : e.getValue()) {
                    byGv.computeIfAbsent(t[0] + "/" + t[1], k -> new java.util.TreeSet<>()).add(t[2]);
                }
                var rules = newMatch.putArray("resourceRules");
                for (Map.Entry<String, java.util.TreeSet<String>> gv : byGv.entrySet()) {
                    ObjectNode r = rules.addObject();
                    String[] parts = gv.getKey().split("/");
                    r.putArray("apiGroups").add(parts[0]);
                    r.putArray("apiVersions").add(parts[1]);
                    gv.getValue().forEach(r.putArray("resources")::add);
                    r.set("operations", operations.deepCopy());
                }
                if (match.hasNonNull("namespaceSelector")) {
                    newMatch.set("namespaceSelector", match.get("namespaceSelector").deepCopy());
                }
                ObjectNode copy;
                if (mutating) {
                    copy = spec.deepCopy();
                    int i = 0;
                    for (JsonNode c : copy.path("matchConditions")) {
                        ((ObjectNode) c).put("expression", convertMutating(c.path("expression").asText(""), config));
                        i++;
                    }
                    for (JsonNode m : copy.path("mutations")) {
                        if (m.path("applyConfiguration").hasNonNull("expression")) {
                            ((ObjectNode) m.get("applyConfiguration")).put("expression",
                                    convertMutating(m.path("applyConfiguration").path("expression").asText(""), config));
                        }
                    }
                } else {
                    copy = (ObjectNode) GoJson.parse(replace(spec.toString(), config));
                }
                copy.set("matchConstraints", newMatch);
                out.put(config, copy);
            }
            return out;
        }

        /** Kyverno's byte replacement over the spec's JSON ({@code object.spec} → {@code object.spec.template.spec}...). */
        static String replace(String json, String config) {
            String spec = config.equals("cronjobs") ? "spec.jobTemplate.spec.template.spec" : "spec.template.spec";
            String metadata = config.equals("cronjobs") ? "spec.jobTemplate.spec.template.metadata"
                    : "spec.template.metadata";
            for (String[] r : new String[][] {{"spec", spec}, {"metadata", metadata}}) {
                json = replaceAll(json, "object." + r[0], "object." + r[1]);
                json = replaceAll(json, "oldObject." + r[0], "oldObject." + r[1]);
            }
            return json;
        }

        private static String replaceAll(String data, String from, String to) {
            StringBuilder out = new StringBuilder();
            int idx = data.indexOf(from);
            int start = 0;
            while (idx >= 0) {
                out.append(data, start, idx);
                int rest = idx + from.length();
                boolean isProtected = data.startsWith(".namespace", rest)
                        && (rest + 10 >= data.length() || !identifierChar(data.charAt(rest + 10)));
                out.append(isProtected ? from : to);
                start = rest;
                idx = data.indexOf(from, start);
            }
            out.append(data.substring(start));
            return out.toString();
        }

        private static boolean identifierChar(char c) {
            return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
        }

        /** Kyverno's {@code convertPodToTemplateExpression} for MutatingPolicies. */
        static String convertMutating(String expression, String config) {
            String specR = config.equals("cronjobs") ? "spec.jobTemplate.spec.template.spec" : "spec.template.spec";
            String metaR = config.equals("cronjobs") ? "spec.jobTemplate.spec.template.metadata"
                    : "spec.template.metadata";
            expression = SPEC.matcher(expression).replaceAll("$1." + Matcher.quoteReplacement(specR));
            expression = LABELS.matcher(expression).replaceAll("$1." + Matcher.quoteReplacement(metaR) + ".labels");
            expression = ANNOTATIONS.matcher(expression).replaceAll("$1." + Matcher.quoteReplacement(metaR)
                    + ".annotations");
            String trimmed = expression.strip();
            if (!trimmed.startsWith("Object")) {
                return expression;
            }
            String content = trimmed.substring("Object".length()).stripLeading();
            if (!content.startsWith("{")) {
                return expression;
            }
            content = content.substring(1);
            int depth = 1;
            int end = 0;
            for (int i = 0; i < content.length(); i++) {
                char c = content.charAt(i);
                if (c == '{') {
                    depth++;
                } else if (c == '}') {
                    depth--;
                    if (depth == 0) {
                        end = i;
                        break;
                    }
                }
            }
            if (end == 0) {
                return expression;
            }
            String inner = content.substring(0, end);
            String remaining = content.substring(end + 1);
            String wrapper = config.equals("cronjobs")
                    ? "Object{spec: Object.spec{jobTemplate: Object.spec.jobTemplate{spec: Object.spec.jobTemplate.spec{template: Object.spec.jobTemplate.spec.template{"
                    : "Object{spec: Object.spec{template: Object.spec.template{";
            String closing = config.equals("cronjobs") ? "}}}}}" : "}}}";
            return wrapper + inner + closing + remaining;
        }
    }
}
