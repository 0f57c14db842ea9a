package dev.palisade.rules.gatekeeper.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.FailurePolicy;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.Resource;
import dev.palisade.rules.gatekeeper.ConstraintKind;
import dev.palisade.rules.gatekeeper.GatekeeperEngine;
import java.util.Optional;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a ConstraintTemplate and chooses its engine ({@link GatekeeperEngine}): with {@code AUTO},
 * {@code K8sNativeValidation} (CEL) code when the template has some and the rule language is
 * available, as Gatekeeper prefers it when both engines are present, with no fallback; otherwise
 * Palisade's native implementation of the kind; otherwise the template's Rego. The other engines
 * run only their own code, and a template without it is an error.
 */
public final class TemplateReader {
    /** The template API versions Palisade reads. */
    public static final Set<String> VERSIONS = Set.of("v1", "v1beta1", "v1alpha1");
    static final String TARGET = "admission.k8s.gatekeeper.sh";
    static final String CEL_ENGINE = "K8sNativeValidation";

    private final Map<String, ConstraintKind> nativeKinds;
    private final CelTemplateCompiler cel;
    private final RegoTemplateCompiler rego;
    private final GatekeeperEngine engine;

    public TemplateReader(Map<String, ConstraintKind> nativeKinds, CelTemplateCompiler cel, RegoTemplateCompiler rego,
            GatekeeperEngine engine) {
        this.nativeKinds = Map.copyOf(nativeKinds);
        this.cel = cel;
        this.rego = rego;
        this.engine = engine;
    }

    /** The engine this reader chooses with. */
    public GatekeeperEngine engine() {
        return engine;
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
        Optional<RegoTemplateCompiler.Location> regoLocation = RegoTemplateCompiler.locate(template);
        ConstraintKind nativeKind = nativeKinds.get(kind);
        boolean useCel = celPointer != null && cel.available()
                && (engine == GatekeeperEngine.AUTO || engine == GatekeeperEngine.CEL);
        if (useCel) {
            ConstraintKind compiled = cel.compile(kind, template, celPointer);
            return new TemplateDefinition(template.id().name(), kind, schema, title, description, compiled,
                    CEL_ENGINE, celFailurePolicy(template, celPointer), template);
        }
        if (nativeKind != null && (engine == GatekeeperEngine.AUTO || engine == GatekeeperEngine.NATIVE)) {
            return new TemplateDefinition(template.id().name(), kind, schema, title, description, nativeKind, "native",
                    FailurePolicy.FAIL, template);
        }
        if (regoLocation.isPresent() && (engine == GatekeeperEngine.AUTO || engine == GatekeeperEngine.REGO)) {
            ConstraintKind compiled = rego.compile(kind, template, regoLocation.get());
            return new TemplateDefinition(template.id().name(), kind, schema, title, description, compiled, "Rego",
                    FailurePolicy.FAIL, template);
        }
        String why = switch (engine) {
            case CEL -> celPointer == null ? "has no K8sNativeValidation (CEL) code, and the engine is cel"
                    : "has CEL code but K8sNativeValidation is disabled";
            case NATIVE -> "has no native Palisade implementation, and the engine is native";
            case REGO -> "has no Rego (spec.targets[].rego or a code entry with engine Rego), and the engine is rego";
            case AUTO -> celPointer == null ? "has no CEL code, no Rego and no native implementation"
                    : "has CEL code but K8sNativeValidation is disabled, and no Rego or native implementation";
        };
        throw DocumentErrors.at(template, "/spec/crd/spec/names/kind", "ConstraintTemplate " + expectedName
                + " (kind " + kind + ") " + why + "; choose another engine (--engine rego|cel|native|auto)");
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
