package dev.palisade.benchmarks.lang;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/**
 * The benchmark's ten validations written directly in Java over the Jackson tree, as a host that
 * hard-codes its checks would write them: the baseline the rule language is measured against.
 * Each method returns true when the Deployment is admitted.
 */
final class HandWrittenRules {
    private static final BigDecimal TWO_GI = BigDecimal.valueOf(2L << 30);
    private static final BigDecimal FOUR_CORES = BigDecimal.valueOf(4);

    private HandWrittenRules() {
    }

    static boolean imageAllowList(JsonNode object) {
        JsonNode pod = podSpec(object);
        return imagesAllowed(pod.path("initContainers")) && imagesAllowed(pod.path("containers"));
    }

    private static boolean imagesAllowed(JsonNode containers) {
        for (JsonNode c : containers) {
            String image = c.path("image").asText();
            if (!image.startsWith("registry.example.com/") && !image.startsWith("gcr.io/distroless/")) {
                return false;
            }
        }
        return true;
    }

    static boolean requiredLabels(JsonNode object) {
        JsonNode labels = object.path("metadata").path("labels");
        for (String key : new String[] {"app", "team", "cost-center"}) {
            JsonNode value = labels.get(key);
            if (value == null || value.asText().isEmpty()) {
                return false;
            }
        }
        return true;
    }

    static boolean notPrivileged(JsonNode object) {
        for (JsonNode c : podSpec(object).path("containers")) {
            if (c.path("securityContext").path("privileged").asBoolean(false)) {
                return false;
            }
        }
        return true;
    }

    static boolean noHostPath(JsonNode object) {
        for (JsonNode v : podSpec(object).path("volumes")) {
            if (v.has("hostPath")) {
                return false;
            }
        }
        return true;
    }

    static boolean capabilities(JsonNode object) {
        for (JsonNode c : podSpec(object).path("containers")) {
            JsonNode caps = c.path("securityContext").path("capabilities");
            if (!contains(caps.path("drop"), "ALL")) {
                return false;
            }
            for (JsonNode added : caps.path("add")) {
                if (!"NET_BIND_SERVICE".equals(added.asText())) {
                    return false;
                }
            }
        }
        return true;
    }

    static boolean resourceLimits(JsonNode object) {
        for (JsonNode c : podSpec(object).path("containers")) {
            JsonNode limits = c.path("resources").path("limits");
            JsonNode memory = limits.get("memory");
            JsonNode cpu = limits.get("cpu");
            if (memory == null || cpu == null
                    || Quantities.parse(memory.asText()).compareTo(TWO_GI) > 0
                    || Quantities.parse(cpu.asText()).compareTo(FOUR_CORES) >= 0) {
                return false;
            }
        }
        return true;
    }

    static boolean runAsNonRoot(JsonNode object) {
        JsonNode pod = podSpec(object);
        JsonNode podLevel = pod.path("securityContext").get("runAsNonRoot");
        boolean podDefault = podLevel != null && podLevel.asBoolean(false);
        for (JsonNode c : pod.path("containers")) {
            JsonNode own = c.path("securityContext").get("runAsNonRoot");
            if (own != null ? !own.asBoolean(false) : !podDefault) {
                return false;
            }
        }
        return true;
    }

    static boolean strings(JsonNode object) {
        JsonNode metadata = object.path("metadata");
        if (!metadata.path("name").asText().startsWith(metadata.path("labels").path("app").asText() + "-")) {
            return false;
        }
        for (JsonNode c : podSpec(object).path("containers")) {
            String name = c.path("name").asText();
            String image = c.path("image").asText();
            int slash = image.indexOf('/');
            String registry = slash < 0 ? image : image.substring(0, slash);
            if (!isDnsLabel(name) || !image.contains(":") || image.endsWith(":latest") || registry.indexOf('.') < 0) {
                return false;
            }
        }
        return true;
    }

    /** Lower-case alphanumerics and inner hyphens: the regular expression of the CEL variant, by hand. */
    private static boolean isDnsLabel(String name) {
        int n = name.length();
        if (n == 0 || name.charAt(0) == '-' || name.charAt(n - 1) == '-') {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char ch = name.charAt(i);
            if (!(ch >= 'a' && ch <= 'z') && !(ch >= '0' && ch <= '9') && ch != '-') {
                return false;
            }
        }
        return true;
    }

    static boolean seccomp(JsonNode object) {
        JsonNode pod = podSpec(object);
        if (isRuntimeDefault(pod.path("securityContext"))) {
            return true;
        }
        for (JsonNode c : pod.path("containers")) {
            if (!isRuntimeDefault(c.path("securityContext"))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isRuntimeDefault(JsonNode securityContext) {
        return "RuntimeDefault".equals(securityContext.path("seccompProfile").path("type").asText());
    }

    static boolean comprehensions(JsonNode object) {
        int mainContainers = 0;
        for (JsonNode c : podSpec(object).path("containers")) {
            if (c.path("name").asText().startsWith("sidecar-")) {
                if (!c.path("image").asText().startsWith("registry.example.com/")) {
                    return false;
                }
            } else {
                mainContainers++;
            }
        }
        return mainContainers == 1;
    }

    private static JsonNode podSpec(JsonNode object) {
        return object.path("spec").path("template").path("spec");
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode element : array) {
            if (value.equals(element.asText())) {
                return true;
            }
        }
        return false;
    }
}
