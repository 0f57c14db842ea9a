package dev.palisade.lang;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What an expression may refer to: its variables (name and declared type; {@code "dyn"} when the
 * type is only known at run time) and which function libraries are available. Immutable.
 *
 * <p>Hosts add functions of their own with {@link Builder#function(HostFunction)}, and may have
 * expressions whose static cost estimate exceeds a limit rejected at compile time with
 * {@link Builder#estimatedCostLimit(long)}.
 *
 * <p>Types are written as in CEL: {@code dyn}, {@code int}, {@code uint}, {@code double},
 * {@code bool}, {@code string}, {@code bytes}, {@code list(dyn)}, {@code map(string, dyn)}, ...
 * Palisade checks names and functions at compile time and types at run time.
 */
public final class Declarations {
    /** The parser's default nesting limit. */
    public static final int DEFAULT_MAX_NESTING = 250;

    private final Map<String, String> variables;
    private final Set<Library> libraries;
    private final int maxNesting;
    private final boolean deferUnknownNames;
    private final List<HostFunction> functions;
    private final long estimatedCostLimit;
    private final boolean lenientOrValue;
    private final Set<String> objectTypes;

    private Declarations(Map<String, String> variables, Set<Library> libraries, int maxNesting,
            boolean deferUnknownNames, List<HostFunction> functions, long estimatedCostLimit,
            boolean lenientOrValue, Set<String> objectTypes) {
        this.objectTypes = Set.copyOf(objectTypes);
        this.deferUnknownNames = deferUnknownNames;
        this.lenientOrValue = lenientOrValue;
        this.functions = List.copyOf(functions);
        this.estimatedCostLimit = estimatedCostLimit;
        this.variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        this.libraries = Collections.unmodifiableSet(libraries.isEmpty() ? EnumSet.noneOf(Library.class)
                : EnumSet.copyOf(libraries));
        this.maxNesting = maxNesting;
    }

    /**
     * Dynamic-typed variables with these names and all Kubernetes libraries.
     *
     * @param names the variables' names
     * @return the declarations
     */
    public static Declarations of(String... names) {
        Builder b = builder();
        for (String n : names) {
            b.variable(n, "dyn");
        }
        return b.build();
    }

    /**
     * {@return the variables of a Kubernetes ValidatingAdmissionPolicy ({@code object}, {@code oldObject},
     * {@code request}, {@code params}, {@code namespaceObject}, {@code variables}), all libraries}
     */
    public static Declarations admission() {
        return of("object", "oldObject", "request", "params", "namespaceObject", "variables");
    }

    /** {@return a builder with no variables and all Kubernetes libraries enabled} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Declared variables, name to type, in declaration order.
     *
     * @return the variables
     */
    public Map<String, String> variables() {
        return variables;
    }

    /**
     * {@return whether a variable of that name is declared}
     *
     * @param name a variable's name
     */
    public boolean declares(String name) {
        return variables.containsKey(name);
    }

    /**
     * Enabled libraries.
     *
     * @return the libraries
     */
    public Set<Library> libraries() {
        return libraries;
    }

    /**
     * Maximum nesting depth of an expression (parentheses, operators, calls).
     *
     * @return the depth
     */
    public int maxNesting() {
        return maxNesting;
    }

    /**
     * {@return whether undeclared variables and functions are reported at run time (as errors that
     * {@code &&}/{@code ||} may absorb) instead of at compile time; off by default}
     */
    public boolean defersUnknownNames() {
        return deferUnknownNames;
    }

    /** {@return the host functions added to the language, in declaration order} */
    public List<HostFunction> functions() {
        return functions;
    }

    /**
     * {@return the limit on an expression's estimated worst-case cost ({@link Program#costEstimate()}), above
     * which it does not compile; {@link Long#MAX_VALUE} when there is none (the default)}
     */
    public long estimatedCostLimit() {
        return estimatedCostLimit;
    }

    /**
     * {@return whether {@code x.orValue(y)} is lenient, as Kyverno's CEL environments make it (cel-go 0.27's
     * behaviour, which Kyverno keeps): {@code y} when {@code x} is an empty optional or an error,
     * {@code x} itself when {@code x} is not an optional} Off by default (CEL's {@code orValue} takes
     * optionals only).
     */
    public boolean lenientOrValue() {
        return lenientOrValue;
    }

    /**
     * Type names whose construction {@code T{field: value}} (and {@code T.sub{...}} below them)
     * builds a map, as Kubernetes' MutatingAdmissionPolicy builds {@code Object{...}} and
     * {@code JSONPatch{...}}; empty by default (message construction needs protobuf types).
     *
     * @return the type names
     */
    public Set<String> objectTypes() {
        return objectTypes;
    }

    /** {@return a builder starting from these declarations} */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.variables.putAll(variables);
        b.libraries = libraries.isEmpty() ? EnumSet.noneOf(Library.class) : EnumSet.copyOf(libraries);
        b.maxNesting = maxNesting;
        b.deferUnknownNames = deferUnknownNames;
        b.functions.addAll(functions);
        b.estimatedCostLimit = estimatedCostLimit;
        b.lenientOrValue = lenientOrValue;
        b.objectTypes.addAll(objectTypes);
        return b;
    }

    /** Collects declarations. */
    public static final class Builder {
        private final Map<String, String> variables = new LinkedHashMap<>();
        private EnumSet<Library> libraries = EnumSet.allOf(Library.class);
        private int maxNesting = DEFAULT_MAX_NESTING;
        private boolean deferUnknownNames;
        private final List<HostFunction> functions = new ArrayList<>();
        private long estimatedCostLimit = Long.MAX_VALUE;
        private boolean lenientOrValue;
        private final Set<String> objectTypes = new java.util.LinkedHashSet<>();

        private Builder() {
        }

        /**
         * Adds a host function. A host function may share its name with a built-in function of
         * another arity or call style, not with one of the same.
         *
         * @param function the function
         * @return this builder
         */
        public Builder function(HostFunction function) {
            functions.add(Objects.requireNonNull(function, "function"));
            return this;
        }

        /**
         * Rejects, at compile time, expressions whose estimated worst-case cost exceeds {@code limit}
         * ("estimated cost exceeds budget"), as the Kubernetes API server rejects CRD validation
         * rules above its static limit. Values read from variables are sized as Kubernetes sizes
         * data without a schema: strings and lists as large as a 3 MiB request allows.
         *
         * @param limit the cost limit
         * @return this builder
         */
        public Builder estimatedCostLimit(long limit) {
            if (limit <= 0) {
                throw new IllegalArgumentException("estimatedCostLimit must be positive");
            }
            estimatedCostLimit = limit;
            return this;
        }

        /**
         * Declares a variable of a CEL type ({@code "dyn"} for any).
         *
         * @param name the variable's name
         * @param type its CEL type
         * @return this builder
         */
        public Builder variable(String name, String type) {
            variables.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(type, "type"));
            return this;
        }

        /**
         * Declares a dynamically typed variable.
         *
         * @param name the variable's name
         * @return this builder
         */
        public Builder variable(String name) {
            return variable(name, "dyn");
        }

        /**
         * Exactly these libraries (replacing the default of all).
         *
         * @param enabled the libraries to enable
         * @return this builder
         */
        public Builder libraries(Set<Library> enabled) {
            libraries = enabled.isEmpty() ? EnumSet.noneOf(Library.class) : EnumSet.copyOf(enabled);
            return this;
        }

        /**
         * Core CEL only: no Kubernetes library.
         *
         * @return this builder
         */
        public Builder withoutLibraries() {
            libraries = EnumSet.noneOf(Library.class);
            return this;
        }

        /**
         * Maximum nesting depth accepted by the parser (default 250).
         *
         * @param depth maximum nesting depth accepted by the parser
         * @return this builder
         */
        public Builder maxNesting(int depth) {
            if (depth < 1) {
                throw new IllegalArgumentException("maxNesting must be positive");
            }
            maxNesting = depth;
            return this;
        }

        /**
         * Reports undeclared variables and functions when evaluated rather than when compiled (an
         * undeclared variable is then looked up in the bindings by name), as CEL does with type
         * checking disabled. Useful for ad-hoc evaluation; policies should keep the default.
         *
         * @return this builder
         */
        public Builder deferUnknownNames() {
            deferUnknownNames = true;
            return this;
        }

        /**
         * Makes {@code x.orValue(y)} lenient, as Kyverno's policies expect: {@code y} when {@code x}
         * is an empty optional or fails (a missing field, say), and {@code x} when it is a plain value
         * rather than an optional. Cost errors are never absorbed.
         *
         * @return this builder
         */
        public Builder lenientOrValue() {
            lenientOrValue = true;
            return this;
        }

        /**
         * Lets expressions construct objects of these types ({@code JSONPatch{op: "add", path: "/x"}},
         * {@code Object{spec: Object.spec{replicas: 2}}}): each construction builds a map of its
         * fields, as a Kubernetes MutatingAdmissionPolicy's patches do.
         *
         * @param names the type names
         * @return this builder
         */
        public Builder objectTypes(String... names) {
            for (String n : names) {
                objectTypes.add(Objects.requireNonNull(n, "name"));
            }
            return this;
        }

        /** {@return the declarations} */
        public Declarations build() {
            return new Declarations(variables, libraries, maxNesting, deferUnknownNames, functions, estimatedCostLimit,
                    lenientOrValue, objectTypes);
        }
    }
}
