package dev.palisade.kyverno.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.core.AdmissionRequest;
import dev.palisade.core.Enforcement;
import dev.palisade.core.EnforcementAction;
import dev.palisade.core.EnforcementPoint;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.FailurePolicy;
import dev.palisade.core.FindingSink;
import dev.palisade.core.InventoryNeeds;
import dev.palisade.core.Match;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.Policy;
import dev.palisade.core.PolicyMetadata;
import dev.palisade.core.Resource;
import dev.palisade.core.Severity;
import dev.palisade.kyverno.internal.cel.CelContext;
import dev.palisade.kyverno.internal.cel.CelException;
import dev.palisade.kyverno.internal.cel.CelPolicy;
import dev.palisade.kyverno.internal.cel.CelRequest;
import dev.palisade.kyverno.internal.engine.EngineResponse;
import dev.palisade.kyverno.internal.engine.RuleResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One of Kyverno's CEL policy kinds as a Palisade {@link Policy}. A ValidatingPolicy's failed
 * validation is a finding with its message, whose action follows {@code validationActions}
 * ({@code Deny} denies; {@code Warn} warns; {@code Audit} alone warns in CI and audits and is a dry
 * run at admission); evaluation errors fail closed unless {@code failurePolicy: Ignore}. A
 * MutatingPolicy or GeneratingPolicy reports only errors (their results are objects, not
 * findings). A DeletingPolicy or ImageValidatingPolicy cannot be applied offline: each resource it
 * matches gets a {@code warn} finding saying so, never a silent pass. The operations the policy judges
 * are those its {@code matchConstraints} name; it reads the inventory only when its expressions call
 * {@code resource.Get/List}. Immutable and thread-safe.
 */
public final class KyvernoCelPalisadePolicy implements Policy {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final CelPolicy policy;
    private final List<CelException> exceptions;
    private final PolicyMetadata metadata;
    private final Enforcement enforcement;

    /**
     * @param exceptions the CEL PolicyExceptions loaded with it
     */
    public KyvernoCelPalisadePolicy(CelPolicy policy, List<CelException> exceptions) {
        this.policy = policy;
        this.exceptions = List.copyOf(exceptions);
        Map<String, String> a = policy.annotations();
        String id = policy.namespace().isEmpty() ? policy.name() : policy.namespace() + "/" + policy.name();
        Severity severity = switch (a.getOrDefault("policies.kyverno.io/severity", "").toLowerCase(Locale.ROOT)) {
            case "critical" -> Severity.CRITICAL;
            case "high" -> Severity.HIGH;
            case "low" -> Severity.LOW;
            case "info" -> Severity.INFO;
            default -> Severity.MEDIUM;
        };
        this.metadata = PolicyMetadata.of(id, a.getOrDefault("policies.kyverno.io/title", policy.name()), severity)
                .withCategory(a.getOrDefault("policies.kyverno.io/category", ""))
                .withDescription(a.getOrDefault("policies.kyverno.io/description", "").strip())
                .withTags(List.of("kyverno", policy.kind()));
        Map<EnforcementPoint, EnforcementAction> actions = new EnumMap<>(EnforcementPoint.class);
        for (EnforcementPoint point : EnforcementPoint.values()) {
            if (point == EnforcementPoint.AUDIT && !policy.background()
                    || point == EnforcementPoint.ADMISSION && !policy.admission()) {
                continue;
            }
            actions.put(point, action(point));
        }
        this.enforcement = Enforcement.scoped(actions);
    }

    /** The compiled CEL policy. */
    public CelPolicy celPolicy() {
        return policy;
    }

    private EnforcementAction action(EnforcementPoint point) {
        if (policy.type() == CelPolicy.Type.DELETING || policy.type() == CelPolicy.Type.IMAGE_VALIDATING) {
            return EnforcementAction.WARN;
        }
        Set<String> a = policy.actions();
        if (a.contains("Deny")) {
            return EnforcementAction.DENY;
        }
        if (a.contains("Warn") || point != EnforcementPoint.ADMISSION) {
            return EnforcementAction.WARN;
        }
        return EnforcementAction.DRYRUN;
    }

    @Override
    public PolicyMetadata metadata() {
        return metadata;
    }

    @Override
    public Match match() {
        return Match.ALL;
    }

    @Override
    public Enforcement enforcement() {
        return enforcement;
    }

    @Override
    public FailurePolicy failurePolicy() {
        return policy.ignoreFailures() ? FailurePolicy.IGNORE : FailurePolicy.FAIL;
    }

    @Override
    public InventoryNeeds inventoryNeeds() {
        return policy.readsResources() ? InventoryNeeds.ALL : InventoryNeeds.NONE;
    }

    @Override
    public Set<String> operations() {
        return policy.operations();
    }

    @Override
    public void evaluate(Resource resource, EvaluationContext context, FindingSink sink) {
        java.util.Optional<AdmissionRequest> admission = resource.request();
        String operation = admission.map(AdmissionRequest::operation).orElse("CREATE");
        JsonNode userInfo = admission.map(AdmissionRequest::userInfo).orElse(NODES.objectNode());
        JsonNode previous = admission.flatMap(AdmissionRequest::oldObject).orElse(null);
        String namespace = resource.id().namespace();
        JsonNode namespaceObject = null;
        Map<String, String> labels = Map.of();
        if (!namespace.isEmpty() && !(resource.id().group().isEmpty() && resource.id().kind().equals("Namespace"))) {
            labels = context.namespaceLabels().labelsOf(namespace).orElse(Map.of());
            ObjectNode ns = NODES.objectNode();
            ns.put("apiVersion", "v1").put("kind", "Namespace");
            ObjectNode m = ns.putObject("metadata");
            m.put("name", namespace);
            ObjectNode l = m.putObject("labels");
            l.put("kubernetes.io/metadata.name", namespace);
            labels.forEach(l::put);
            namespaceObject = ns;
            java.util.Map<String, String> withName = new java.util.LinkedHashMap<>(labels);
            withName.putIfAbsent("kubernetes.io/metadata.name", namespace);
            labels = withName;
        }
        JsonNode object = JsonValues.numbersAsUnstructured(resource.object());
        CelRequest request = CelRequest.of(object, previous, operation, userInfo, namespaceObject, labels);
        if (policy.type() == CelPolicy.Type.DELETING || policy.type() == CelPolicy.Type.IMAGE_VALIDATING) {
            if (policy.matches(request)) {
                sink.report(policy.notApplicable(), "", EnforcementAction.WARN);
            }
            return;
        }
        CelContext celContext = new CelContext(() -> {
            List<JsonNode> all = new ArrayList<>();
            context.inventory().all().forEach(r -> all.add(r.object()));
            return all;
        }, "the input resources", Map.of(), Map.of());
        List<String> errors = new ArrayList<>();
        JsonNode payload = policy.jsonMode() ? object : null;
        EnforcementAction action = enforcement.at(context.enforcementPoint()).orElse(EnforcementAction.WARN);
        for (EngineResponse response : policy.evaluate(request, payload, exceptions, celContext)) {
            for (RuleResponse r : response.rules()) {
                switch (r.status()) {
                    case FAIL -> sink.report(r.message(), "", action);
                    case ERROR -> errors.add(r.message());
                    default -> {
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new PalisadeException(policy.kind() + " " + policy.name() + ": " + String.join("; ", errors));
        }
    }
}
