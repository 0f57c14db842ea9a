package dev.palisade.kyverno.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.AdmissionRequest;
import dev.palisade.core.Enforcement;
import dev.palisade.core.EnforcementAction;
import dev.palisade.core.EnforcementPoint;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.FailurePolicy;
import dev.palisade.core.FindingSink;
import dev.palisade.core.InventoryNeeds;
import dev.palisade.core.KindSelector;
import dev.palisade.core.LabelSelector;
import dev.palisade.core.Match;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.Policy;
import dev.palisade.core.PolicyMetadata;
import dev.palisade.core.Resource;
import dev.palisade.core.Severity;
import dev.palisade.core.policy.MatchParser;
import dev.palisade.kyverno.internal.engine.ContextLoader;
import dev.palisade.kyverno.internal.engine.Engine;
import dev.palisade.kyverno.internal.engine.EngineResponse;
import dev.palisade.kyverno.internal.engine.KyvernoPolicy;
import dev.palisade.kyverno.internal.engine.PolicyContext;
import dev.palisade.kyverno.internal.engine.PolicyExceptions;
import dev.palisade.kyverno.jmespath.JmesPath;
import dev.palisade.kyverno.internal.engine.RequestInfo;
import dev.palisade.kyverno.internal.engine.Requests;
import dev.palisade.kyverno.internal.engine.Rule;
import dev.palisade.kyverno.internal.engine.RuleResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Kyverno ClusterPolicy or Policy as one Palisade {@link Policy}: each resource goes through the
 * policy's mutations (so validation sees the mutated resource, as in Kyverno) and then its
 * validations; every failing rule is a finding with Kyverno's message at the offending field, with
 * the action its {@code failureAction} gives at the enforcement point. Rule errors fail closed
 * (per the policy's {@code failurePolicy}). Immutable and thread-safe.
 */
public final class KyvernoPalisadePolicy implements Policy {
    private final KyvernoPolicy policy;
    private final PolicyExceptions exceptions;
    private final JmesPath jmesPath;
    private final PolicyMetadata metadata;
    private final Match match;
    private final Enforcement enforcement;
    private final Set<String> operations;
    private final InventoryNeeds inventoryNeeds;

    /**
     * Wraps a compiled Kyverno policy.
     *
     * @param exceptions the PolicyExceptions loaded with it
     * @param jmesPath the JMESPath dialect of its variables
     */
    public KyvernoPalisadePolicy(KyvernoPolicy policy, PolicyExceptions exceptions, JmesPath jmesPath) {
        this.policy = policy;
        this.exceptions = exceptions;
        this.jmesPath = jmesPath;
        this.metadata = metadata(policy);
        this.match = Match.kinds(kindSelectors(policy).toArray(KindSelector[]::new));
        this.enforcement = enforcement(policy);
        this.operations = operations(policy);
        this.inventoryNeeds = inventoryNeeds(policy);
    }

    /**
     * The operations Kyverno's webhooks register for the rules Palisade evaluates
     * ({@code controllers/webhook}: {@code mergeWebhook}, {@code collectResourceDescriptions}):
     * validate rules, image checks and mutate-existing rules go to the validating webhook, which
     * registers CREATE, UPDATE, DELETE and CONNECT by default; standard mutate rules and
     * verifyImages go to the mutating webhook, CREATE and UPDATE by default; {@code operations} in
     * a match filter replaces the default, and {@code exclude.any} entries naming only kinds and
     * operations take them away. The engine then decides per rule (a DELETE skips pattern and Pod
     * Security rules but evaluates deny and CEL rules against the old object, as Kyverno does).
     */
    static Set<String> operations(KyvernoPolicy policy) {
        Set<String> all = Set.of("CREATE", "UPDATE", "DELETE", "CONNECT");
        Set<String> createUpdate = Set.of("CREATE", "UPDATE");
        Set<String> out = new java.util.TreeSet<>();
        for (Rule rule : policy.rules()) {
            List<Set<String>> defaults = new ArrayList<>();
            if (rule.hasValidate() || rule.hasVerifyImageChecks() || rule.hasMutateExisting()) {
                defaults.add(all);
            }
            if (rule.hasMutate() && !rule.hasMutateExisting() || rule.hasVerifyImages()) {
                defaults.add(createUpdate);
            }
            for (Set<String> d : defaults) {
                Map<String, Set<String>> byKind = rule.match().webhookOperations(d);
                if (rule.exclude() != null) {
                    rule.exclude().removeExcludedOperations(byKind);
                }
                byKind.values().forEach(out::addAll);
            }
        }
        return Set.copyOf(out);
    }

    /**
     * What the policy reads from the inventory: nothing, unless a context entry reads the cluster
     * ({@code configMap}: ConfigMaps; {@code apiCall} with a Kubernetes API path: every kind, since
     * the path may name any resource; {@code globalReference}: nothing offline) or a rule mutates
     * or clones existing resources (every kind).
     */
    static InventoryNeeds inventoryNeeds(KyvernoPolicy policy) {
        boolean configMaps = false;
        for (Rule rule : policy.rules()) {
            if (rule.hasMutateExisting() || rule.hasGenerate()) {
                return InventoryNeeds.ALL;
            }
            List<JsonNode> contexts = new ArrayList<>();
            collectContexts(rule.node(), contexts);
            for (JsonNode entries : contexts) {
                for (JsonNode entry : entries) {
                    if (entry.has("configMap")) {
                        configMaps = true;
                    }
                    if (entry.has("apiCall") && !entry.path("apiCall").hasNonNull("service")) {
                        return InventoryNeeds.ALL;
                    }
                }
            }
        }
        return configMaps ? InventoryNeeds.kinds("/ConfigMap") : InventoryNeeds.NONE;
    }

    /** Every {@code context} list of a rule, its foreach blocks included. */
    private static void collectContexts(JsonNode node, List<JsonNode> out) {
        if (node.isObject()) {
            JsonNode c = node.get("context");
            if (c != null && c.isArray()) {
                out.add(c);
            }
            node.fields().forEachRemaining(e -> {
                if (!e.getKey().equals("context")) {
                    collectContexts(e.getValue(), out);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectContexts(n, out));
        }
    }

    @Override
    public Set<String> operations() {
        return operations;
    }

    @Override
    public InventoryNeeds inventoryNeeds() {
        return inventoryNeeds;
    }

    /** The compiled Kyverno policy. */
    public KyvernoPolicy kyvernoPolicy() {
        return policy;
    }

    private static PolicyMetadata metadata(KyvernoPolicy policy) {
        Map<String, String> a = policy.annotations();
        String id = policy.namespace().isEmpty() ? policy.name() : policy.namespace() + "/" + policy.name();
        Severity severity = switch (a.getOrDefault("policies.kyverno.io/severity", "").toLowerCase(Locale.ROOT)) {
            case "critical" -> Severity.CRITICAL;
            case "high" -> Severity.HIGH;
            case "low" -> Severity.LOW;
            case "info" -> Severity.INFO;
            default -> Severity.MEDIUM;
        };
        return PolicyMetadata.of(id, a.getOrDefault("policies.kyverno.io/title", policy.name()), severity)
                .withCategory(a.getOrDefault("policies.kyverno.io/category", ""))
                .withDescription(a.getOrDefault("policies.kyverno.io/description", "").strip())
                .withTags(List.of("kyverno"));
    }

    /**
     * Kinds for indexing: every kind the rules (autogen included) name; any kind when a rule uses a
     * wildcard or names none.
     */
    private static List<KindSelector> kindSelectors(KyvernoPolicy policy) {
        List<String> kinds = new ArrayList<>();
        for (Rule rule : policy.rules()) {
            List<String> ruleKinds = rule.match().kinds();
            if (ruleKinds.isEmpty()) {
                return List.of();
            }
            kinds.addAll(ruleKinds);
        }
        if (!policy.autogenRuleNames().isEmpty()) {
            kinds.addAll(List.of("DaemonSet", "Deployment", "Job", "StatefulSet", "ReplicaSet",
                    "ReplicationController", "CronJob"));
        }
        List<KindSelector> out = new ArrayList<>();
        for (String k : kinds) {
            Kinds.Selector s = Kinds.parse(k);
            if (s.kind().isEmpty() || Wildcard.containsWildcard(s.kind()) || Wildcard.containsWildcard(s.group())
                    && !s.group().equals("*")) {
                return List.of();
            }
            out.add(new KindSelector(List.of(s.group()), List.of(s.kind())));
        }
        return out;
    }

    /**
     * The policy-level action per point: Enforce denies everywhere; Audit warns in CI and audits,
     * and at admission is a dry run (a warning with {@code emitWarning}). Points where the policy
     * does not run ({@code background: false}, {@code admission: false}) are left out.
     */
    private static Enforcement enforcement(KyvernoPolicy policy) {
        Map<EnforcementPoint, EnforcementAction> actions = new EnumMap<>(EnforcementPoint.class);
        for (EnforcementPoint point : EnforcementPoint.values()) {
            if (point == EnforcementPoint.AUDIT && !policy.background()
                    || point == EnforcementPoint.ADMISSION && !policy.admission()) {
                continue;
            }
            actions.put(point, actionFor(policy.validationFailureAction(), point, policy.emitWarning()));
        }
        return Enforcement.scoped(actions);
    }

    /** The action of a Kyverno failure action ({@code Enforce}/{@code Audit}, any case) at a point. */
    static EnforcementAction actionFor(String failureAction, EnforcementPoint point, boolean emitWarning) {
        if (failureAction.equalsIgnoreCase("enforce")) {
            return EnforcementAction.DENY;
        }
        if (point == EnforcementPoint.ADMISSION) {
            return emitWarning ? EnforcementAction.WARN : EnforcementAction.DRYRUN;
        }
        return EnforcementAction.WARN;
    }

    @Override
    public PolicyMetadata metadata() {
        return metadata;
    }

    @Override
    public Match match() {
        return match;
    }

    @Override
    public Enforcement enforcement() {
        return enforcement;
    }

    @Override
    public FailurePolicy failurePolicy() {
        return policy.failurePolicy().equalsIgnoreCase("Ignore") ? FailurePolicy.IGNORE : FailurePolicy.FAIL;
    }

    @Override
    public void evaluate(Resource resource, EvaluationContext context, FindingSink sink) {
        Optional<AdmissionRequest> request = resource.request();
        String operation = request.map(AdmissionRequest::operation).orElse("CREATE");
        RequestInfo info = request.map(r -> RequestInfo.read(wrapUserInfo(r.userInfo()))).orElse(RequestInfo.EMPTY);
        String namespace = resource.id().namespace();
        Map<String, String> labels = namespace.isEmpty() ? Map.of()
                : context.namespaceLabels().labelsOf(namespace).orElse(Map.of());
        JsonNode object = resource.object();
        JsonNode previous = request.flatMap(AdmissionRequest::oldObject)
                .orElse(com.fasterxml.jackson.databind.node.MissingNode.getInstance());
        List<String> errors = new ArrayList<>();
        InventoryData inventory = InventoryData.of(context.inventory().all());
        Engine engine = new Engine(inventory, ContextLoader.RuleValues.NONE, exceptions, inventory.asResources(),
                jmesPath);
        if (policy.hasMutate()) {
            PolicyContext pctx = Requests.create(engine.jmesPath(), object, previous, operation, info, labels, Map.of());
            EngineResponse mutated = engine.mutate(policy, pctx);
            for (RuleResponse r : mutated.rules()) {
                if (r.status() == RuleResponse.Status.ERROR) {
                    errors.add("rule " + r.name() + ": " + r.message());
                }
            }
            object = mutated.patchedResource();
        }
        if (policy.hasValidate()) {
            PolicyContext pctx = Requests.create(engine.jmesPath(), object, previous, operation, info, labels, Map.of());
            EngineResponse validated = engine.validate(policy, pctx);
            for (RuleResponse r : validated.rules()) {
                switch (r.status()) {
                    case FAIL -> sink.report(r.message(), r.pointer(),
                            ruleAction(r.name(), context.enforcementPoint(), namespace, labels));
                    case WARN -> sink.report(r.message(), r.pointer(), EnforcementAction.WARN);
                    case ERROR -> errors.add("rule " + r.name() + ": " + r.message());
                    default -> {
                    }
                }
            }
        }
        if (policy.hasVerifyImages()) {
            PolicyContext pctx = Requests.create(engine.jmesPath(), object, previous, operation, info, labels, Map.of());
            for (RuleResponse r : engine.verifyImages(policy, pctx).rules()) {
                sink.report("images not verified: " + r.message(), "", EnforcementAction.WARN);
            }
        }
        if (!errors.isEmpty()) {
            throw new PalisadeException(String.join("; ", errors));
        }
    }

    private static JsonNode wrapUserInfo(JsonNode userInfo) {
        com.fasterxml.jackson.databind.node.ObjectNode node = com.fasterxml.jackson.databind.node.JsonNodeFactory
                .instance.objectNode();
        node.set("userInfo", userInfo);
        return node;
    }

    /**
     * A rule's action at a point: the rule's {@code failureAction} or the policy's, then the
     * namespace overrides ({@code failureActionOverrides}, {@code validationFailureActionOverrides}).
     */
    private EnforcementAction ruleAction(String ruleName, EnforcementPoint point, String namespace,
            Map<String, String> labels) {
        JsonNode validate = null;
        for (Rule rule : policy.rulesFor("")) {
            if (rule.name().equals(ruleName)) {
                validate = rule.validate();
                break;
            }
        }
        String action = policy.validationFailureAction();
        JsonNode overrides = policy.spec().path("validationFailureActionOverrides");
        if (validate != null && validate.hasNonNull("failureAction")) {
            action = validate.get("failureAction").asText();
        }
        if (validate != null && validate.hasNonNull("failureActionOverrides")) {
            overrides = validate.get("failureActionOverrides");
        }
        for (JsonNode override : overrides) {
            boolean inNamespace = override.path("namespaces").isEmpty()
                    || Wildcard.matchAny(stringList(override.path("namespaces")), namespace);
            boolean selected = true;
            if (override.hasNonNull("namespaceSelector")) {
                Optional<LabelSelector> selector = MatchParser.selector(override.get("namespaceSelector"),
                        "failureActionOverrides.namespaceSelector");
                selected = selector.map(s -> s.matches(labels)).orElse(true);
            }
            if (inNamespace && selected && !namespace.isEmpty()) {
                action = override.path("action").asText(action);
                break;
            }
        }
        return actionFor(action, point, policy.emitWarning());
    }

    private static List<String> stringList(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.asText()));
        return out;
    }
}
