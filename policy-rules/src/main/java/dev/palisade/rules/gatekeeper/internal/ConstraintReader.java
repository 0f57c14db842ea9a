package dev.palisade.rules.gatekeeper.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.palisade.core.Enforcement;
import dev.palisade.core.EnforcementAction;
import dev.palisade.core.policy.EnforcementParser;
import dev.palisade.core.Match;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.PolicyMetadata;
import dev.palisade.core.Resource;
import dev.palisade.core.Severity;
import dev.palisade.rules.Severities;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a constraint against its template: validates {@code spec.parameters} with the template's
 * schema, reads match and enforcement, and builds the policy (id {@code <template name>/<constraint name>}).
 */
public final class ConstraintReader {
    /** The constraint API versions Palisade reads. */
    public static final Set<String> VERSIONS = Set.of("v1", "v1beta1", "v1alpha1");
    /** Constraint annotation that sets the severity of its findings (default medium). */
    public static final String SEVERITY_ANNOTATION = "palisade.dev/severity";

    private ConstraintReader() {
    }

    /**
     * Every problem of the constraint's parameters, each naming the field path; empty when valid.
     */
    public static List<PalisadeException> parameterProblems(Resource constraint, TemplateDefinition template) {
        JsonNode parameters = constraint.object().path("spec").path("parameters");
        List<PalisadeException> problems = new ArrayList<>();
        for (ParameterSchema.Violation v : ParameterSchema.of(template.schema())
                .validate(parameters, "spec.parameters", "/spec/parameters")) {
            problems.add(new PalisadeException(constraint.id().kind() + " " + constraint.id().name() + ": "
                    + v.path() + " " + v.message() + " (schema of ConstraintTemplate " + template.name() + ")",
                    constraint.locate(v.pointer())));
        }
        return problems;
    }

    /**
     * Builds the policy of a constraint whose parameters are valid.
     *
     * @throws PalisadeException for a malformed match or enforcement action
     */
    public static ConstraintPolicy read(Resource constraint, TemplateDefinition template) {
        String name = constraint.id().name();
        if (name.isEmpty()) {
            throw DocumentErrors.at(constraint, "/metadata", "a " + constraint.id().kind()
                    + " constraint needs metadata.name");
        }
        if (!VERSIONS.contains(constraint.id().version())) {
            throw DocumentErrors.at(constraint, "/apiVersion", "constraint apiVersion " + constraint.id().apiVersion()
                    + " is not supported; use constraints.gatekeeper.sh/v1beta1 or v1");
        }
        Match match = ConstraintMatch.read(constraint);
        Enforcement enforcement = EnforcementParser.parse(constraint.object().path("spec"),
                Enforcement.of(EnforcementAction.DENY), pointer -> constraint.locate("/spec" + pointer));
        JsonNode parameters = constraint.object().path("spec").path("parameters");
        if (!parameters.isObject()) {
            parameters = JsonNodeFactory.instance.objectNode();
        }
        return new ConstraintPolicy(metadata(constraint, template), match, enforcement, template.failurePolicy(),
                template.engine(), parameters, name, ConstraintMatch.source(constraint));
    }

    private static PolicyMetadata metadata(Resource constraint, TemplateDefinition template) {
        JsonNode annotations = constraint.object().path("metadata").path("annotations");
        String title = annotations.path("metadata.gatekeeper.sh/title").asText(template.title());
        String description = annotations.path("description").asText(template.description());
        Severity severity = Severities.ofGatekeeperKind(template.kind()).orElse(Severity.MEDIUM);
        JsonNode severityText = annotations.path(SEVERITY_ANNOTATION);
        if (!severityText.isMissingNode()) {
            try {
                severity = Severity.parse(severityText.asText());
            } catch (PalisadeException e) {
                throw DocumentErrors.at(constraint, "/metadata/annotations/" + ParameterSchema.escape(
                        SEVERITY_ANNOTATION), "annotation " + SEVERITY_ANNOTATION + ": " + e.getMessage());
            }
        }
        return new PolicyMetadata(template.name() + "/" + constraint.id().name(), title, severity, "gatekeeper",
                description, "", "", List.of("gatekeeper", template.kind(), "engine:" + template.engineName()),
                constraint.source());
    }
}
