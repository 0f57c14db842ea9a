package dev.palisade.rules.gatekeeper.internal.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * What a kind derives from a constraint's parameters (parsed quantities, lower-cased sets, allowed
 * profiles), computed once per parameters object rather than per resource. Remembers the last
 * parameters node by identity: a constraint's parameters are one immutable node evaluated against
 * many resources. Thread-safe; a race only computes the same value twice.
 *
 * @param <T> the derived value (immutable)
 */
final class CompiledParameters<T> {
    private final Function<JsonNode, T> compiler;
    private final AtomicReference<Entry<T>> last = new AtomicReference<>();

    private record Entry<T>(JsonNode parameters, T value) {
    }

    CompiledParameters(Function<JsonNode, T> compiler) {
        this.compiler = compiler;
    }

    /** The value derived from these parameters. */
    T of(JsonNode parameters) {
        Entry<T> entry = last.get();
        if (entry != null && entry.parameters() == parameters) {
            return entry.value();
        }
        T value = compiler.apply(parameters);
        last.set(new Entry<>(parameters, value));
        return value;
    }
}
