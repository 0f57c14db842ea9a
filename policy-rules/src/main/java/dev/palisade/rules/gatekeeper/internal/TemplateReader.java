package dev.palisade.rules.gatekeeper.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.FailurePolicy;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.Resource;
import dev.palisade.rules.gatekeeper.ConstraintKind;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a ConstraintTemplate and chooses its engine as Gatekeeper does when both engines are
 * present: {@code K8sNativeValidation} (CEL) code when the template has some and the rule language
 * is available, with no fallback; otherwise Palisade's native implementation of the kind.
 */
public final class TemplateReader {
    /** The template API versions Palisade reads. */
    public static final Set<String> VERSIONS = Set.of("v1", "v1beta1", "v1alpha1");
    static final String TARGET = "admission.k8s.gatekeeper.sh";
    static final String CEL_ENGINE = "K8sNativeValidation";

    private final Map<String, ConstraintKind> nativeKinds;
    private final CelTemplateCompiler cel;

    public TemplateReader(Map<String, ConstraintKind> nativeKinds, CelTemplateCompiler cel) {
        this.nativeKinds = Map.copyOf(nativeKinds);
        this.cel = cel;
    }

    /**
     * Reads one template.
     *
     * @throws PalisadeException naming the field and its location when the template is unusable
     */
    public TemplateDefinition read(Resource template) {
        if (!VERSIONS.contains(template.id().version())) {
            throw DocumentErrors.at(template, "/apiVersion", "ConstraintTemplate apiVersion "
                    + template.id().apiVersion() + " is not supported; use templates.gatekeeper.sh/v1");
        }
        JsonNode crd = template.object().path("spec").path("crd").path("spec");
        String kind = crd.path("names").path("kind").asText("");
        if (kind.isEmpty()) {
            throw DocumentErrors.at(template, "/spec/crd", "ConstraintTemplate " + template.id().name()
                    + " has no spec.crd.spec.names.kind; name the constraint kind it defines");
        }
        String expectedName = kind.toLowerCase(Locale.ROOT);
        if (!template.id().name().equals(expectedName)) {
            throw DocumentErrors.at(template, "/metadata/name", "ConstraintTemplate name '" + template.id().name()
                    + "' must be the lower-case constraint kind '" + expectedName + "'");
        }
        JsonNode schema = crd.path("validation").path("openAPIV3Schema");
        String celPointer = celSourcePointer(template);
        JsonNode annotations = template.object().path("metadata").path("annotations");
        String title = annotations.path("metadata.gatekeeper.sh/title").asText(kind);
        String description = annotations.path("description").asText("");
        if (celPointer != null && cel.available()) {
            ConstraintKind engine = cel.compile(kind, template, celPointer);
            return new TemplateDefinition(template.id().name(), kind, schema, title, description, engine,
                    CEL_ENGINE, celFailurePolicy(template, celPointer), template);
        }
        ConstraintKind engine = nativeKinds.get(kind);
        if (engine == null) {
            String why = celPointer == null ? "has no native implementation and no CEL code"
                    : "has CEL code but K8sNativeValidation is disabled, and no native implementation";
            throw DocumentErrors.at(template, "/spec/crd/spec/names/kind", "ConstraintTemplate " + expectedName
                    + " (kind " + kind + ") " + why + "; Palisade runs K8sNativeValidation code and the kinds"
                    + " it implements natively, not Rego");
        }
        return new TemplateDefinition(template.id().name(), kind, schema, title, description, engine, "native",
                FailurePolicy.FAIL, template);
    }

    /** The pointer of the first {@code K8sNativeValidation} source of the admission target, or null. */
    static String celSourcePointer(Resource template) {
        JsonNode targets = template.object().path("spec").path("targets");
        for (int t = 0; t < targets.size(); t++) {
            JsonNode target = targets.get(t);
            if (!target.path("target").asText(TARGET).equals(TARGET)) {
                continue;
            }
            JsonNode code = target.path("code");
            for (int c = 0; c < code.size(); c++) {
                if (code.get(c).path("engine").asText("").equals(CEL_ENGINE)) {
                    return "/spec/targets/" + t + "/code/" + c + "/source";
                }
            }
        }
        return null;
    }

    private static FailurePolicy celFailurePolicy(Resource template, String pointer) {
        String value = template.object().at(pointer).path("failurePolicy").asText("Fail");
        return value.equals("Ignore") ? FailurePolicy.IGNORE : FailurePolicy.FAIL;
    }
}
