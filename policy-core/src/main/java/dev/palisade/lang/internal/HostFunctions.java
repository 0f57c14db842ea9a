package dev.palisade.lang.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.lang.FunctionCost;
import dev.palisade.lang.HostFunction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Declares host functions in a function table, with their costs in the table's cost model. */
final class HostFunctions {
    private HostFunctions() {
    }

    static void declare(FunctionTable t, HostFunction h) {
        int arity = h.parameters() + (h.isMember() ? 1 : 0);
        if (t.find(h.isMember(), h.name(), arity) != null) {
            throw new IllegalArgumentException("host function " + h.name() + "/" + arity
                    + " would replace a function of the language");
        }
        FunctionCost fc = h.cost();
        if (fc.argument() >= arity) {
            throw new IllegalArgumentException("host function " + h.name() + ": its cost depends on argument "
                    + fc.argument() + " but it has " + arity);
        }
        Cost cost = fc.argument() < 0 ? Cost.fixed(fc.base())
                : Cost.linear(fc.base(), fc.argument(), fc.unitsPerSizeUnit(), "size(arg" + fc.argument() + ")");
        StringBuilder sig = new StringBuilder();
        if (h.isMember()) {
            sig.append("x.");
        }
        sig.append(h.name()).append('(');
        for (int i = 0; i < h.parameters(); i++) {
            sig.append(i == 0 ? "" : ", ").append("a").append(i + 1);
        }
        sig.append(')');
        FunctionTable.Declaring d = h.isMember() ? t.member(h.name(), arity) : t.global(h.name(), arity);
        d = d.sig(sig.toString()).doc(h.doc()).cost(cost).host();
        if (!h.isPure()) {
            d = d.impure();
        }
        if (h.checksConstantArguments()) {
            d = d.checkConstants();
        }
        HostFunction.Implementation body = h.implementation();
        String name = h.name();
        d.impl((f, a) -> {
            List<Object> args = new ArrayList<>(a.length);
            for (Object v : a) {
                args.add(hostView(v));
            }
            Object result;
            try {
                result = body.apply(Collections.unmodifiableList(args));
            } catch (CelError | CostExceeded e) {
                throw e;
            } catch (RuntimeException e) {
                throw new CelError("function '" + name + "' failed: " + e.getMessage());
            }
            if (result == null) {
                throw new CelError("function '" + name + "' returned no value");
            }
            return Rt.norm(result);
        });
    }

    /** JSON arrays and objects as lists and maps of CEL values. */
    private static Object hostView(Object v) {
        if (v instanceof ArrayNode) {
            return RtAccess.elements(v);
        }
        if (v instanceof ObjectNode) {
            return Collections.unmodifiableMap(RtAccess.entries(v));
        }
        return v;
    }
}
