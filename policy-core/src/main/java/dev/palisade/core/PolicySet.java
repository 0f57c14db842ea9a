package dev.palisade.core;

import dev.palisade.core.internal.PolicyIndex;
import dev.palisade.core.internal.ResourceEvaluator;
import dev.palisade.core.internal.StreamingAudit;
import dev.palisade.core.policy.LoadedPolicies;
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
    private final List<EvaluationError> errors;
    private final boolean annotationExemptions;
    private final PolicyIndex index;
    private final InventoryNeeds inventoryNeeds;

    private PolicySet(Builder builder) {
        this.policies = List.copyOf(builder.policies);
        this.exemptions = List.copyOf(builder.exemptions);
        this.errors = List.copyOf(builder.errors);
        this.annotationExemptions = builder.annotationExemptions;
        this.index = new PolicyIndex(policies);
        InventoryNeeds needs = InventoryNeeds.NONE;
        for (Policy policy : policies) {
            needs = needs.union(policy.inventoryNeeds());
        }
        this.inventoryNeeds = needs;
    }

    /** {@return a builder of an empty set} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@return a set of the given policies, with no exemptions}
     *
     * @param policies the policies
     */
    public static PolicySet of(List<? extends Policy> policies) {
        return builder().addAll(policies).build();
    }

    /**
     * {@return a set of what a loader produced: its policies, its exemptions and its errors} A set with errors
     * is incomplete, so it fails closed: {@link #evaluate(Resource, EvaluationContext)} decides
     * {@link Decision#ERROR} and every {@link Report} it makes carries the errors.
     *
     * @param loaded what the loader produced
     */
    public static PolicySet of(LoadedPolicies loaded) {
        return builder().add(loaded).build();
    }

    /** {@return the policies, in the order they were added} */
    public List<Policy> policies() {
        return policies;
    }

    /** {@return the exemptions, in the order they were added} */
    public List<Exemption> exemptions() {
        return exemptions;
    }

    /**
     * Errors of loading the policies (empty for a complete set).
     *
     * @return the errors
     */
    public List<EvaluationError> errors() {
        return errors;
    }

    /** {@return whether resources may exempt themselves with {@value #EXEMPT_ANNOTATION}} */
    public boolean annotationExemptionsEnabled() {
        return annotationExemptions;
    }

    /** {@return what the set's policies read from the inventory, together} */
    public InventoryNeeds inventoryNeeds() {
        return inventoryNeeds;
    }

    /**
     * {@return the policies that may match resources of this group and kind, in set order}
     *
     * @param group the API group
     * @param kind the kind
     */
    public List<Policy> candidates(String group, String kind) {
        return index.candidates(group, kind);
    }

    /**
     * Judges one resource (an admission request, a host object). A policy that fails is an error in
     * the result, decided per its failure policy; a set with load errors decides
     * {@link Decision#ERROR}. Never throws for a policy's failure.
     *
     * @param resource the resource
     * @param context inventory, clock, enforcement point and cost limits
     * @return the resource's decision, findings and errors
     */
    public Result evaluate(Resource resource, EvaluationContext context) {
        return new ResourceEvaluator(this, context, true).evaluate(resource);
    }

    /**
     * Judges a stream of resources against the context's inventory, one result per resource in
     * stream order. The set's load errors are the report's errors.
     *
     * @param resources the resources
     * @param context inventory, clock, enforcement point and cost limits
     * @return one result per resource, with the set's load errors
     */
    public Report evaluate(Stream<Resource> resources, EvaluationContext context) {
        ResourceEvaluator evaluator = new ResourceEvaluator(this, context, false);
        List<Result> results = new ArrayList<>();
        resources.forEach(resource -> results.add(evaluator.evaluate(resource)));
        return new Report(results, errors, metadata(), expiredExemptions(context));
    }

    /**
     * Audits a whole input as one inventory: referential policies see every resource, and Namespace
     * objects in the input give namespace labels (on top of those the context already has).
     *
     * @param resources the whole input
     * @param context clock, enforcement point and cost limits
     * @return one result per resource, with the set's load errors
     */
    public Report audit(List<Resource> resources, EvaluationContext context) {
        if (resources.isEmpty()) {
            return evaluate(resources.stream(), context);
        }
        Set<String> namespaces = new HashSet<>();
        resources.forEach(r -> namespaces.add(r.id().namespace()));
        Inventory inventory = StreamingAudit.merged(context.inventory(), resources, namespaces);
        return evaluate(resources.stream(), context.toBuilder().inventory(inventory).build());
    }

    /**
     * Audits what a {@link ManifestReader} read, as one inventory, carrying the read errors into the
     * report: a report of input that could not be read decides {@link Decision#ERROR}.
     *
     * @param manifests what the reader read, with its errors
     * @param context clock, enforcement point and cost limits
     * @return one result per resource, with read and load errors
     */
    public Report audit(Manifests manifests, EvaluationContext context) {
        return audit(manifests.resources(), context).withErrors(manifests.errors());
    }

    /**
     * Audits files, directories and {@code -} (standard input) as they are read, so that memory is
     * bounded by the largest document, the findings, and what the policies need from the inventory
     * ({@link #inventoryNeeds()}): when they need some of it, the input is read twice (standard
     * input is first copied to a temporary file), once to keep what they read and once to judge.
     * Read errors are the report's errors; the observer sees every file read, skipped or failed, and
     * every resource once, right after it was judged (so that a host can keep what the result does not,
     * such as owner labels, without reading the input again).
     *
     * @param reader the manifest reader
     * @param inputs files, directories and {@code -}
     * @param context clock, enforcement point and cost limits
     * @param observer sees each file and each judged resource
     * @return one result per resource, with read and load errors
     */
    public Report audit(ManifestReader reader, List<String> inputs, EvaluationContext context,
            ManifestSink observer) {
        return new StreamingAudit(this, reader, context, observer).run(inputs);
    }

    /**
     * Metadata of every policy in the set, in set order.
     *
     * @return the metadata
     */
    public List<PolicyMetadata> metadata() {
        List<PolicyMetadata> all = new ArrayList<>(policies.size());
        for (Policy policy : policies) {
            all.add(policy.metadata());
        }
        return all;
    }

    /**
     * Exemptions that have expired at the context's clock.
     *
     * @param context the context whose clock decides
     * @return the expired exemptions
     */
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
        private final List<EvaluationError> errors = new ArrayList<>();
        private boolean annotationExemptions;

        private Builder() {
        }

        /**
         * Adds what a loader produced: policies, exemptions, and errors (which make the set fail closed).
         *
         * @param loaded what a loader produced
         * @return this builder
         */
        public Builder add(LoadedPolicies loaded) {
            addAll(loaded.policies());
            exemptions(loaded.exemptions());
            errors.addAll(loaded.errors());
            return this;
        }

        /**
         * Records an error of loading policies (a file that could not be read, an exemption that did
         * not parse): the set is incomplete and fails closed.
         *
         * @param error the error, located
         * @return this builder
         */
        public Builder error(EvaluationError error) {
            errors.add(Objects.requireNonNull(error, "error"));
            return this;
        }

        /**
         * Adds a policy.
         *
         * @param policy a policy
         * @return this builder
         */
        public Builder add(Policy policy) {
            Objects.requireNonNull(policy, "policy");
            if (!ids.add(policy.metadata().id())) {
                throw new PalisadeException("two policies have the id '" + policy.metadata().id()
                        + "'; policy ids must be unique within a set");
            }
            policies.add(policy);
            return this;
        }

        /**
         * Adds policies, in order.
         *
         * @param more policies, in order
         * @return this builder
         */
        public Builder addAll(List<? extends Policy> more) {
            more.forEach(this::add);
            return this;
        }

        /**
         * Adds an exemption.
         *
         * @param exemption an exemption
         * @return this builder
         */
        public Builder exemption(Exemption exemption) {
            exemptions.add(Objects.requireNonNull(exemption));
            return this;
        }

        /**
         * Adds exemptions, in order.
         *
         * @param more exemptions, in order
         * @return this builder
         */
        public Builder exemptions(List<Exemption> more) {
            more.forEach(this::exemption);
            return this;
        }

        /**
         * Lets resources exempt themselves with the {@value #EXEMPT_ANNOTATION} annotation (a
         * comma-separated list of policy ids or globs). Off by default, because it lets whoever writes
         * a manifest waive policies.
         *
         * @param enabled whether the annotation is honoured
         * @return this builder
         */
        public Builder annotationExemptions(boolean enabled) {
            this.annotationExemptions = enabled;
            return this;
        }

        /** {@return the set} */
        public PolicySet build() {
            return new PolicySet(this);
        }
    }
}
