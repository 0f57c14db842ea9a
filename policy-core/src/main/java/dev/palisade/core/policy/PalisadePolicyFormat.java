package dev.palisade.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.Operations;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.palisade.core.Enforcement;
import dev.palisade.core.EnforcementAction;
import dev.palisade.core.Match;
import dev.palisade.core.Policy;
import dev.palisade.core.PolicyMetadata;
import dev.palisade.core.Resource;
import dev.palisade.core.ResourceId;
import dev.palisade.core.Severity;
import dev.palisade.core.policy.internal.CelPolicy;
import dev.palisade.lang.Declarations;
import java.util.List;
import java.util.Set;

/**
 * Reads Palisade's own policy files ({@code apiVersion: palisade.dev/v1}, {@code kind: Policy}): a
 * superset of a ValidatingAdmissionPolicy with metadata, a match block, inline params, enforcement
 * per point, and {@code forEach} validations that report each offending list element at its path.
 * See {@code docs/language.md} and {@code docs/policies.md}.
 */
public final class PalisadePolicyFormat implements PolicyFormat {
    /** The API group of Palisade's own documents. */
    public static final String GROUP = "palisade.dev";
    /** The apiVersion of Palisade policy documents. */
    public static final String API_VERSION = GROUP + "/v1";
    private static final Set<String> SPEC_FIELDS = Set.of("title", "severity", "category", "description",
            "remediation", "helpUrl", "tags", "match", "params", "matchConditions", "variables", "validations",
            "auditAnnotations", "enforcementAction", "scopedEnforcementActions", "failurePolicy", "operations");
    private static final Declarations DECLARATIONS = Declarations.of("object", "oldObject", "request", "params",
            "namespaceObject", "variables", "element", "index");

    @Override
    public String name() {
        return API_VERSION + " Policy";
    }

    @Override
    public Set<String> apiGroups() {
        return Set.of(GROUP);
    }

    @Override
    public boolean reads(ResourceId id) {
        return id.apiVersion().equals(API_VERSION) && id.kind().equals("Policy");
    }

    @Override
    public List<Policy> compile(List<Resource> documents, PolicyLoadContext context) {
        return PolicySpecs.compileEach(documents, context, this::compile);
    }

    /**
     * Compiles one policy document.
     *
     * @param document the policy document
     * @return the policy
     */
    public Policy compile(Resource document) {
        String id = PolicySpecs.requiredId(document, "Policy");
        JsonNode spec = PolicySpecs.requiredSpec(document, "Policy '" + id + "' needs a spec");
        PolicySpecs.requireKnownFields(document, spec, SPEC_FIELDS, "Policy");
        PolicyMetadata metadata = PolicySpecs.metadata(document, spec, PolicyMetadata.of(id, id, Severity.MEDIUM));
        Match match = MatchParser.parse(spec.path("match"), "spec.match",
                pointer -> document.locate("/spec/match" + pointer));
        Enforcement enforcement = EnforcementParser.parse(spec, Enforcement.of(EnforcementAction.DENY),
                pointer -> document.locate("/spec" + pointer));
        JsonNode params = spec.has("params") ? spec.path("params") : NullNode.getInstance();
        ValidationBlock rules = ValidationBlock.read(document, "/spec", new ValidationBlock.Options(DECLARATIONS, true,
                Set.of()));
        Set<String> operations = Operations.CREATE_UPDATE;
        if (spec.has("operations")) {
            try {
                operations = Operations.parse(MatchParser.strings(spec.path("operations"), "spec.operations"));
            } catch (PalisadeException e) {
                throw new PalisadeException(e.getMessage(), document.locate("/spec/operations"), e);
            }
        }
        return new CelPolicy(metadata, match, enforcement, rules.failurePolicy(), rules, params, operations);
    }
}
