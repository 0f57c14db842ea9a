package dev.palisade.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.Enforcement;
import dev.palisade.core.EnforcementAction;
import dev.palisade.core.FailurePolicy;
import dev.palisade.core.LabelSelector;
import dev.palisade.core.Match;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.Policy;
import dev.palisade.core.PolicyMetadata;
import dev.palisade.core.Resource;
import dev.palisade.core.ResourceId;
import dev.palisade.core.Severity;
import dev.palisade.core.policy.internal.AdmissionPolicy;
import dev.palisade.core.policy.internal.MatchResources;
import dev.palisade.core.policy.internal.ParamSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads Kubernetes {@code ValidatingAdmissionPolicy} and {@code ValidatingAdmissionPolicyBinding}
 * documents ({@code admissionregistration.k8s.io/v1}, also v1beta1) and compiles one policy per
 * binding, with id {@code <policy>/<binding>}. Parameter objects are read from the documents loaded
 * with the policies and from the evaluation's inventory. Validation actions map to enforcement:
 * {@code Deny} → deny, {@code Warn} → warn, {@code Audit} alone → dryrun. The {@code authorizer}
 * variable is not available offline; a policy that uses it fails to load with a message saying so.
 * Annotations {@code palisade.dev/severity}, {@code palisade.dev/title} and
 * {@code palisade.dev/remediation} on the policy set the report metadata.
 */
public final class AdmissionPolicyFormat implements PolicyFormat {
    private static final String GROUP = "admissionregistration.k8s.io";
    private static final Set<String> VERSIONS = Set.of("v1", "v1beta1");
    private static final String POLICY = "ValidatingAdmissionPolicy";
    private static final String BINDING = "ValidatingAdmissionPolicyBinding";

    @Override
    public String name() {
        return GROUP + "/v1 " + POLICY + " and " + BINDING;
    }

    @Override
    public Set<String> apiGroups() {
        return Set.of(GROUP);
    }

    @Override
    public boolean reads(ResourceId id) {
        return id.group().equals(GROUP) && VERSIONS.contains(id.version())
                && (id.kind().equals(POLICY) || id.kind().equals(BINDING));
    }

    /** A policy compiled once, shared by its bindings. */
    private record Compiled(Resource document, ValidationBlock rules, MatchResources resources, FailurePolicy failurePolicy,
            Optional<ResourceId> paramKind, PolicyMetadata metadata) {
    }

    @Override
    public List<Policy> compile(List<Resource> documents, PolicyLoadContext context) {
        Map<String, Compiled> policies = new LinkedHashMap<>();
        Set<String> failed = new HashSet<>();
        for (Resource document : documents) {
            if (document.id().kind().equals(POLICY)) {
                try {
                    Compiled compiled = compilePolicy(document);
                    if (policies.putIfAbsent(document.id().name(), compiled) != null) {
                        context.error(document.source(), POLICY + " '" + document.id().name() + "' is defined twice");
                    }
                } catch (PalisadeException e) {
                    failed.add(document.id().name());
                    context.error(e.location().orElse(document.source()), POLICY + " '" + document.id().name()
                            + "': " + e.getMessage());
                }
            }
        }
        List<Policy> result = new ArrayList<>();
        Set<String> bound = new HashSet<>();
        for (Resource binding : documents) {
            if (!binding.id().kind().equals(BINDING)) {
                continue;
            }
            String policyName = binding.object().path("spec").path("policyName").asText("");
            try {
                Compiled policy = policies.get(policyName);
                if (policy == null) {
                    if (!failed.contains(policyName)) {
                        throw new PalisadeException("spec.policyName '" + policyName + "' names no "
                                + POLICY + " among the loaded policy files", binding.locate("/spec/policyName"));
                    }
                    continue;
                }
                result.add(bind(policy, binding, context.allDocuments()));
                bound.add(policyName);
            } catch (PalisadeException e) {
                context.error(e.location().orElse(binding.source()), BINDING + " '" + binding.id().name() + "': "
                        + e.getMessage());
            }
        }
        policies.forEach((name, policy) -> {
            if (!bound.contains(name)) {
                context.error(policy.document().source(), POLICY + " '" + name + "' has no " + BINDING
                        + " among the loaded files, so it would never run; add a binding (with validationActions)");
            }
        });
        return result;
    }

    private Compiled compilePolicy(Resource document) {
        JsonNode spec = document.object().path("spec");
        if (!spec.isObject()) {
            throw new PalisadeException("needs a spec", document.source());
        }
        MatchResources resources = PolicySpecs.at(document, "/spec/matchConstraints",
                () -> MatchResources.parse(spec.path("matchConstraints"), "spec.matchConstraints", true));
        ValidationBlock rules = ValidationBlock.read(document, "/spec", ValidationBlock.Options.admission());
        Optional<ResourceId> paramKind = Optional.empty();
        if (spec.has("paramKind")) {
            JsonNode kind = spec.path("paramKind");
            if (!kind.path("apiVersion").isTextual() || !kind.path("kind").isTextual()) {
                throw new PalisadeException("spec.paramKind needs apiVersion and kind", document.locate("/spec/paramKind"));
            }
            ResourceId id = ResourceId.of(kind);
            paramKind = Optional.of(id);
        }
        Map<String, String> annotations = document.annotations();
        Severity severity = Severity.parse(annotations.getOrDefault("palisade.dev/severity", "medium"));
        PolicyMetadata metadata = new PolicyMetadata(document.id().name(),
                annotations.getOrDefault("palisade.dev/title", POLICY + " " + document.id().name()), severity,
                annotations.getOrDefault("palisade.dev/category", "Admission policy"),
                annotations.getOrDefault("palisade.dev/description", ""),
                annotations.getOrDefault("palisade.dev/remediation", ""), "", List.of());
        return new Compiled(document, rules, resources, rules.failurePolicy(), paramKind, metadata);
    }

    private Policy bind(Compiled policy, Resource binding, List<Resource> all) {
        JsonNode spec = binding.object().path("spec");
        Enforcement enforcement = validationActions(spec.path("validationActions"), binding);
        MatchResources bindingResources = PolicySpecs.at(binding, "/spec/matchResources",
                () -> MatchResources.parse(spec.path("matchResources"), "spec.matchResources", false));
        Optional<ParamSource> params = paramSource(policy, spec.path("paramRef"), binding, all);
        Match match = policy.resources().namespaceSelector().map(Match.ALL::withNamespaceSelector).orElse(Match.ALL);
        String id = policy.metadata().id() + "/" + binding.id().name();
        PolicyMetadata metadata = new PolicyMetadata(id, policy.metadata().title(), policy.metadata().severity(),
                policy.metadata().category(), policy.metadata().description(), policy.metadata().remediation(),
                policy.metadata().helpUrl(), policy.metadata().tags(), binding.source());
        return new AdmissionPolicy(metadata, match, enforcement, policy.failurePolicy(), policy.resources(),
                bindingResources, params, policy.rules());
    }

    private static Optional<ParamSource> paramSource(Compiled policy, JsonNode ref, Resource binding,
            List<Resource> all) {
        if (policy.paramKind().isEmpty()) {
            if (!ref.isMissingNode() && !ref.isNull()) {
                throw new PalisadeException("spec.paramRef is set but " + POLICY + " '" + policy.metadata().id()
                        + "' has no paramKind", binding.locate("/spec/paramRef"));
            }
            return Optional.empty();
        }
        if (!ref.isObject()) {
            throw new PalisadeException("spec.paramRef is required: " + POLICY + " '" + policy.metadata().id()
                    + "' declares paramKind " + policy.paramKind().get().kind(), binding.locate("/spec"));
        }
        Optional<String> name = ref.hasNonNull("name") ? Optional.of(ref.path("name").asText()) : Optional.empty();
        Optional<LabelSelector> selector = PolicySpecs.at(binding, "/spec/paramRef/selector",
                () -> MatchParser.selector(ref.path("selector"), "spec.paramRef.selector"));
        if (name.isPresent() == selector.isPresent()) {
            throw new PalisadeException("spec.paramRef needs exactly one of name or selector",
                    binding.locate("/spec/paramRef"));
        }
        String notFound = ref.path("parameterNotFoundAction").asText("Deny");
        if (!notFound.equals("Allow") && !notFound.equals("Deny")) {
            throw new PalisadeException("spec.paramRef.parameterNotFoundAction must be Allow or Deny",
                    binding.locate("/spec/paramRef/parameterNotFoundAction"));
        }
        ResourceId kind = policy.paramKind().get();
        List<Resource> loaded = all.stream().filter(r -> r.id().group().equals(kind.group())
                && r.id().kind().equals(kind.kind())).toList();
        return Optional.of(new ParamSource(kind.group(), kind.version(), kind.kind(), name,
                ref.hasNonNull("namespace") ? Optional.of(ref.path("namespace").asText()) : Optional.empty(), selector,
                notFound.equals("Deny"), loaded));
    }

    private static Enforcement validationActions(JsonNode actions, Resource binding) {
        if (!actions.isArray() || actions.isEmpty()) {
            throw new PalisadeException("spec.validationActions is required: list Deny, Warn and/or Audit",
                    binding.locate("/spec"));
        }
        Set<String> set = new HashSet<>();
        for (JsonNode action : actions) {
            String text = action.asText("");
            if (!Set.of("Deny", "Warn", "Audit").contains(text)) {
                throw new PalisadeException("spec.validationActions: '" + text + "' is not Deny, Warn or Audit",
                        binding.locate("/spec/validationActions"));
            }
            set.add(text);
        }
        if (set.contains("Deny") && set.contains("Warn")) {
            throw new PalisadeException("spec.validationActions cannot hold both Deny and Warn",
                    binding.locate("/spec/validationActions"));
        }
        EnforcementAction action = set.contains("Deny") ? EnforcementAction.DENY
                : set.contains("Warn") ? EnforcementAction.WARN : EnforcementAction.DRYRUN;
        return Enforcement.of(action);
    }
}
