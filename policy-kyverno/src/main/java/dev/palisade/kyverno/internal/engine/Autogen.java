package dev.palisade.kyverno.internal.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.kyverno.internal.Kinds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kyverno's rule auto-generation for pod controllers ({@code pkg/autogen/v1}): a rule written for
 * Pods also applies to the pod templates of DaemonSets, Deployments, Jobs, StatefulSets,
 * ReplicaSets and ReplicationControllers (rule {@code autogen-<name>}) and of CronJobs (rule
 * {@code autogen-cronjob-<name>}), unless the policy's
 * {@code pod-policies.kyverno.io/autogen-controllers} annotation narrows or disables it.
 */
public final class Autogen {
    /** The annotation that lists the controllers (or {@code none}). */
    public static final String CONTROLLERS_ANNOTATION = "pod-policies.kyverno.io/autogen-controllers";
    /** Pod controller kinds. */
    public static final Set<String> POD_CONTROLLERS = Set.of("DaemonSet", "Deployment", "Job", "StatefulSet",
            "ReplicaSet", "ReplicationController", "CronJob");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[][] POD_REPLACEMENTS = {
        {"request.object.spec", "request.object.spec.template.spec"},
        {"request.oldObject.spec", "request.oldObject.spec.template.spec"},
        {"request.object.metadata", "request.object.spec.template.metadata"},
        {"request.oldObject.metadata", "request.oldObject.spec.template.metadata"}};
    private static final String[][] POD_CEL_REPLACEMENTS = {
        {"object.spec", "object.spec.template.spec"},
        {"oldObject.spec", "oldObject.spec.template.spec"},
        {"object.metadata", "object.spec.template.metadata"},
        {"oldObject.metadata", "oldObject.spec.template.metadata"}};
    private static final String[][] CRONJOB_REPLACEMENTS = {
        {"request.object.spec", "request.object.spec.jobTemplate.spec.template.spec"},
        {"request.oldObject.spec", "request.oldObject.spec.jobTemplate.spec.template.spec"},
        {"request.object.metadata", "request.object.spec.jobTemplate.spec.template.metadata"},
        {"request.oldObject.metadata", "request.oldObject.spec.jobTemplate.spec.template.metadata"}};
    private static final String[][] CRONJOB_CEL_REPLACEMENTS = {
        {"object.spec", "object.spec.jobTemplate.spec.template.spec"},
        {"oldObject.spec", "oldObject.spec.jobTemplate.spec.template.spec"},
        {"object.metadata", "object.spec.jobTemplate.spec.template.metadata"},
        {"oldObject.metadata", "oldObject.spec.jobTemplate.spec.template.metadata"}};

    private Autogen() {
    }

    /**
     * The controllers autogen applies to, or empty when it does not apply ({@code CanAutoGen}
     * together with the annotation).
     */
    public static Set<String> controllers(List<ObjectNode> rules, Map<String, String> annotations) {
        boolean needed = false;
        for (ObjectNode rule : rules) {
            if (Rule.isSet(rule.get("generate"))) {
                return Set.of();
            }
            JsonNode mutate = rule.path("mutate");
            if (mutate.hasNonNull("patchesJson6902") && !mutate.path("patchesJson6902").asText("").isEmpty()) {
                return Set.of();
            }
            for (JsonNode foreach : mutate.path("foreach")) {
                if (foreach.hasNonNull("patchesJson6902") && !foreach.path("patchesJson6902").asText("").isEmpty()) {
                    return Set.of();
                }
            }
            List<JsonNode> descriptions = new ArrayList<>();
            collectDescriptions(rule.path("match"), descriptions);
            collectDescriptions(rule.path("exclude"), descriptions);
            for (JsonNode d : descriptions) {
                List<String> kinds = MatchBlock.strings(d.path("kinds"));
                if (!d.path("name").asText("").isEmpty() || d.path("names").size() > 0
                        || d.has("selector") && !d.get("selector").isNull()
                        || d.has("annotations") && !d.get("annotations").isNull()
                        || kinds.size() > 1 && Kinds.contains(kinds, "Pod")) {
                    return Set.of();
                }
                for (String kind : kinds) {
                    if (kind.equals("Pod") || POD_CONTROLLERS.contains(kind)) {
                        needed = true;
                    }
                }
            }
        }
        if (!needed) {
            return Set.of();
        }
        String annotation = annotations.get(CONTROLLERS_ANNOTATION);
        if (annotation == null) {
            return POD_CONTROLLERS;
        }
        return new LinkedHashSet<>(Arrays.asList(annotation.split(",", -1)));
    }

    private static void collectDescriptions(JsonNode block, List<JsonNode> out) {
        if (block == null || block.isMissingNode() || block.isNull()) {
            return;
        }
        out.add(block.path("resources"));
        for (JsonNode f : block.path("any")) {
            out.add(f.path("resources"));
        }
        for (JsonNode f : block.path("all")) {
            out.add(f.path("resources"));
        }
    }

    /**
     * The rules that apply to a resource of this kind ({@code ComputeRules}): the policy's own rules,
     * and for a controller kind autogen selects, the generated rules for that kind.
     */
    public static List<ObjectNode> rulesFor(List<ObjectNode> rules, Map<String, String> annotations, String kind) {
        Set<String> controllers = controllers(rules, annotations);
        if (controllers.isEmpty() || !controllers.contains(kind)) {
            return rules;
        }
        List<ObjectNode> generated = generate(rules, kind);
        if (generated.isEmpty()) {
            return rules;
        }
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode rule : rules) {
            if (!rule.path("name").asText("").startsWith("autogen-")) {
                out.add(rule);
            }
        }
        out.addAll(generated);
        return out;
    }

    /** The names of the rules autogen generates for every controller it applies to. */
    public static List<ObjectNode> allGenerated(List<ObjectNode> rules, Map<String, String> annotations) {
        Set<String> controllers = controllers(rules, annotations);
        if (controllers.isEmpty() || controllers.contains("none")) {
            return List.of();
        }
        return generate(rules, String.join(",", controllers));
    }

    private static List<ObjectNode> generate(List<ObjectNode> rules, String controllers) {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode rule : rules) {
            ObjectNode controllerRule = forControllers(rule, stripCronJob(controllers));
            if (controllerRule != null) {
                out.add(replace(controllerRule, false));
            }
            ObjectNode cronJobRule = forCronJob(rule, controllers);
            if (cronJobRule != null) {
                out.add(replace(cronJobRule, true));
            }
        }
        return out;
    }

    private static String stripCronJob(String controllers) {
        List<String> kept = new ArrayList<>();
        for (String c : splitKinds(controllers)) {
            if (!c.equals("CronJob")) {
                kept.add(c);
            }
        }
        return String.join(",", kept);
    }

    private static List<String> splitKinds(String controllers) {
        List<String> kinds = new ArrayList<>(Arrays.asList(controllers.split(",", -1)));
        kinds.sort(null);
        return kinds;
    }

    private static ObjectNode forControllers(ObjectNode rule, String controllers) {
        String name = rule.path("name").asText("");
        if (name.startsWith("autogen-") || controllers.isEmpty()) {
            return null;
        }
        List<String> matchKinds = kindsOf(rule.path("match"));
        List<String> excludeKinds = kindsOf(rule.path("exclude"));
        if (!Kinds.contains(matchKinds, "Pod") || !excludeKinds.isEmpty() && !Kinds.contains(excludeKinds, "Pod")) {
            return null;
        }
        String effective = controllers;
        if (controllers.equals("all")) {
            effective = "DaemonSet,Deployment,Job,StatefulSet,ReplicaSet,ReplicationController";
        } else if (!controllers.equals("none")) {
            List<String> validated = new ArrayList<>();
            for (String c : splitKinds(controllers)) {
                if (Set.of("DaemonSet", "Deployment", "Job", "StatefulSet", "ReplicaSet", "ReplicationController")
                        .contains(c)) {
                    validated.add(c);
                }
            }
            if (!validated.isEmpty()) {
                effective = String.join(",", validated);
            }
        }
        List<String> kinds = splitKinds(effective);
        return generateRule(ruleName("autogen", name), rule, "template", kinds, true);
    }

    private static ObjectNode forCronJob(ObjectNode rule, String controllers) {
        if (!controllers.contains("CronJob") && !controllers.contains("all")) {
            return null;
        }
        ObjectNode base = forControllers(rule, controllers);
        if (base == null) {
            return null;
        }
        return generateRule(ruleName("autogen-cronjob", rule.path("name").asText("")), base, "jobTemplate",
                List.of("CronJob"), false);
    }

    private static String ruleName(String prefix, String name) {
        String out = prefix + "-" + name;
        return out.length() > 63 ? out.substring(0, 63) : out;
    }

    private static List<String> kindsOf(JsonNode block) {
        List<String> kinds = new ArrayList<>();
        if (block == null || block.isMissingNode() || block.isNull()) {
            return kinds;
        }
        kinds.addAll(MatchBlock.strings(block.path("resources").path("kinds")));
        for (JsonNode f : block.path("all")) {
            kinds.addAll(MatchBlock.strings(f.path("resources").path("kinds")));
        }
        for (JsonNode f : block.path("any")) {
            kinds.addAll(MatchBlock.strings(f.path("resources").path("kinds")));
        }
        return kinds;
    }

    private static ArrayNode gvks(List<String> kinds) {
        ArrayNode out = NODES.arrayNode();
        for (String kind : kinds) {
            out.add(Kinds.POD_CONTROLLER_GVK.getOrDefault(kind, kind));
        }
        return out;
    }

    /** Kyverno's {@code generateRule}: the rule for other kinds, its pattern moved under {@code spec.<tplKey>}. */
    private static ObjectNode generateRule(String name, ObjectNode source, String tplKey, List<String> kinds,
            boolean onlyPodFilters) {
        ObjectNode rule = source.deepCopy();
        rule.put("name", name);
        retarget(rule.get("match"), kinds, onlyPodFilters, true);
        retarget(rule.get("exclude"), kinds, onlyPodFilters, false);
        JsonNode mutate = rule.get("mutate");
        if (mutate != null && mutate.isObject()) {
            JsonNode smp = mutate.get("patchStrategicMerge");
            if (smp != null && !smp.isNull()) {
                ObjectNode m = NODES.objectNode();
                m.set("patchStrategicMerge", wrap(tplKey, smp));
                rule.set("mutate", m);
                return clean(rule);
            }
            JsonNode foreach = mutate.get("foreach");
            if (foreach != null && foreach.isArray() && !foreach.isEmpty()) {
                ArrayNode items = NODES.arrayNode();
                for (JsonNode f : foreach) {
                    ObjectNode item = NODES.objectNode();
                    copy(f, item, "list");
                    copy(f, item, "context");
                    copy(f, item, "preconditions");
                    JsonNode patch = f.get("patchStrategicMerge");
                    item.set("patchStrategicMerge", patch == null || patch.isNull() ? NODES.nullNode() : wrap(tplKey, patch));
                    items.add(item);
                }
                ObjectNode m = NODES.objectNode();
                m.set("foreach", items);
                rule.set("mutate", m);
                return clean(rule);
            }
        }
        JsonNode validate = rule.get("validate");
        if (validate != null && validate.isObject()) {
            ObjectNode v = NODES.objectNode();
            copy(validate, v, "message");
            copy(validate, v, "failureAction");
            copy(validate, v, "failureActionOverrides");
            copy(validate, v, "allowExistingViolations");
            if (validate.hasNonNull("pattern")) {
                v.set("pattern", wrap(tplKey, validate.get("pattern")));
                rule.set("validate", v);
                return clean(rule);
            }
            if (validate.hasNonNull("deny")) {
                v.set("deny", validate.get("deny"));
                rule.set("validate", v);
                return clean(rule);
            }
            if (validate.hasNonNull("podSecurity")) {
                ObjectNode ps = NODES.objectNode();
                copy(validate.get("podSecurity"), ps, "level");
                copy(validate.get("podSecurity"), ps, "version");
                copy(validate.get("podSecurity"), ps, "exclude");
                v.set("podSecurity", ps);
                rule.set("validate", v);
                return clean(rule);
            }
            if (validate.hasNonNull("anyPattern")) {
                ArrayNode patterns = NODES.arrayNode();
                for (JsonNode p : validate.get("anyPattern")) {
                    patterns.add(wrap(tplKey, p));
                }
                v.set("anyPattern", patterns);
                rule.set("validate", v);
                return clean(rule);
            }
            if (validate.hasNonNull("foreach") && validate.get("foreach").size() > 0) {
                v.set("foreach", validate.get("foreach"));
                rule.set("validate", v);
                return clean(rule);
            }
            if (validate.hasNonNull("cel")) {
                return clean(rule);
            }
        }
        if (rule.path("verifyImages").isArray() && rule.path("verifyImages").size() > 0) {
            return clean(rule);
        }
        return null;
    }

    /** Keeps only the fields autogen's rule type carries (no generate). */
    private static ObjectNode clean(ObjectNode rule) {
        rule.remove("generate");
        return rule;
    }

    private static void copy(JsonNode from, ObjectNode to, String field) {
        JsonNode v = from.get(field);
        if (v != null && !v.isNull()) {
            to.set(field, v);
        }
    }

    private static ObjectNode wrap(String tplKey, JsonNode target) {
        ObjectNode spec = NODES.objectNode();
        spec.set(tplKey, target);
        ObjectNode out = NODES.objectNode();
        out.set("spec", spec);
        return out;
    }

    private static void retarget(JsonNode block, List<String> kinds, boolean onlyPodFilters, boolean match) {
        if (!(block instanceof ObjectNode b)) {
            return;
        }
        if (b.path("any").size() > 0) {
            retargetFilters((ArrayNode) b.get("any"), kinds, onlyPodFilters);
        } else if (b.path("all").size() > 0) {
            retargetFilters((ArrayNode) b.get("all"), kinds, onlyPodFilters);
        } else if (match || b.path("resources").path("kinds").size() > 0) {
            ObjectNode resources = b.get("resources") instanceof ObjectNode r ? r : b.putObject("resources");
            resources.set("kinds", gvks(kinds));
        }
    }

    private static void retargetFilters(ArrayNode filters, List<String> kinds, boolean onlyPodFilters) {
        for (JsonNode f : filters) {
            if (!(f instanceof ObjectNode filter)) {
                continue;
            }
            List<String> filterKinds = MatchBlock.strings(filter.path("resources").path("kinds"));
            if (!onlyPodFilters || Kinds.contains(filterKinds, "Pod")) {
                ObjectNode resources = filter.get("resources") instanceof ObjectNode r ? r : filter.putObject("resources");
                resources.set("kinds", gvks(kinds));
            }
        }
    }

    /** Kyverno's {@code updateFields}: rewrites object paths in the rule's JSON text for the template. */
    private static ObjectNode replace(ObjectNode rule, boolean cronJob) {
        boolean cel = rule.path("validate").hasNonNull("cel");
        String[][] replacements = cronJob ? (cel ? CRONJOB_CEL_REPLACEMENTS : CRONJOB_REPLACEMENTS)
                : (cel ? POD_CEL_REPLACEMENTS : POD_REPLACEMENTS);
        try {
            String text = JSON.writeValueAsString(rule);
            for (String[] r : replacements) {
                text = text.replace(r[0], r[1]);
            }
            return (ObjectNode) JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("autogen could not rewrite rule " + rule.path("name").asText(), e);
        }
    }
}
