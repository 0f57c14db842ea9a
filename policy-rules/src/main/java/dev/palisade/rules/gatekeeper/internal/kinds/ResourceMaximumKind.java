package dev.palisade.rules.gatekeeper.internal.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.rules.gatekeeper.ConstraintInput;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * K8sContainerLimits and K8sContainerRequests: every container and init container must set CPU and
 * memory {@code limits} (or {@code requests}) that parse, and that do not exceed the constraint's
 * {@code cpu} and {@code memory}. For limits, {@code cpu: "-1"} (and an absent {@code cpu}) turns
 * every CPU check off, as the Rego compares {@code input.parameters.cpu != "-1"}.
 */
final class ResourceMaximumKind extends RegoKind {
    private final String section;
    private final String noun;
    private final boolean cpuNeedsParameter;
    private final CompiledParameters<Maximums> maximums = new CompiledParameters<>(this::maximums);

    /** The constraint's maximums, parsed. */
    private record Maximums(boolean cpuEnabled, Optional<BigDecimal> cpu, Optional<BigDecimal> memory) {
    }

    private ResourceMaximumKind(String kind, String section, String noun, boolean cpuNeedsParameter) {
        super(kind);
        this.section = section;
        this.noun = noun;
        this.cpuNeedsParameter = cpuNeedsParameter;
    }

    static ResourceMaximumKind limits() {
        return new ResourceMaximumKind("K8sContainerLimits", "limits", "limit", true);
    }

    static ResourceMaximumKind requests() {
        return new ResourceMaximumKind("K8sContainerRequests", "requests", "request", false);
    }

    private Maximums maximums(JsonNode params) {
        JsonNode maxCpu = params.path("cpu");
        boolean cpuEnabled = !cpuNeedsParameter || (!maxCpu.isMissingNode() && !"-1".equals(maxCpu.textValue()));
        return new Maximums(cpuEnabled, Quantities.cpu(maxCpu), Quantities.memory(params.path("memory")));
    }

    @Override
    void check(ConstraintInput input, Violations violations) {
        JsonNode params = input.parameters();
        JsonNode maxCpu = params.path("cpu");
        JsonNode maxMemory = params.path("memory");
        Maximums parsed = maximums.of(params);
        boolean cpuEnabled = parsed.cpuEnabled();
        Optional<BigDecimal> maxCpuValue = parsed.cpu();
        Optional<BigDecimal> maxMemoryValue = parsed.memory();
        Containers.forEach(input.object(), Containers.REGULAR_AND_INIT, (field, container, pointer) -> {
            if (ExemptImages.isExempt(params, container)) {
                return;
            }
            JsonNode name = container.path("name");
            JsonNode values = container.path("resources").path(section);
            String at = pointer + "/resources/" + section;
            JsonNode cpu = values.path("cpu");
            JsonNode memory = values.path("memory");
            Optional<BigDecimal> cpuValue = Quantities.cpu(cpu);
            Optional<BigDecimal> memoryValue = Quantities.memory(memory);
            if (cpuEnabled && !cpu.isMissingNode() && cpuValue.isEmpty()) {
                violations.sprintf(at + "/cpu", "container <%v> cpu " + noun + " <%v> could not be parsed", name, cpu);
            }
            if (!memory.isMissingNode() && memoryValue.isEmpty()) {
                violations.sprintf(at + "/memory", "container <%v> memory " + noun + " <%v> could not be parsed",
                        name, memory);
            }
            ContainerResources.reportNoSection(container, pointer, section, violations);
            if (cpuEnabled && ContainerResources.missing(values, "cpu")) {
                violations.sprintf(at, "container <%v> has no cpu " + noun, name);
            }
            if (ContainerResources.missing(values, "memory")) {
                violations.sprintf(at, "container <%v> has no memory " + noun, name);
            }
            if (cpuEnabled && cpuValue.isPresent() && maxCpuValue.isPresent()
                    && cpuValue.get().compareTo(maxCpuValue.get()) > 0) {
                violations.sprintf(at + "/cpu", "container <%v> cpu " + noun
                        + " <%v> is higher than the maximum allowed of <%v>", name, cpu, maxCpu);
            }
            if (memoryValue.isPresent() && maxMemoryValue.isPresent()
                    && memoryValue.get().compareTo(maxMemoryValue.get()) > 0) {
                violations.sprintf(at + "/memory", "container <%v> memory " + noun
                        + " <%v> is higher than the maximum allowed of <%v>", name, memory, maxMemory);
            }
        });
    }
}
