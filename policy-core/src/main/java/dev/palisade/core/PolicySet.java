package dev.palisade.core;

import dev.palisade.core.internal.PolicyIndex;
import dev.palisade.core.internal.ResourceEvaluator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Compiled policies and exemptions, indexed by group and kind so that a resource meets only the
 * policies that can match it. Immutable and thread-safe: compile once, evaluate many.
 */
public final class PolicySet {
    /** The annotation that exempts a resource from policies when annotation exemptions are enabled. */
    public static final String EXEMPT_ANNOTATION = "palisade.dev/exempt";
    /** The annotation giving the reason of an annotation exemption. */
    public static final String EXEMPT_REASON_ANNOTATION = "palisade.dev/exempt-reason";

    private final List<Policy> policies;
    private final List<Exemption> exemptions;
    private final boolean annotationExemptions;
    private final PolicyIndex index;

    private PolicySet(Builder builder) {
        this.policies = List.copyOf(builder.policies);
        this.exemptions = List.copyOf(builder.exemptions);
        this.annotationExemptions = builder.annotationExemptions;
        this.index = new PolicyIndex(policies);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A set of the given policies, with no exemptions. */
    public static PolicySet of(List<? extends Policy> policies) {
        return builder().addAll(policies).build();
    }

    public List<Policy> policies() {
        return policies;
    }

    public List<Exemption> exemptions() {
        return exemptions;
    }

    public boolean annotationExemptionsEnabled() {
        return annotationExemptions;
    }

    /** The policies that may match resources of this group and kind, in set order. */
    public List<Policy> candidates(String group, String kind) {
        return index.candidates(group, kind);
    }

    /** Judges one resource. */
    public Result evaluate(Resource resource, EvaluationContext context) {
        return new ResourceEvaluator(this, context).evaluate(resource);
    }

    /**
     * Judges a stream of resources against the context's inventory, one result per resource in
     * stream order.
     */
    public Report evaluate(Stream<Resource> resources, EvaluationContext context) {
        ResourceEvaluator evaluator = new ResourceEvaluator(this, context);
        List<Result> results = new ArrayList<>();
        resources.forEach(resource -> results.add(evaluator.evaluate(resource)));
        return new Report(results, List.of(), metadata(), expiredExemptions(context));
    }

    /**
     * Audits a whole input as one inventory: referential policies see every resource, and Namespace
     * objects in the input give namespace labels (on top of those the context already has).
     */
    public Report audit(List<Resource> resources, EvaluationContext context) {
        Inventory inventory = resources.isEmpty() ? context.inventory() : merge(context.inventory(), resources);
        return evaluate(resources.stream(), context.toBuilder().inventory(inventory).build());
    }

    private static Inventory merge(Inventory base, List<Resource> resources) {
        if (base.all().isEmpty()) {
            return Inventory.of(resources, extraLabels(base, resources));
        }
        List<Resource> all = new ArrayList<>(base.all());
        all.addAll(resources);
        return Inventory.of(all, extraLabels(base, resources));
    }

    private static java.util.Map<String, java.util.Map<String, String>> extraLabels(Inventory base,
            List<Resource> resources) {
        java.util.Map<String, java.util.Map<String, String>> labels = new java.util.HashMap<>();
        Set<String> namespaces = new HashSet<>();
        for (Resource r : resources) {
            namespaces.add(r.id().namespace());
        }
        for (String ns : namespaces) {
            base.labelsOf(ns).ifPresent(l -> labels.put(ns, l));
        }
        return labels;
    }

    /** Metadata of every policy in the set, in set order. */
    public List<PolicyMetadata> metadata() {
        List<PolicyMetadata> all = new ArrayList<>(policies.size());
        for (Policy policy : policies) {
            all.add(policy.metadata());
        }
        return all;
    }

    /** Exemptions that have expired at the context's clock. */
    public List<Exemption> expiredExemptions(EvaluationContext context) {
        List<Exemption> expired = new ArrayList<>();
        for (Exemption exemption : exemptions) {
            if (exemption.isExpired(context.clock().instant())) {
                expired.add(exemption);
            }
        }
        return expired;
    }

    /** Builds a {@link PolicySet}. Policy ids must be unique. */
    public static final class Builder {
        private final List<Policy> policies = new ArrayList<>();
        private final Set<String> ids = new HashSet<>();
        private final List<Exemption> exemptions = new ArrayList<>();
        private boolean annotationExemptions;

        private Builder() {
        }

        public Builder add(Policy policy) {
            Objects.requireNonNull(policy, "policy");
            if (!ids.add(policy.metadata().id())) {
                throw new PalisadeException("two policies have the id '" + policy.metadata().id()
                        + "'; policy ids must be unique within a set");
            }
            policies.add(policy);
            return this;
        }

        public Builder addAll(List<? extends Policy> more) {
            more.forEach(this::add);
            return this;
        }

        public Builder exemption(Exemption exemption) {
            exemptions.add(Objects.requireNonNull(exemption));
            return this;
        }

        public Builder exemptions(List<Exemption> more) {
            more.forEach(this::exemption);
            return this;
        }

        /**
         * Lets resources exempt themselves with the {@value #EXEMPT_ANNOTATION} annotation (a
         * comma-separated list of policy ids or globs). Off by default, because it lets whoever writes
         * a manifest waive policies.
         */
        public Builder annotationExemptions(boolean enabled) {
            this.annotationExemptions = enabled;
            return this;
        }

        public PolicySet build() {
            return new PolicySet(this);
        }
    }
}
