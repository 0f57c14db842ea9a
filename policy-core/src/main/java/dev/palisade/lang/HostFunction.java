package dev.palisade.lang;

import java.util.List;
import java.util.Objects;

/**
 * A function a host adds to the language, declared once with everything the compiler needs: its
 * name, call style and arity, its cost, whether it is pure, whether constant arguments are checked
 * at compile time, and a one-line description. Register it with
 * {@link Declarations.Builder#function(HostFunction)}:
 *
 * <pre>{@code
 * HostFunction digest = HostFunction.member("sha256", 0)          // s.sha256()
 *         .doc("The SHA-256 digest of a string, as lowercase hex.")
 *         .cost(FunctionCost.linear(1, 0, 0.1))                   // 1 + 0.1 per character of s
 *         .implementation(args -> sha256Hex((String) args.get(0)));
 * Program p = Expressions.compile("object.metadata.name.sha256().startsWith('ab')",
 *         Declarations.admission().toBuilder().function(digest).build());
 * }</pre>
 *
 * <p>The cost is charged before the implementation runs, so a cost limit stops an expression before
 * an expensive call. A pure function (the default) whose arguments are all constants is evaluated
 * once at compile time and its cost charged at every evaluation, as if it had run; mark functions
 * that read a clock or other state {@link Builder#impure()}. Arguments arrive as CEL values ({@code Long},
 * {@link UInt}, {@code Double}, {@code Boolean}, {@code String}, {@link Bytes}, {@link NullValue},
 * {@code java.time.Instant}, {@code java.time.Duration}, {@code java.util.Optional}, {@code List},
 * {@code Map}; JSON arrays and objects as lists and maps of CEL values), the receiver first for
 * member-style functions. The implementation may return any value {@link Program#evaluate} accepts
 * as a binding; an exception it throws becomes an evaluation error naming the function (one that
 * {@code ||} and {@code &&} may absorb, like every CEL error). Immutable and thread-safe when the
 * implementation is.
 */
public final class HostFunction {
    /** The body of a host function. */
    @FunctionalInterface
    public interface Implementation {
        /**
         * {@return the result for these arguments (the receiver first for a member-style function)}
         *
         * @param arguments the arguments, as CEL values
         */
        Object apply(List<Object> arguments);
    }

    private final String name;
    private final boolean member;
    private final int parameters;
    private final String doc;
    private final FunctionCost cost;
    private final boolean pure;
    private final boolean checksConstants;
    private final Implementation implementation;

    private HostFunction(String name, boolean member, int parameters, String doc, FunctionCost cost, boolean pure,
            boolean checksConstants, Implementation implementation) {
        this.name = name;
        this.member = member;
        this.parameters = parameters;
        this.doc = doc;
        this.cost = cost;
        this.pure = pure;
        this.checksConstants = checksConstants;
        this.implementation = implementation;
    }

    /**
     * Starts declaring a global function {@code name(a1, ..., aN)} with {@code parameters} arguments.
     *
     * @param name the function's name
     * @param parameters the number of arguments
     * @return the builder
     */
    public static Builder global(String name, int parameters) {
        return new Builder(name, false, parameters);
    }

    /**
     * Starts declaring a member function {@code receiver.name(a1, ..., aN)}; the receiver is not counted.
     *
     * @param name the function's name
     * @param parameters the number of arguments besides the receiver
     * @return the builder
     */
    public static Builder member(String name, int parameters) {
        return new Builder(name, true, parameters);
    }

    /** {@return the function's name (dotted names such as {@code acme.digest} are allowed)} */
    public String name() {
        return name;
    }

    /** {@return whether it is called as {@code receiver.name(...)}} */
    public boolean isMember() {
        return member;
    }

    /**
     * Arguments besides the receiver.
     *
     * @return the number of arguments
     */
    public int parameters() {
        return parameters;
    }

    /** {@return the one-line description} */
    public String doc() {
        return doc;
    }

    /** {@return what a call costs, charged before the implementation runs} */
    public FunctionCost cost() {
        return cost;
    }

    /**
     * {@return whether the result depends on the arguments only (then calls with constant arguments are folded)}
     */
    public boolean isPure() {
        return pure;
    }

    /** {@return whether a call with constant arguments that fails is a compile error} */
    public boolean checksConstantArguments() {
        return checksConstants;
    }

    /** {@return the function's body} */
    public Implementation implementation() {
        return implementation;
    }

    /** Collects a host function's declaration; {@link #implementation} ends it. */
    public static final class Builder {
        private final String name;
        private final boolean member;
        private final int parameters;
        private String doc = "";
        private FunctionCost cost = FunctionCost.fixed(1);
        private boolean pure = true;
        private boolean checksConstants;

        private Builder(String name, boolean member, int parameters) {
            Objects.requireNonNull(name, "name");
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*")) {
                throw new IllegalArgumentException("not a function name: '" + name + "'");
            }
            if (parameters < 0) {
                throw new IllegalArgumentException("parameters must not be negative");
            }
            this.name = name;
            this.member = member;
            this.parameters = parameters;
        }

        /**
         * Sets a one-line description, listed with the language's functions.
         *
         * @param text a one-line description, listed with the language's functions
         * @return this builder
         */
        public Builder doc(String text) {
            doc = Objects.requireNonNull(text, "doc");
            return this;
        }

        /**
         * Sets the cost of a call (default: 1 unit).
         *
         * @param c the cost of a call
         * @return this builder
         */
        public Builder cost(FunctionCost c) {
            cost = Objects.requireNonNull(c, "cost");
            return this;
        }

        /**
         * {@return the result may differ between calls with the same arguments: never evaluated at compile time}
         */
        public Builder impure() {
            pure = false;
            return this;
        }

        /**
         * Calls whose arguments are all constants are tried at compile time, and an error there is a
         * compile error (as Kubernetes does for {@code timestamp('...')} or {@code quantity('...')}).
         *
         * @return this builder
         */
        public Builder checkConstantArguments() {
            checksConstants = true;
            return this;
        }

        /**
         * Ends the declaration with the function's body.
         *
         * @param body the implementation
         * @return the function
         */
        public HostFunction implementation(Implementation body) {
            return new HostFunction(name, member, parameters, doc, cost, pure, checksConstants,
                    Objects.requireNonNull(body, "implementation"));
        }
    }
}
