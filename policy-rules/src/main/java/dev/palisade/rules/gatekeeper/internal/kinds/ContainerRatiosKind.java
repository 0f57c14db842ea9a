package dev.palisade.rules.gatekeeper.internal.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.rules.gatekeeper.ConstraintInput;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * K8sContainerRatios: every container and init container must set parseable CPU and memory limits
 * and requests, with limits at most {@code ratio} (CPU: {@code cpuRatio}, defaulting to
 * {@code ratio}) times the requests. As in the Rego, the CPU ratio check needs {@code ratio} to be
 * set even when {@code cpuRatio} is.
 */
final class ContainerRatiosKind extends RegoKind {

    ContainerRatiosKind() {
        super("K8sContainerRatios");
    }

    @Override
    void check(ConstraintInput input, Violations violations) {
        JsonNode params = input.parameters();
        JsonNode ratio = params.path("ratio");
        JsonNode cpuRatio = ratio.isMissingNode() ? ratio : params.has("cpuRatio") ? params.get("cpuRatio") : ratio;
        Optional<BigDecimal> ratioValue = number(ratio);
        Optional<BigDecimal> cpuRatioValue = number(cpuRatio);
        Containers.forEach(input.object(), Containers.REGULAR_AND_INIT, (field, container, pointer) -> {
            if (ExemptImages.isExempt(params, container)) {
                return;
            }
            JsonNode name = container.path("name");
            JsonNode resources = container.path("resources");
            JsonNode limits = resources.path("limits");
            JsonNode requests = resources.path("requests");
            String limitsAt = pointer + "/resources/limits";
            String requestsAt = pointer + "/resources/requests";
            Optional<BigDecimal> cpuLimit = parse(limits.path("cpu"), true, name, "cpu limit", limitsAt, violations);
            Optional<BigDecimal> memoryLimit = parse(limits.path("memory"), false, name, "memory limit", limitsAt,
                    violations);
            Optional<BigDecimal> cpuRequest = parse(requests.path("cpu"), true, name, "cpu request", requestsAt,
                    violations);
            Optional<BigDecimal> memoryRequest = parse(requests.path("memory"), false, name, "memory request",
                    requestsAt, violations);
            ContainerResources.reportNoSection(container, pointer, "limits", violations);
            if (ContainerResources.missing(limits, "cpu")) {
                violations.sprintf(limitsAt, "container <%v> has no cpu limit", name);
            }
            if (ContainerResources.missing(limits, "memory")) {
                violations.sprintf(limitsAt, "container <%v> has no memory limit", name);
            }
            if (!RegoValues.truthy(requests)) {
                violations.sprintf(requestsAt, "container <%v> has no resource requests", name);
            }
            if (ContainerResources.missing(requests, "cpu")) {
                violations.sprintf(requestsAt, "container <%v> has no cpu request", name);
            }
            if (ContainerResources.missing(requests, "memory")) {
                violations.sprintf(requestsAt, "container <%v> has no memory request", name);
            }
            if (cpuLimit.isPresent() && cpuRequest.isPresent() && cpuRatioValue.isPresent()
                    && cpuLimit.get().compareTo(cpuRatioValue.get().multiply(cpuRequest.get())) > 0) {
                violations.sprintf(limitsAt + "/cpu",
                        "container <%v> cpu limit <%v> is higher than the maximum allowed ratio of <%v>", name,
                        limits.path("cpu"), cpuRatio);
            }
            if (memoryLimit.isPresent() && memoryRequest.isPresent() && ratioValue.isPresent()
                    && memoryLimit.get().compareTo(ratioValue.get().multiply(memoryRequest.get())) > 0) {
                violations.sprintf(limitsAt + "/memory",
                        "container <%v> memory limit <%v> is higher than the maximum allowed ratio of <%v>", name,
                        limits.path("memory"), ratio);
            }
        });
    }

    private static Optional<BigDecimal> parse(JsonNode value, boolean cpu, JsonNode name, String what, String at,
            Violations violations) {
        if (value.isMissingNode()) {
            return Optional.empty();
        }
        Optional<BigDecimal> parsed = cpu ? Quantities.cpu(value) : Quantities.memory(value);
        if (parsed.isEmpty()) {
            violations.sprintf(at + (cpu ? "/cpu" : "/memory"), "container <%v> " + what + " <%v> could not be parsed",
                    name, value);
        }
        return parsed;
    }

    /** OPA's {@code to_number} on a parameter: numbers as they are, strings parsed. */
    private static Optional<BigDecimal> number(JsonNode value) {
        if (value.isNumber()) {
            return Optional.of(value.decimalValue());
        }
        return value.isTextual() ? Quantities.toNumber(value.textValue()) : Optional.empty();
    }
}
