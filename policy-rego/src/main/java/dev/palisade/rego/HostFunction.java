package dev.palisade.rego;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.rego.internal.builtins.Builtin;
import dev.palisade.rego.internal.builtins.BuiltinContext;
import dev.palisade.rego.internal.builtins.BuiltinException;
import dev.palisade.rego.internal.value.Value;
import dev.palisade.rego.internal.value.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Adapts a host {@link RegoFunction} to the builtin interface (JSON in, JSON out). */
final class HostFunction {
    private HostFunction() {
    }

    static Builtin builtin(RegoFunction f) {
        return new Builtin(f.name(), f.arity()) {
            @Override
            public Value call(BuiltinContext ctx, Value[] args) {
                List<JsonNode> json = new ArrayList<>(args.length);
                for (Value v : args) {
                    json.add(Values.toJson(v));
                }
                Optional<JsonNode> r;
                try {
                    r = f.call(json);
                } catch (RegoFunctionException e) {
                    throw BuiltinException.error(String.valueOf(e.getMessage()));
                } catch (RuntimeException e) {
                    throw BuiltinException.error(e.getClass().getSimpleName() + ": " + e.getMessage());
                }
                if (r == null || r.isEmpty()) {
                    return null;
                }
                Value v = Values.fromJson(r.get().deepCopy());
                return v == null ? null : Values.materialize(v);
            }
        };
    }
}
