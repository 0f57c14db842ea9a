package dev.palisade.kyverno.jmespath.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A function: its name, its argument types (go-jmespath's {@code ArgSpec}), what it returns (for
 * documentation) and its handler. Arguments are type-checked before the handler runs.
 *
 * @param name the name expressions call it by
 * @param args argument specifications; the last may be variadic
 * @param returns the return type, as Kyverno documents it
 * @param handler the implementation
 */
public record Function(String name, List<ArgSpec> args, String returns, Handler handler) {
    /** The implementation of a function; arguments are already checked. */
    @FunctionalInterface
    public interface Handler {
        /** Computes the result; throws {@link FunctionError} for bad input. */
        JsonNode call(JsonNode[] args, Eval ev);
    }

    /** Argument types of go-jmespath. */
    public enum Type {
        NUMBER("number"), STRING("string"), ARRAY("array"), OBJECT("object"), ARRAY_NUMBER("array[number]"),
        ARRAY_STRING("array[string]"), EXPREF("expref"), ANY("any");

        final String text;

        Type(String text) {
            this.text = text;
        }

        boolean accepts(JsonNode v) {
            switch (this) {
                case NUMBER:
                    return v.isNumber();
                case STRING:
                    return v.isTextual();
                case ARRAY:
                    return v.isArray();
                case OBJECT:
                    return v.isObject();
                case ARRAY_NUMBER:
                    if (!v.isArray()) {
                        return false;
                    }
                    for (JsonNode e : v) {
                        if (!e.isNumber()) {
                            return false;
                        }
                    }
                    return true;
                case ARRAY_STRING:
                    if (!v.isArray()) {
                        return false;
                    }
                    for (JsonNode e : v) {
                        if (!e.isTextual()) {
                            return false;
                        }
                    }
                    return true;
                case EXPREF:
                    return v.isPojo();
                default:
                    return !v.isPojo();
            }
        }
    }

    /**
     * One argument's accepted types.
     *
     * @param types accepted types
     * @param variadic whether the argument may repeat (only the last)
     */
    public record ArgSpec(List<Type> types, boolean variadic) {
        /** A plain argument of the given types. */
        public static ArgSpec of(Type... types) {
            return new ArgSpec(List.of(types), false);
        }

        /** A repeated last argument. */
        public static ArgSpec variadic(Type... types) {
            return new ArgSpec(List.of(types), true);
        }

        @Override
        public String toString() {
            return types.stream().map(t -> t.text).collect(Collectors.joining("|")) + (variadic ? "..." : "");
        }
    }

    /** The signature as Kyverno's {@code jp function} lists it: {@code name(types, …) returns}. */
    public String signature() {
        return name + "(" + args.stream().map(ArgSpec::toString).collect(Collectors.joining(", ")) + ") " + returns;
    }

    boolean variadic() {
        return !args.isEmpty() && args.get(args.size() - 1).variadic();
    }

    /** Checks the arity and types, as go-jmespath's {@code resolveArgs} (variadic arguments are checked too). */
    void check(JsonNode[] values) {
        if (!variadic()) {
            if (values.length != args.size()) {
                throw new FunctionError("function " + name + "() takes " + args.size() + " argument"
                        + (args.size() == 1 ? "" : "s") + " but was given " + values.length
                        + " (incorrect number of args)");
            }
        } else if (values.length < args.size()) {
            throw new FunctionError("function " + name + "() takes at least " + args.size() + " argument"
                    + (args.size() == 1 ? "" : "s") + " but was given " + values.length + " (Invalid arity.)");
        }
        for (int i = 0; i < values.length; i++) {
            ArgSpec spec = args.get(Math.min(i, args.size() - 1));
            boolean ok = false;
            for (Type t : spec.types()) {
                if (t.accepts(values[i])) {
                    ok = true;
                    break;
                }
            }
            if (!ok) {
                throw new FunctionError("invalid type for argument " + (i + 1) + " of " + name + "(): expected "
                        + spec.types().stream().map(t -> t.text).collect(Collectors.joining(" or "))
                        + ", got " + Values.typeName(values[i]) + " " + preview(values[i]));
            }
        }
    }

    private static String preview(JsonNode v) {
        if (v.isPojo()) {
            return "&expression";
        }
        String s = GoJson.marshal(v.isMissingNode() ? Values.NULL : v);
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
