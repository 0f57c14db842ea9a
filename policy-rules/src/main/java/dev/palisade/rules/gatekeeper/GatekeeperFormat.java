package dev.palisade.rules.gatekeeper;

import dev.palisade.core.PalisadeException;
import dev.palisade.core.Policy;
import dev.palisade.core.policy.PolicyFormat;
import dev.palisade.core.policy.PolicyLoadContext;
import dev.palisade.core.Resource;
import dev.palisade.core.ResourceId;
import dev.palisade.rules.gatekeeper.internal.BuiltinKinds;
import dev.palisade.rules.gatekeeper.internal.CelTemplateCompiler;
import dev.palisade.rules.gatekeeper.internal.ConstraintReader;
import dev.palisade.rules.gatekeeper.internal.TemplateDefinition;
import dev.palisade.rules.gatekeeper.internal.TemplateReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads Gatekeeper {@code ConstraintTemplate}s ({@code templates.gatekeeper.sh} v1, v1beta1,
 * v1alpha1) and constraints ({@code constraints.gatekeeper.sh} v1beta1, v1, v1alpha1, of any
 * templated kind). Each constraint becomes one policy with id {@code <template name>/<constraint
 * name>} (the template name is the lower-case kind, e.g. {@code k8srequiredlabels/must-have-owner}),
 * its parameters validated against the template's {@code openAPIV3Schema}. A template's
 * {@code K8sNativeValidation} (CEL) code runs through the rule language, with no fallback, unless
 * it is disabled ({@link #nativeOnly()}); otherwise Palisade's native implementation of the kind
 * runs. Rego is never executed. Stateless and thread-safe.
 */
public final class GatekeeperFormat implements PolicyFormat {
    /** API group of ConstraintTemplates. */
    public static final String TEMPLATE_GROUP = "templates.gatekeeper.sh";
    /** API group of constraints. */
    public static final String CONSTRAINT_GROUP = "constraints.gatekeeper.sh";

    private final TemplateReader templates;

    /** The format with Palisade's built-in constraint kinds. */
    public GatekeeperFormat() {
        this(BuiltinKinds.all());
    }

    /** The format with the given native constraint kinds instead of the built-in ones. */
    public GatekeeperFormat(Map<String, ConstraintKind> nativeKinds) {
        this(nativeKinds, true);
    }

    /**
     * The format with the given native constraint kinds, running templates' CEL code or not (gator's
     * {@code --enable-k8s-native-validation}); without it, every template needs a native kind.
     */
    public GatekeeperFormat(Map<String, ConstraintKind> nativeKinds, boolean k8sNativeValidation) {
        this.templates = new TemplateReader(Objects.requireNonNull(nativeKinds, "nativeKinds"),
                k8sNativeValidation ? BuiltinKinds.cel() : CelTemplateCompiler.UNAVAILABLE);
    }

    /** The built-in kinds only, ignoring templates' CEL code (gator's {@code --enable-k8s-native-validation=false}). */
    public static GatekeeperFormat nativeOnly() {
        return new GatekeeperFormat(BuiltinKinds.all(), false);
    }

    /** Palisade's built-in constraint kinds, by kind name. */
    public static Map<String, ConstraintKind> builtinKinds() {
        return BuiltinKinds.all();
    }

    @Override
    public String name() {
        return "gatekeeper";
    }

    @Override
    public Set<String> apiGroups() {
        return Set.of(TEMPLATE_GROUP, CONSTRAINT_GROUP);
    }

    @Override
    public boolean reads(ResourceId id) {
        return id.group().equals(TEMPLATE_GROUP) && id.kind().equals("ConstraintTemplate")
                || id.group().equals(CONSTRAINT_GROUP);
    }

    @Override
    public List<Policy> compile(List<Resource> documents, PolicyLoadContext context) {
        Map<String, TemplateDefinition> byKind = new LinkedHashMap<>();
        Set<String> failedKinds = new HashSet<>();
        for (Resource document : documents) {
            if (document.id().group().equals(TEMPLATE_GROUP)) {
                readTemplate(document, byKind, failedKinds, context);
            }
        }
        List<Policy> policies = new ArrayList<>();
        for (Resource document : documents) {
            if (!document.id().group().equals(CONSTRAINT_GROUP)) {
                continue;
            }
            String kind = document.id().kind();
            TemplateDefinition template = byKind.get(kind);
            if (template == null) {
                if (!failedKinds.contains(kind)) {
                    context.error(document.source(), "constraint " + document.id().display() + ": no ConstraintTemplate"
                            + " defines kind " + kind + (byKind.isEmpty() ? "" : " (loaded: "
                            + String.join(", ", new TreeSet<>(byKind.keySet())) + ")")
                            + "; load its template with the constraint");
                }
                continue;
            }
            List<PalisadeException> problems = ConstraintReader.parameterProblems(document, template);
            if (!problems.isEmpty()) {
                problems.forEach(p -> context.error(p.location().orElse(document.source()), p.getMessage()));
                continue;
            }
            try {
                policies.add(ConstraintReader.read(document, template));
            } catch (PalisadeException e) {
                context.error(e.location().orElse(document.source()), e.getMessage());
            }
        }
        return policies;
    }

    private void readTemplate(Resource document, Map<String, TemplateDefinition> byKind, Set<String> failedKinds,
            PolicyLoadContext context) {
        if (!document.id().kind().equals("ConstraintTemplate")) {
            context.error(document.source(), document.id().apiVersion() + " " + document.id().kind()
                    + " is not a ConstraintTemplate; Palisade reads only ConstraintTemplates from " + TEMPLATE_GROUP);
            return;
        }
        try {
            TemplateDefinition template = templates.read(document);
            TemplateDefinition earlier = byKind.putIfAbsent(template.kind(), template);
            if (earlier != null) {
                context.error(document.source(), "ConstraintTemplate " + template.name() + " defines kind "
                        + template.kind() + " again (first defined at " + earlier.document().source().display() + ")");
            }
        } catch (PalisadeException e) {
            failedKinds.add(document.object().path("spec").path("crd").path("spec").path("names").path("kind")
                    .asText(""));
            context.error(e.location().orElse(document.source()), e.getMessage());
        }
    }
}
