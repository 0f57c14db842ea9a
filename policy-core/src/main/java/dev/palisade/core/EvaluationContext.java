package dev.palisade.core;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything an evaluation may consult besides the resource: the enforcement point, the other
 * resources, namespace labels, the clock (for exemption expiry), the image verifier, and the cost
 * budget of rule-language policies. Immutable; build one per run, share it across threads.
 */
public final class EvaluationContext {

    /** Kubernetes' per-expression-call cost limit. */
    public static final long DEFAULT_EXPRESSION_COST_LIMIT = 1_000_000L;
    /** Kubernetes' runtime cost budget for one policy evaluation. */
    public static final long DEFAULT_POLICY_COST_BUDGET = 10_000_000L;

    private final EnforcementPoint point;
    private final Inventory inventory;
    private final Clock clock;
    private final ImageVerifier imageVerifier;
    private final long expressionCostLimit;
    private final long policyCostBudget;
    private final Duration deadline;

    private EvaluationContext(Builder b) {
        this.point = b.point;
        this.inventory = b.inventory;
        this.clock = b.clock;
        this.imageVerifier = b.imageVerifier;
        this.expressionCostLimit = b.expressionCostLimit;
        this.policyCostBudget = b.policyCostBudget;
        this.deadline = b.deadline;
    }

    /** {@return a CI context with an empty inventory and the system clock} */
    public static EvaluationContext defaults() {
        return builder().build();
    }

    /**
     * {@return a builder starting from the defaults}
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder starting from this context's settings} */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.point = point;
        b.inventory = inventory;
        b.clock = clock;
        b.imageVerifier = imageVerifier;
        b.expressionCostLimit = expressionCostLimit;
        b.policyCostBudget = policyCostBudget;
        b.deadline = deadline;
        return b;
    }

    /**
     * {@return where the evaluation happens (admission, audit, CI), which picks each policy's action}
     */
    public EnforcementPoint enforcementPoint() {
        return point;
    }

    /**
     * Other resources, and the namespace labels they carry.
     *
     * @return the inventory
     */
    public Inventory inventory() {
        return inventory;
    }

    /**
     * Labels of namespaces, from Namespace objects in the inventory and labels given by the host.
     *
     * @return the namespace labels
     */
    public NamespaceLabels namespaceLabels() {
        return inventory;
    }

    /**
     * {@return the clock that decides exemption expiry and time functions}
     */
    public Clock clock() {
        return clock;
    }

    /** {@return the image verifier, when the host configured one} */
    public Optional<ImageVerifier> imageVerifier() {
        return Optional.ofNullable(imageVerifier);
    }

    /**
     * Cost limit of one expression call in rule-language policies.
     *
     * @return the limit
     */
    public long expressionCostLimit() {
        return expressionCostLimit;
    }

    /**
     * Cost budget of one policy's evaluation of one resource.
     *
     * @return the budget
     */
    public long policyCostBudget() {
        return policyCostBudget;
    }

    /** {@return how long one resource's evaluation may take (admission use), if limited} */
    public Optional<Duration> deadline() {
        return Optional.ofNullable(deadline);
    }

    /** Builds an {@link EvaluationContext}. */
    public static final class Builder {
        private EnforcementPoint point = EnforcementPoint.CI;
        private Inventory inventory = Inventory.EMPTY;
        private Clock clock = Clock.systemUTC();
        private ImageVerifier imageVerifier;
        private long expressionCostLimit = DEFAULT_EXPRESSION_COST_LIMIT;
        private long policyCostBudget = DEFAULT_POLICY_COST_BUDGET;
        private Duration deadline;

        private Builder() {
        }

        /**
         * Sets where the evaluation happens, which picks each policy's action.
         *
         * @param value the enforcement point
         * @return this builder
         */
        public Builder enforcementPoint(EnforcementPoint value) {
            this.point = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Sets the other resources policies may look up, and the namespace labels they carry.
         *
         * @param value the inventory
         * @return this builder
         */
        public Builder inventory(Inventory value) {
            this.inventory = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Uses the resources as inventory, with extra namespace labels.
         *
         * @param resources the resources policies may look up
         * @param labels extra labels per namespace name
         * @return this builder
         */
        public Builder inventory(java.util.Collection<Resource> resources, Map<String, Map<String, String>> labels) {
            this.inventory = Inventory.of(resources, labels);
            return this;
        }

        /**
         * Sets the clock that decides exemption expiry and time functions (default: system UTC).
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Sets the verifier of image signatures that image policies use (default: none).
         *
         * @param value the verifier
         * @return this builder
         */
        public Builder imageVerifier(ImageVerifier value) {
            this.imageVerifier = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Sets the cost limit of one expression call in rule-language policies.
         *
         * @param value the limit, positive
         * @return this builder
         * @throws PalisadeException when the value is not positive
         */
        public Builder expressionCostLimit(long value) {
            if (value <= 0) {
                throw new PalisadeException("the expression cost limit must be positive");
            }
            this.expressionCostLimit = value;
            return this;
        }

        /**
         * Sets the cost budget of one policy's evaluation of one resource.
         *
         * @param value the budget, positive
         * @return this builder
         * @throws PalisadeException when the value is not positive
         */
        public Builder policyCostBudget(long value) {
            if (value <= 0) {
                throw new PalisadeException("the policy cost budget must be positive");
            }
            this.policyCostBudget = value;
            return this;
        }

        /**
         * Sets how long the evaluation of one resource may take (admission use; default: no limit).
         *
         * @param value the deadline
         * @return this builder
         */
        public Builder deadline(Duration value) {
            this.deadline = Objects.requireNonNull(value);
            return this;
        }

        /**
         * {@return the context}
         */
        public EvaluationContext build() {
            return new EvaluationContext(this);
        }
    }
}
