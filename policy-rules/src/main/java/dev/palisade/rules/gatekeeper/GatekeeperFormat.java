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
import dev.palisade.rules.gatekeeper.internal.ExpansionSet;
import dev.palisade.core.SourceLocation;
import dev.palisade.rules.gatekeeper.internal.RegoTemplateCompiler;
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
 * its parameters validated against the template's {@code openAPIV3Schema}. Which code judges
 * objects is the {@link GatekeeperEngine}: by default ({@code AUTO}) a template's
 * {@code K8sNativeValidation} (CEL) code through core's {@code ValidationBlock}, else Palisade's
 * native implementation of the kind, else the template's Rego on Palisade's Rego interpreter
 * ({@code policy-rego}), compiled once per template. {@code ExpansionTemplate}s
 * ({@code expansion.gatekeeper.sh}) loaded with the constraints make constraints on a generated kind
 * (Pods) judge the resources that generate it (workloads' pod templates). Stateless and thread-safe.
 */
public final class GatekeeperFormat implements PolicyFormat {
    /** API group of ConstraintTemplates. */
    public static final String TEMPLATE_GROUP = "templates.gatekeeper.sh";
    /** API group of constraints. */
    public static final String CONSTRAINT_GROUP = "constraints.gatekeeper.sh";
    /**
     * API group of {@code ExpansionTemplate}s: loaded with the constraints, they make constraints that
     * match a generated kind (Pods) judge the resources that generate it (a Deployment's pod template).
     */
    public static final String EXPANSION_GROUP = ExpansionSet.GROUP;

    private final TemplateReader templates;

    /** The format with Palisade's built-in constraint kinds and the {@code AUTO} engine. */
    public GatekeeperFormat() {
        this(BuiltinKinds.all());
    }

    /**
     * The format with the given native constraint kinds instead of the built-in ones.
     *
     * @param nativeKinds the Java implementations of constraint kinds, by kind name
     */
    public GatekeeperFormat(Map<String, ConstraintKind> nativeKinds) {
        this(nativeKinds, true);
    }

    /**
     * The format with the given native constraint kinds, running templates' CEL code or not (gator's
     * {@code --enable-k8s-native-validation}); without it, a template runs its native kind, else its Rego.
     *
     * @param nativeKinds the Java implementations of constraint kinds, by kind name
     * @param k8sNativeValidation whether templates' {@code K8sNativeValidation} (CEL) code runs
     */
    public GatekeeperFormat(Map<String, ConstraintKind> nativeKinds, boolean k8sNativeValidation) {
        this(builder().nativeKinds(nativeKinds).k8sNativeValidation(k8sNativeValidation));
    }

    private GatekeeperFormat(Builder b) {
        this.templates = new TemplateReader(b.nativeKinds, b.k8sNativeValidation ? BuiltinKinds.cel()
                : CelTemplateCompiler.UNAVAILABLE, new RegoTemplateCompiler(b.externalData), b.engine);
    }

    /**
     * {@return the format with the built-in kinds running templates with the given engine}
     *
     * @param engine which code of a template runs
     */
    public static GatekeeperFormat withEngine(GatekeeperEngine engine) {
        return builder().engine(engine).build();
    }

    /**
     * {@return a builder: built-in native kinds, CEL enabled, the {@code AUTO} engine, no external data provider}
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@return the built-in kinds only, ignoring templates' CEL code and Rego (the {@code NATIVE} engine)}
     */
    public static GatekeeperFormat nativeOnly() {
        return withEngine(GatekeeperEngine.NATIVE);
    }

    /** {@return the engine that chooses which code of a template runs} */
    public GatekeeperEngine engine() {
        return templates.engine();
    }

    /** Builds a {@link GatekeeperFormat}. */
    public static final class Builder {
        private Map<String, ConstraintKind> nativeKinds = BuiltinKinds.all();
        private boolean k8sNativeValidation = true;
        private GatekeeperEngine engine = GatekeeperEngine.AUTO;
        private ExternalDataProvider externalData;

        private Builder() {
        }

        /**
         * Sets the native constraint kinds, by kind name (default: Palisade's built-in kinds).
         *
         * @param kinds the native constraint kinds, by kind name
         * @return this builder
         */
        public Builder nativeKinds(Map<String, ConstraintKind> kinds) {
            this.nativeKinds = Map.copyOf(Objects.requireNonNull(kinds, "nativeKinds"));
            return this;
        }

        /**
         * Sets whether templates' {@code K8sNativeValidation} code may run (gator's {@code --enable-k8s-native-validation}).
         *
         * @param enabled whether templates' {@code K8sNativeValidation} code may run
         * @return this builder
         */
        public Builder k8sNativeValidation(boolean enabled) {
            this.k8sNativeValidation = enabled;
            return this;
        }

        /**
         * Which code of a template runs (default {@link GatekeeperEngine#AUTO}).
         *
         * @param value the engine that runs templates
         * @return this builder
         */
        public Builder engine(GatekeeperEngine value) {
            this.engine = Objects.requireNonNull(value, "engine");
            return this;
        }

        /**
         * The host's answer to Rego's {@code external_data}; without one, templates that call it fail
         * closed with an evaluation error.
         *
         * @param provider answers {@code external_data} calls
         * @return this builder
         */
        public Builder externalData(ExternalDataProvider provider) {
            this.externalData = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /** {@return the format} */
        public GatekeeperFormat build() {
            return new GatekeeperFormat(this);
        }
    }

    /**
     * Palisade's built-in constraint kinds, by kind name.
     *
     * @return Palisade's built-in constraint kinds, by kind name
     */
    public static Map<String, ConstraintKind> builtinKinds() {
        return BuiltinKinds.all();
    }

    @Override
    public String name() {
        return "gatekeeper";
    }

    @Override
    public Set<String> apiGroups() {
        return Set.of(TEMPLATE_GROUP, CONSTRAINT_GROUP, EXPANSION_GROUP);
    }

    @Override
    public boolean reads(ResourceId id) {
        return id.group().equals(TEMPLATE_GROUP) && id.kind().equals("ConstraintTemplate")
                || id.group().equals(CONSTRAINT_GROUP) || id.group().equals(EXPANSION_GROUP);
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
        ExpansionSet expansions = ExpansionSet.read(documents,
                e -> context.error(e.location().orElse(SourceLocation.UNKNOWN), e.getMessage()));
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
                policies.add(ConstraintReader.read(document, template).withExpansions(expansions));
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
