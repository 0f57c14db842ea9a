package dev.palisade.kyverno.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What one policy did to one resource (Kyverno's {@code EngineResponse}).
 *
 * @param policy the policy
 * @param resource the resource as the policy received it
 * @param patchedResource the resource after the policy's mutations (the same when none)
 * @param rules one response per rule that matched, in rule order
 */
public record EngineResponse(PolicyIdentity policy, JsonNode resource, JsonNode patchedResource,
        List<RuleResponse> rules) {

    public EngineResponse {
        rules = List.copyOf(rules);
    }
}
