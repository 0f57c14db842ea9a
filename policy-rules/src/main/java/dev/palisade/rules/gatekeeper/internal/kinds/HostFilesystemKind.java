package dev.palisade.rules.gatekeeper.internal.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.palisade.rules.gatekeeper.ConstraintInput;
import java.util.ArrayList;
import java.util.List;

/**
 * K8sPSPHostFilesystem: every hostPath volume must lie under an {@code allowedHostPaths} prefix
 * (compared path segment by segment); a prefix with {@code readOnly: true} also requires every
 * container mount of the volume to be read-only. Skipped on UPDATE.
 */
final class HostFilesystemKind extends RegoKind {

    HostFilesystemKind() {
        super("K8sPSPHostFilesystem");
    }

    @Override
    void check(ConstraintInput input, Violations violations) {
        if (Review.isUpdate(input)) {
            return;
        }
        JsonNode object = input.object();
        JsonNode configured = input.parameters().path("allowedHostPaths");
        JsonNode allowed = RegoValues.truthy(configured) ? configured : JsonNodeFactory.instance.arrayNode();
        JsonNode volumes = object.path("spec").path("volumes");
        for (int i = 0; volumes.isArray() && i < volumes.size(); i++) {
            JsonNode volume = volumes.get(i);
            if (!RegoValues.truthy(volume.path("hostPath"))) {
                continue;
            }
            boolean empty = allowed.isArray() && allowed.size() == 0;
            if (empty || !allowed(allowed, volume, object)) {
                violations.sprintf("/spec/volumes/" + i + "/hostPath", "HostPath volume %v is not allowed, pod: %v."
                        + " Allowed path: %v", volume, object.path("metadata").path("name"), allowed);
            }
        }
    }

    private static boolean allowed(JsonNode allowed, JsonNode volume, JsonNode object) {
        for (JsonNode entry : RegoValues.elements(allowed)) {
            if (!pathMatches(entry.path("pathPrefix"), volume.path("hostPath").path("path"))) {
                continue;
            }
            JsonNode readOnly = entry.path("readOnly");
            if (!(readOnly.isBoolean() && readOnly.booleanValue())) {
                return true;
            }
            // `not writeable_input_volume_mounts(volume.name)`: an undefined name is bound before the
            // negation (as OPA compiles it), so the rule fails rather than allows
            if (RegoValues.truthy(readOnly) && !volume.path("name").isMissingNode()
                    && !writeableMount(object, volume.path("name"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean writeableMount(JsonNode object, JsonNode volumeName) {
        boolean[] found = {false};
        Containers.forEach(object, Containers.ALL, (field, container, pointer) -> {
            for (JsonNode mount : RegoValues.elements(container.path("volumeMounts"))) {
                if (RegoValues.equal(mount.path("name"), volumeName) && !RegoValues.truthy(mount.path("readOnly"))) {
                    found[0] = true;
                }
            }
        });
        return found[0];
    }

    private static boolean pathMatches(JsonNode prefix, JsonNode path) {
        if (!prefix.isTextual() || !path.isTextual()) {
            return false;
        }
        List<String> a = segments(prefix.textValue());
        List<String> b = segments(path.textValue());
        return a.size() <= b.size() && b.subList(0, a.size()).equals(a);
    }

    /** {@code path_array}: {@code []} for {@code /}, else the path trimmed of slashes and split on them. */
    private static List<String> segments(String path) {
        if (path.equals("/")) {
            return List.of();
        }
        int start = 0;
        int end = path.length();
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        while (end > start && path.charAt(end - 1) == '/') {
            end--;
        }
        return new ArrayList<>(List.of(path.substring(start, end).split("/", -1)));
    }
}
