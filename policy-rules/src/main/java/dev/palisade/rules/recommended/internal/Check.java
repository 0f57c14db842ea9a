package dev.palisade.rules.recommended.internal;

import dev.palisade.core.BasePolicy;
import dev.palisade.core.ContainerView;
import dev.palisade.core.Enforcement;
import dev.palisade.core.EnforcementAction;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.FailurePolicy;
import dev.palisade.core.FindingSink;
import dev.palisade.core.InventoryNeeds;
import dev.palisade.core.KindSelector;
import dev.palisade.core.Match;
import dev.palisade.core.PodSpecView;
import dev.palisade.core.PolicyMetadata;
import dev.palisade.core.Resource;
import dev.palisade.core.Severity;
import dev.palisade.rules.Severities;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One check of the recommended catalogue: its metadata (severity from {@link Severities}, category,
 * standards as tags), its recommended action, and its logic. Immutable and thread-safe.
 */
public final class Check extends BasePolicy {

    /** The logic of a check over one resource. */
    @FunctionalInterface
    public interface Body {
        /** Reports what is wrong with the resource. */
        void evaluate(Resource resource, EvaluationContext context, FindingSink sink);
    }

    /** The logic of a check over one container of a pod spec. */
    @FunctionalInterface
    public interface ContainerBody {
        /** Reports what is wrong with one container. */
        void evaluate(Resource resource, PodSpecView pod, ContainerView container, EvaluationContext context,
                FindingSink sink);
    }

    /** The logic of a check over a pod spec. */
    @FunctionalInterface
    public interface PodBody {
        /** Reports what is wrong with the pod spec. */
        void evaluate(Resource resource, PodSpecView pod, EvaluationContext context, FindingSink sink);
    }

    private final Body body;
    private final String problem;
    private final List<String> standards;
    private final boolean opinionated;
    private final EnforcementAction action;

    private Check(Builder b, PolicyMetadata metadata) {
        super(metadata, b.match, Enforcement.of(b.action), FailurePolicy.FAIL);
        this.body = Objects.requireNonNull(b.body, "body of " + b.id);
        this.problem = b.problem;
        this.standards = List.copyOf(b.standards);
        this.opinionated = b.opinionated;
        this.action = b.action;
    }

    @Override
    public void evaluate(Resource resource, EvaluationContext context, FindingSink sink) {
        body.evaluate(resource, context, sink);
    }

    /**
     * What the checks of this category read from the inventory. Kept per category, not per check, so
     * that a new referential check cannot forget to declare it; the audit differential test
     * ({@code InventoryNeedsTest}) proves the projections are enough.
     */
    @Override
    public InventoryNeeds inventoryNeeds() {
        return NEEDS.getOrDefault(metadata().category(), InventoryNeeds.ALL);
    }

    private static final String RBAC = "rbac.authorization.k8s.io/";
    private static final java.util.Map<String, InventoryNeeds> NEEDS = java.util.Map.of(
            WorkloadChecks.CATEGORY, InventoryNeeds.NONE,
            ReliabilityChecks.IMAGES, InventoryNeeds.NONE,
            ApiVersionChecks.CATEGORY, InventoryNeeds.NONE,
            OwnershipChecks.CATEGORY, InventoryNeeds.NONE,
            NamespaceChecks.CATEGORY, InventoryNeeds.NONE,
            ControlPlaneChecks.CATEGORY, InventoryNeeds.NONE,
            RbacChecks.CATEGORY, InventoryNeeds.kinds(RBAC + "Role", RBAC + "ClusterRole", RBAC + "RoleBinding",
                    RBAC + "ClusterRoleBinding"),
            CredentialChecks.CATEGORY, InventoryNeeds.fields("/ServiceAccount", "/automountServiceAccountToken"),
            NetworkChecks.CATEGORY, InventoryNeeds.kinds("networking.k8s.io/NetworkPolicy", "networking.k8s.io/Ingress",
                    "extensions/Ingress", "/Namespace")
                    .union(InventoryNeeds.fields(InventoryNeeds.POD_TEMPLATES, "{template}/metadata/labels")),
            ReliabilityChecks.RESOURCES, InventoryNeeds.kinds("/LimitRange", "/ResourceQuota",
                    "policy/PodDisruptionBudget", "autoscaling/HorizontalPodAutoscaler", "/Namespace")
                    .union(InventoryNeeds.fields(InventoryNeeds.POD_TEMPLATES, "/spec/replicas")));

    /** The problem key of the severity table. */
    public String problem() {
        return problem;
    }

    /** Standards the check serves ({@code cis-k8s:5.2.2}, {@code nsa-cisa:pod-security}, {@code owasp-k8s:K01}). */
    public List<String> standards() {
        return standards;
    }

    /** Whether the check is a matter of taste, run as a dry run in the recommended set. */
    public boolean opinionated() {
        return opinionated;
    }

    /** The recommended action. */
    public EnforcementAction action() {
        return action;
    }

    @Override
    public String toString() {
        return metadata().id();
    }

    /** A builder for the check with this id. */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** Builds a {@link Check}. */
    public static final class Builder {
        private final String id;
        private String problem;
        private String title = "";
        private String category = "";
        private String why = "";
        private String fix = "";
        private final List<String> standards = new ArrayList<>();
        private Match match = Match.ALL;
        private Body body;
        private boolean opinionated;
        private EnforcementAction action;

        private Builder(String id) {
            this.id = id;
            this.problem = id;
        }

        /** The problem key when it differs from the id. */
        public Builder problem(String key) {
            this.problem = key;
            return this;
        }

        public Builder title(String text) {
            this.title = text;
            return this;
        }

        public Builder category(String text) {
            this.category = text;
            return this;
        }

        /** Why the problem matters. */
        public Builder why(String text) {
            this.why = text;
            return this;
        }

        /** How to fix a finding. */
        public Builder fix(String text) {
            this.fix = text;
            return this;
        }

        /** Standards, as {@code cis-k8s:5.2.2}, {@code nsa-cisa:pod-security}, {@code owasp-k8s:K01}. */
        public Builder standards(String... tags) {
            standards.addAll(List.of(tags));
            return this;
        }

        /** A matter of taste: dry run in the recommended set. */
        public Builder opinionated() {
            this.opinionated = true;
            return this;
        }

        /** The recommended action, instead of the one derived from severity. */
        public Builder action(EnforcementAction recommended) {
            this.action = recommended;
            return this;
        }

        public Builder match(Match selection) {
            this.match = selection;
            return this;
        }

        /** Resources of these kinds in this group. */
        public Builder kinds(String group, String... kinds) {
            this.match = Match.ALL.withKinds(List.of(new KindSelector(List.of(group), List.of(kinds))));
            return this;
        }

        public Builder body(Body logic) {
            this.body = logic;
            return this;
        }

        /** Judges each pod spec. */
        public Builder pods(PodBody logic) {
            this.match = Match.ALL.withKinds(PodSpecView.podKinds());
            this.body = (resource, context, sink) -> {
                Optional<PodSpecView> pod = PodSpecView.of(resource);
                if (pod.isPresent()) {
                    logic.evaluate(resource, pod.get(), context, sink);
                }
            };
            return this;
        }

        /** Judges each container (init, regular and ephemeral) of each pod spec. */
        public Builder containers(ContainerBody logic) {
            return pods((resource, pod, context, sink) -> {
                for (ContainerView container : pod.containers()) {
                    logic.evaluate(resource, pod, container, context, sink);
                }
            });
        }

        public Check build() {
            Severity severity = Severities.of(problem);
            if (action == null) {
                action = opinionated ? EnforcementAction.DRYRUN
                        : severity == Severity.CRITICAL ? EnforcementAction.DENY : EnforcementAction.WARN;
            }
            List<String> tags = new ArrayList<>();
            if (!List.of("Resources and reliability", "Ownership", "API versions").contains(category)) {
                tags.add("security");
            }
            tags.addAll(standards);
            tags.add("recommended");
            PolicyMetadata metadata = PolicyMetadata.of(id, title, severity).withCategory(category)
                    .withDescription(why).withRemediation(fix).withHelpUrl("docs/rules/" + id + ".md").withTags(tags);
            return new Check(this, metadata);
        }
    }
}
