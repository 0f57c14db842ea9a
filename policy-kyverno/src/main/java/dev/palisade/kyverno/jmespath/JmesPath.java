package dev.palisade.kyverno.jmespath;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.kyverno.jmespath.internal.Engine;
import dev.palisade.kyverno.jmespath.internal.KyvernoFunctions;
import dev.palisade.kyverno.jmespath.internal.Runtime;
import dev.palisade.kyverno.jmespath.internal.StandardFunctions;
import dev.palisade.kyverno.jmespath.internal.Function;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * A JMESPath dialect: the language as Kyverno runs it (go-jmespath, Kyverno's fork) with a
 * function table, compiling expressions into immutable, thread-safe {@link Expression}s.
 *
 * <pre>{@code
 * JmesPath jp = JmesPath.kyverno();
 * Expression e = jp.compile("request.object.spec.containers[?securityContext.privileged].name | length(@)");
 * JsonNode n = e.search(context);
 * }</pre>
 *
 * <p>An instance keeps a bounded cache of compiled expressions, so that {@link #compile} of the same
 * text (a variable substituted for every resource) parses once. Instances are thread-safe.
 */
public final class JmesPath {
    private static final int CACHE_SIZE = 4096;

    private final Runtime runtime;
    private final CostLimits limits;
    private final Map<String, Expression> cache = new ConcurrentHashMap<>();

    private JmesPath(Runtime runtime, CostLimits limits) {
        this.runtime = runtime;
        this.limits = limits;
    }

    /**
     * Kyverno's dialect with Kyverno's functions, the system clock, a secure random source and DNS.
     *
     * @return the dialect Kyverno policies are written in
     */
    public static JmesPath kyverno() {
        return builder().build();
    }

    /**
     * {@return the specification's functions only (no Kyverno functions; {@code sum} is the standard one)}
     */
    public static JmesPath standard() {
        return builder().kyvernoFunctions(false).build();
    }

    /** {@return a builder, to set the clock, random source, host resolver, image settings or cost limits} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Compiles an expression (cached by text).
     *
     * @param expression the expression's text
     * @return the compiled expression, immutable and thread-safe
     * @throws JmesPathSyntaxException with the column when the text is not valid, or names an
     *     unknown function
     */
    public Expression compile(String expression) {
        Objects.requireNonNull(expression, "expression");
        Expression cached = cache.get(expression);
        if (cached != null) {
            return cached;
        }
        Expression compiled = new Expression(expression, Engine.compile(expression, runtime), limits);
        if (cache.size() >= CACHE_SIZE) {
            cache.clear();
        }
        cache.put(expression, compiled);
        return compiled;
    }

    /**
     * Compiles (cached) and evaluates an expression.
     *
     * @param expression the expression's text
     * @param data the document searched
     * @return the result; JSON null as a {@code NullNode}
     * @throws JmesPathException when it does not compile or its evaluation fails
     */
    public JsonNode search(String expression, JsonNode data) {
        return compile(expression).search(data);
    }

    /** {@return the default cost limits of evaluations} */
    public CostLimits costLimits() {
        return limits;
    }

    /** {@return the functions of this dialect as {@code name(argument types) result}, sorted by name} */
    public List<String> functionSignatures() {
        List<String> out = new ArrayList<>();
        runtime.functions().values().stream().sorted((a, b) -> a.name().compareTo(b.name()))
                .forEach(f -> out.add(f.signature()));
        return out;
    }

    /** Builds a {@link JmesPath}. */
    public static final class Builder {
        private boolean kyvernoFunctions = true;
        private Clock clock = Clock.systemUTC();
        private RandomGenerator random;
        private HostResolver resolver = HostResolver.SYSTEM;
        private String defaultRegistry = "docker.io";
        private boolean defaultRegistryMutation = true;
        private CostLimits limits = CostLimits.DEFAULT;

        private Builder() {
        }

        /**
         * Sets whether Kyverno's functions are available (default true).
         *
         * @param enabled whether Kyverno's functions are available
         * @return this builder
         */
        public Builder kyvernoFunctions(boolean enabled) {
            this.kyvernoFunctions = enabled;
            return this;
        }

        /**
         * Sets the clock of {@code time_now}, {@code time_now_utc} and {@code time_since} (default: system UTC).
         *
         * @param value the clock of {@code time_now}, {@code time_now_utc} and {@code time_since}
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Sets the random source of {@code random} (default: a {@link SecureRandom}).
         *
         * @param value the random source of {@code random}
         * @return this builder
         */
        public Builder random(RandomGenerator value) {
            this.random = Objects.requireNonNull(value, "random");
            return this;
        }

        /**
         * Sets the resolver of {@code is_external_url} (default: {@link HostResolver#SYSTEM}).
         *
         * @param value the resolver of {@code is_external_url}
         * @return this builder
         */
        public Builder hostResolver(HostResolver value) {
            this.resolver = Objects.requireNonNull(value, "resolver");
            return this;
        }

        /**
         * Kyverno's {@code defaultRegistry} setting (default {@code docker.io}).
         *
         * @param value the registry of image references that name none
         * @return this builder
         */
        public Builder defaultRegistry(String value) {
            this.defaultRegistry = Objects.requireNonNull(value, "defaultRegistry");
            return this;
        }

        /**
         * Kyverno's {@code enableDefaultRegistryMutation} setting (default true).
         *
         * @param value whether mutations add the default registry to image references
         * @return this builder
         */
        public Builder defaultRegistryMutation(boolean value) {
            this.defaultRegistryMutation = value;
            return this;
        }

        /**
         * Sets the default cost limits of evaluations (default {@link CostLimits#DEFAULT}).
         *
         * @param value the default cost limits of evaluations
         * @return this builder
         */
        public Builder costLimits(CostLimits value) {
            this.limits = Objects.requireNonNull(value, "limits");
            return this;
        }

        /**
         * Builds the dialect.
         *
         * @return the dialect, immutable and thread-safe
         */
        public JmesPath build() {
            Map<String, Function> functions = new LinkedHashMap<>();
            StandardFunctions.register(functions);
            if (kyvernoFunctions) {
                KyvernoFunctions.register(functions);
            }
            RandomGenerator rnd = random != null ? random : new SecureRandom();
            return new JmesPath(new Runtime(functions, clock, rnd, resolver, defaultRegistry, defaultRegistryMutation),
                    limits);
        }
    }
}
