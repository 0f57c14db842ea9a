package dev.palisade.rules.gatekeeper.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.core.PalisadeException;
import dev.palisade.rego.RegoFunction;
import dev.palisade.rego.RegoFunctionException;
import dev.palisade.rules.gatekeeper.ExternalDataProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Gatekeeper's {@code external_data} Rego function on a host's {@link ExternalDataProvider}. The
 * argument is {@code {"provider": name, "keys": [...]}}; the result has Gatekeeper's shape:
 * {@code {"responses": [[key, value]...], "errors": [[key, error]...], "status_code": N,
 * "system_error": text}}. Without a provider the call is undefined and the evaluation that made it
 * ends in an error once it returns (fail closed), since a template cannot be judged without the data
 * it asked for.
 */
final class ExternalDataFunction {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ThreadLocal<Calls> CURRENT = new ThreadLocal<>();

    /** What happened to {@code external_data} calls during one evaluation on this thread. */
    static final class Calls {
        private String unconfiguredProvider;

        void failIfUnconfigured(String kind) {
            if (unconfiguredProvider != null) {
                throw new PalisadeException(kind + ": the template calls external_data (provider '"
                        + unconfiguredProvider + "') but no external data provider is configured; give one with"
                        + " GatekeeperFormat.builder().externalData(...) (failing closed)");
            }
        }
    }

    private ExternalDataFunction() {
    }

    /** Starts recording the calls of an evaluation on this thread. */
    static Calls begin() {
        Calls calls = new Calls();
        CURRENT.set(calls);
        return calls;
    }

    /** Stops recording. */
    static void end() {
        CURRENT.remove();
    }

    /** The function, answering with the provider, or failing closed when it is null. */
    static RegoFunction of(ExternalDataProvider provider) {
        return RegoFunction.of("external_data", 1, args -> call(provider, args.get(0)));
    }

    private static Optional<JsonNode> call(ExternalDataProvider provider, JsonNode request) {
        String name = request.path("provider").asText("");
        List<String> keys = new ArrayList<>();
        for (JsonNode key : request.path("keys")) {
            keys.add(key.isTextual() ? key.textValue() : key.toString());
        }
        if (provider == null) {
            Calls calls = CURRENT.get();
            if (calls != null && calls.unconfiguredProvider == null) {
                calls.unconfiguredProvider = name;
            }
            throw new RegoFunctionException("no external data provider is configured");
        }
        ObjectNode response = F.objectNode();
        ArrayNode responses = response.putArray("responses");
        ArrayNode errors = response.putArray("errors");
        try {
            ExternalDataProvider.Response answer = provider.lookup(name, List.copyOf(keys));
            for (ExternalDataProvider.Item item : answer.items()) {
                if (!item.error().isEmpty()) {
                    errors.addArray().add(item.key()).add(item.error());
                } else {
                    responses.addArray().add(item.key()).add(item.value() == null ? F.nullNode() : item.value());
                }
            }
            response.put("status_code", 200);
            response.put("system_error", answer.systemError());
        } catch (Exception e) {
            response.put("status_code", 500);
            response.put("system_error", String.valueOf(e.getMessage()));
        }
        return Optional.of(response);
    }
}
