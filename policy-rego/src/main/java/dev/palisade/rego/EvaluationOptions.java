package dev.palisade.rego;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What one evaluation runs against: {@code input}, base {@code data} (a JSON document and/or
 * top-level documents supplied lazily, such as Gatekeeper's {@code data.inventory}), the cost
 * budget, where {@code print} output goes, the clock {@code time.now_ns} reads, and whether builtin
 * errors end the evaluation (OPA's strict builtin errors) or make the call undefined. Immutable.
 */
public final class EvaluationOptions {
    private static final EvaluationOptions DEFAULTS = builder().build();

    private final JsonNode input;
    private final String inputRego;
    private final JsonNode data;
    private final Map<String, Supplier<JsonNode>> lazyData;
    private final CostBudget budget;
    private final Consumer<String> printSink;
    private final Clock clock;
    private final boolean strictBuiltinErrors;
    private final Long randomSeed;

    private EvaluationOptions(Builder b) {
        this.input = b.input;
        this.inputRego = b.inputRego;
        this.data = b.data;
        this.lazyData = Map.copyOf(b.lazyData);
        this.budget = b.budget;
        this.printSink = b.printSink;
        this.clock = b.clock;
        this.strictBuiltinErrors = b.strictBuiltinErrors;
        this.randomSeed = b.randomSeed;
    }

    /**
     * No input, no data, the default budget, no print output, the system clock, builtin errors undefined.
     *
     * @return the default options
     */
    public static EvaluationOptions defaults() {
        return DEFAULTS;
    }

    /** {@return a builder starting from the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder starting from these options} */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.input = input;
        b.inputRego = inputRego;
        b.data = data;
        b.lazyData.putAll(lazyData);
        b.budget = budget;
        b.printSink = printSink;
        b.clock = clock;
        b.strictBuiltinErrors = strictBuiltinErrors;
        b.randomSeed = randomSeed;
        return b;
    }

    /** {@return the input document; empty means {@code input} is undefined} */
    public Optional<JsonNode> input() {
        return Optional.ofNullable(input);
    }

    /** {@return the input as Rego term text (may contain sets), when given that way} */
    public Optional<String> inputRego() {
        return Optional.ofNullable(inputRego);
    }

    /** {@return the base data document, when given} */
    public Optional<JsonNode> data() {
        return Optional.ofNullable(data);
    }

    /**
     * Top-level data documents supplied on first use, by key.
     *
     * @return the lazily produced data documents, by key
     */
    public Map<String, Supplier<JsonNode>> lazyData() {
        return lazyData;
    }

    /** {@return the cost budget} */
    public CostBudget budget() {
        return budget;
    }

    /** {@return where {@code print} lines go; empty discards them} */
    public Optional<Consumer<String>> printSink() {
        return Optional.ofNullable(printSink);
    }

    /** {@return the clock read once per evaluation for {@code time.now_ns}} */
    public Clock clock() {
        return clock;
    }

    /** {@return whether builtin errors end the evaluation instead of making the call undefined} */
    public boolean strictBuiltinErrors() {
        return strictBuiltinErrors;
    }

    /**
     * {@return the seed of the random source {@code rand.intn} and {@code uuid.rfc4122} draw from; empty (the
     * default) makes those built-ins fail, so policies stay deterministic unless a host opts in}
     */
    public java.util.OptionalLong randomSeed() {
        return randomSeed == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(randomSeed);
    }

    /** Builds {@link EvaluationOptions}. */
    public static final class Builder {
        private JsonNode input;
        private String inputRego;
        private JsonNode data;
        private final Map<String, Supplier<JsonNode>> lazyData = new LinkedHashMap<>();
        private CostBudget budget = CostBudget.DEFAULT;
        private Consumer<String> printSink;
        private Clock clock = Clock.systemUTC();
        private boolean strictBuiltinErrors;
        private Long randomSeed;

        private Builder() {
        }

        /**
         * Sets the {@code input} document ({@code null} for none: {@code input} is undefined).
         *
         * @param input the {@code input} document
         * @return this builder
         */
        public Builder input(JsonNode input) {
            this.input = input;
            this.inputRego = null;
            return this;
        }

        /**
         * The {@code input} document as Rego term text, which may contain sets, e.g.
         * {@code {"x": {1, 2}}}; it must be a constant term.
         *
         * @param term the input as a constant Rego term
         * @return this builder
         */
        public Builder inputRego(String term) {
            this.inputRego = term;
            this.input = null;
            return this;
        }

        /**
         * Sets the base {@code data} document (an object), or {@code null} for none.
         *
         * @param data the base {@code data} document , or {@code null} for none
         * @return this builder
         */
        public Builder data(JsonNode data) {
            if (data != null && !data.isObject()) {
                throw new IllegalArgumentException("data must be a JSON object");
            }
            this.data = data;
            return this;
        }

        /**
         * A top-level data document, {@code data.<key>}, produced by {@code supplier} the first time an
         * evaluation reads it (at most once per evaluation). Takes precedence over the same key in
         * {@link #data(JsonNode)}.
         *
         * @param key the key under {@code data}
         * @param supplier produces the document; called at most once per evaluation
         * @return this builder
         */
        public Builder lazyData(String key, Supplier<JsonNode> supplier) {
            lazyData.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(supplier, "supplier"));
            return this;
        }

        /**
         * Sets the cost budget.
         *
         * @param budget the cost budget
         * @return this builder
         */
        public Builder budget(CostBudget budget) {
            this.budget = Objects.requireNonNull(budget, "budget");
            return this;
        }

        /**
         * Sets where {@code print} lines go ({@code null} discards them).
         *
         * @param sink where {@code print} lines go
         * @return this builder
         */
        public Builder printSink(Consumer<String> sink) {
            this.printSink = sink;
            return this;
        }

        /**
         * Sets the clock for {@code time.now_ns} (read once per evaluation).
         *
         * @param clock the clock for {@code time.now_ns}
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets whether builtin errors end the evaluation (OPA's {@code strict-builtin-errors}).
         *
         * @param strict whether builtin errors end the evaluation
         * @return this builder
         */
        public Builder strictBuiltinErrors(boolean strict) {
            this.strictBuiltinErrors = strict;
            return this;
        }

        /**
         * Enables {@code rand.intn} and {@code uuid.rfc4122} with a pseudo-random source seeded by
         * {@code seed} (one source per evaluation, so results repeat for the same seed).
         *
         * @param seed the seed of the pseudo-random source
         * @return this builder
         */
        public Builder randomSeed(long seed) {
            this.randomSeed = seed;
            return this;
        }

        /** {@return the options} */
        public EvaluationOptions build() {
            return new EvaluationOptions(this);
        }
    }
}
