package dev.palisade.rego.internal.builtins;

import dev.palisade.rego.internal.value.ArrayValue;
import dev.palisade.rego.internal.value.NumberValue;
import dev.palisade.rego.internal.value.ObjectValue;
import dev.palisade.rego.internal.value.SetValue;
import dev.palisade.rego.internal.value.StringValue;
import dev.palisade.rego.internal.value.Value;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** Operand checks with OPA's error messages ("operand 1 must be string but got number"). */
public final class Args {
    private Args() {
    }

    public static BuiltinException typeError(int pos, Value got, String... expected) {
        if (expected.length == 1) {
            return BuiltinException.type("operand " + pos + " must be " + expected[0] + " but got " + got.typeName());
        }
        return BuiltinException.type("operand " + pos + " must be one of {" + String.join(", ", expected) + "} but got "
                + got.typeName());
    }

    public static BuiltinException operandError(int pos, String msg) {
        return BuiltinException.type("operand " + pos + " " + msg);
    }

    public static String string(Value[] args, int i) {
        if (args[i] instanceof StringValue s) {
            return s.value();
        }
        throw typeError(i + 1, args[i], "string");
    }

    public static NumberValue number(Value[] args, int i) {
        if (args[i] instanceof NumberValue n) {
            return n;
        }
        throw typeError(i + 1, args[i], "number");
    }

    /** An integer operand (OPA's IntOperand). */
    public static int integer(Value[] args, int i) {
        NumberValue n = number(args, i);
        if (!n.isInt64()) {
            BigInteger b = n.text() != null ? null : n.bigIntegerExact();
            if (b == null || b.bitLength() > 31) {
                throw operandError(i + 1, "must be integer number but got floating-point number");
            }
            return b.intValue();
        }
        long l = n.longValue();
        if (l > Integer.MAX_VALUE || l < Integer.MIN_VALUE) {
            throw operandError(i + 1, "must be integer number but got floating-point number");
        }
        return (int) l;
    }

    public static ArrayValue array(Value[] args, int i) {
        if (args[i] instanceof ArrayValue a) {
            return a;
        }
        throw typeError(i + 1, args[i], "array");
    }

    public static ObjectValue object(Value[] args, int i) {
        if (args[i] instanceof ObjectValue o) {
            return o;
        }
        throw typeError(i + 1, args[i], "object");
    }

    public static SetValue set(Value[] args, int i) {
        if (args[i] instanceof SetValue s) {
            return s;
        }
        throw typeError(i + 1, args[i], "set");
    }

    /** Elements of an array or set. */
    public static List<Value> elements(Value v) {
        List<Value> out = new ArrayList<>();
        if (v instanceof ArrayValue a) {
            for (int i = 0; i < a.size(); i++) {
                out.add(a.get(i));
            }
        } else if (v instanceof SetValue s) {
            for (int i = 0; i < s.size(); i++) {
                out.add(s.get(i));
            }
        }
        return out;
    }

    /** Strings of an array or set operand (OPA's StringSliceOperand). */
    public static List<String> strings(Value[] args, int i) {
        Value v = args[i];
        if (!(v instanceof ArrayValue) && !(v instanceof SetValue)) {
            throw typeError(i + 1, v, "array", "set");
        }
        List<String> out = new ArrayList<>();
        for (Value e : elements(v)) {
            if (!(e instanceof StringValue s)) {
                throw operandError(i + 1, "must be " + v.typeName() + " of strings but got " + v.typeName()
                        + " containing " + e.typeName());
            }
            out.add(s.value());
        }
        return out;
    }
}
