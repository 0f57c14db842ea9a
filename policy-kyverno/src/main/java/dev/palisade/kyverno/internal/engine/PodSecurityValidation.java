package dev.palisade.kyverno.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.PodSpecView;
import dev.palisade.core.Resource;
import dev.palisade.kyverno.internal.Wildcard;
import dev.palisade.rules.podsecurity.CheckFailure;
import dev.palisade.rules.podsecurity.Level;
import dev.palisade.rules.podsecurity.LevelVersion;
import dev.palisade.rules.podsecurity.PodSecurityResult;
import dev.palisade.rules.podsecurity.PodSecurityStandards;
import dev.palisade.rules.podsecurity.PodSecurityVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code validate.podSecurity} rules on Palisade's Pod Security Standards
 * ({@code dev.palisade.rules.podsecurity}): the pod (or a controller's pod template) is checked at
 * the rule's level and version; {@code exclude} entries (and PolicyExceptions' {@code podSecurity}
 * controls) exempt a control, for the whole pod when they name no images, or for the containers
 * whose images match.
 */
final class PodSecurityValidation {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Kyverno's control names and the check ids they cover. */
    static final Map<String, List<String>> CONTROLS = Map.ofEntries(
            Map.entry("Capabilities", List.of("capabilities_baseline", "capabilities_restricted")),
            Map.entry("Seccomp", List.of("seccompProfile_baseline", "seccompProfile_restricted")),
            Map.entry("Privileged Containers", List.of("privileged")),
            Map.entry("Host Ports", List.of("hostPorts")),
            Map.entry("/proc Mount Type", List.of("procMount", "procMount_restricted")),
            Map.entry("HostProcess", List.of("windowsHostProcess")),
            Map.entry("SELinux", List.of("seLinuxOptions")),
            Map.entry("Host Namespaces", List.of("hostNamespaces")),
            Map.entry("HostPath Volumes", List.of("hostPathVolumes")),
            Map.entry("Sysctls", List.of("sysctls")),
            Map.entry("AppArmor", List.of("appArmorProfile")),
            Map.entry("Privilege Escalation", List.of("allowPrivilegeEscalation")),
            Map.entry("Running as Non-root", List.of("runAsNonRoot")),
            Map.entry("Running as Non-root user", List.of("runAsUser")),
            Map.entry("Volume Types", List.of("restrictedVolumes")),
            Map.entry("Host Probes / Lifecycle Hooks", List.of("hostProbesAndHostLifecycle")));

    private final Engine engine;
    private final PolicyContext pctx;
    private final Rule rule;

    PodSecurityValidation(Engine engine, KyvernoPolicy policy, PolicyContext pctx, Rule rule) {
        this.engine = engine;
        this.pctx = pctx;
        this.rule = rule;
    }

    RuleResponse validate(List<PolicyExceptions.Entry> candidates) {
        if (pctx.isDelete()) {
            return null;
        }
        List<PolicyExceptions.Entry> matched = engine.matchingExceptions(candidates, pctx);
        for (PolicyExceptions.Entry e : matched) {
            if (!e.hasPodSecurity()) {
                return RuleResponse.skip(rule, RuleResponse.Type.VALIDATION,
                        "rule is skipped due to policy exception " + e.key()).withExceptions(List.of(e.name()));
            }
        }
        JsonNode podSecurity = rule.validate().get("podSecurity");
        String level = podSecurity.path("level").asText("");
        String version = podSecurity.path("version").asText("latest");
        LevelVersion levelVersion;
        try {
            levelVersion = new LevelVersion(Level.parse(level), PodSecurityVersion.parse(version));
        } catch (PalisadeException e) {
            return RuleResponse.error(rule, RuleResponse.Type.VALIDATION, "failed to parse pod security api version",
                    e.getMessage());
        }
        JsonNode resource = pctx.newResource().isObject() ? pctx.newResource() : pctx.oldResource();
        List<CheckFailure> failures = evaluate(levelVersion, resource);
        if (failures == null) {
            return RuleResponse.error(rule, RuleResponse.Type.VALIDATION, "Error while getting new resource",
                    "the resource carries no pod spec");
        }
        if (failures.isEmpty()) {
            return RuleResponse.pass(rule, RuleResponse.Type.VALIDATION,
                    "Validation rule '" + rule.name() + "' passed.");
        }
        List<JsonNode> excludes = new ArrayList<>();
        podSecurity.path("exclude").forEach(excludes::add);
        failures = exempt(levelVersion, resource, failures, excludes);
        if (failures.isEmpty()) {
            return RuleResponse.pass(rule, RuleResponse.Type.VALIDATION,
                    "Validation rule '" + rule.name() + "' passed.");
        }
        if (!matched.isEmpty()) {
            List<JsonNode> exceptionExcludes = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (PolicyExceptions.Entry e : matched) {
                e.podSecurity().forEach(exceptionExcludes::add);
                keys.add(e.key());
                names.add(e.name());
            }
            failures = exempt(levelVersion, resource, failures, exceptionExcludes);
            if (failures.isEmpty()) {
                return RuleResponse.skip(rule, RuleResponse.Type.VALIDATION,
                        "rule is skipped due to policy exceptions " + String.join(", ", keys)).withExceptions(names);
            }
        }
        StringBuilder detail = new StringBuilder();
        for (CheckFailure f : failures) {
            detail.append("(Forbidden reason: ").append(f.reason()).append(", field error list: [")
                    .append(f.detail()).append("])");
        }
        return RuleResponse.fail(rule, RuleResponse.Type.VALIDATION, "Validation rule '" + rule.name()
                + "' failed. It violates PodSecurity \"" + level + ":" + version + "\": " + detail)
                .at(failures.get(0).path());
    }

    /** The failed checks of a resource's pod spec, or null when it has none. */
    private static List<CheckFailure> evaluate(LevelVersion levelVersion, JsonNode object) {
        Optional<PodSecurityResult> result = PodSecurityStandards.evaluate(levelVersion, Resource.of(object));
        return result.map(PodSecurityResult::failures).orElse(null);
    }

    /**
     * Removes the failures the exclusions cover: a control named without images is exempt for the
     * whole pod; with images, it is exempt when it no longer fails once the matching containers are
     * left out.
     */
    private static List<CheckFailure> exempt(LevelVersion levelVersion, JsonNode resource, List<CheckFailure> failures,
            List<JsonNode> excludes) {
        Map<String, List<String>> imagesByCheck = new LinkedHashMap<>();
        List<String> wholePod = new ArrayList<>();
        for (JsonNode exclude : excludes) {
            List<String> ids = CONTROLS.getOrDefault(exclude.path("controlName").asText(""), List.of());
            List<String> images = MatchBlock.strings(exclude.path("images"));
            for (String id : ids) {
                if (images.isEmpty()) {
                    wholePod.add(id);
                } else {
                    imagesByCheck.computeIfAbsent(id, k -> new ArrayList<>()).addAll(images);
                }
            }
        }
        List<CheckFailure> remaining = new ArrayList<>();
        for (CheckFailure failure : failures) {
            String id = failure.checkId();
            if (wholePod.contains(id)) {
                continue;
            }
            List<String> images = imagesByCheck.get(id);
            if (images != null) {
                List<CheckFailure> without = evaluate(levelVersion, withoutContainers(resource, images));
                boolean stillFails = without != null && without.stream().anyMatch(f -> f.checkId().equals(id));
                if (!stillFails) {
                    continue;
                }
            }
            remaining.add(failure);
        }
        return remaining;
    }

    /** The resource with the containers whose images match the patterns removed from its pod spec. */
    private static JsonNode withoutContainers(JsonNode resource, List<String> images) {
        ObjectNode copy = resource.deepCopy();
        Optional<PodSpecView> view = PodSpecView.of(Resource.of(resource));
        if (view.isEmpty()) {
            return copy;
        }
        JsonNode spec = copy.at(view.get().specPath());
        if (!(spec instanceof ObjectNode podSpec)) {
            return copy;
        }
        for (String field : new String[] {"containers", "initContainers", "ephemeralContainers"}) {
            JsonNode list = podSpec.get(field);
            if (!(list instanceof ArrayNode containers)) {
                continue;
            }
            ArrayNode kept = NODES.arrayNode();
            for (JsonNode c : containers) {
                if (!Wildcard.matchAny(images, c.path("image").asText(""))) {
                    kept.add(c);
                }
            }
            podSpec.set(field, kept);
        }
        return copy;
    }
}
