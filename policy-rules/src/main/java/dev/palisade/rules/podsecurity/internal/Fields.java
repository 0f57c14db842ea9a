package dev.palisade.rules.podsecurity.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.PodSpecView;
import dev.palisade.rules.podsecurity.CheckFailure;
import java.util.Optional;

/** Reads manifest fields with the Go API types' notion of "set": present and not null. */
final class Fields {

    private Fields() {
    }

    static boolean isSet(JsonNode node) {
        return !node.isMissingNode() && !node.isNull();
    }

    static boolean isTrue(JsonNode node) {
        return node.isBoolean() && node.booleanValue();
    }

    static boolean isFalse(JsonNode node) {
        return node.isBoolean() && !node.booleanValue();
    }

    /** A scalar as text ({@code ""} for absent or null). */
    static String text(JsonNode node) {
        return isSet(node) && node.isValueNode() ? node.asText() : "";
    }

    /** {@code spec.os.name} is exactly {@code windows}. */
    static boolean isWindows(PodSpecView pod) {
        return text(pod.spec().path("os").path("name")).equals("windows");
    }

    /** {@code spec.hostUsers} is explicitly {@code false} (the pod runs in a user namespace). */
    static boolean usesUserNamespace(PodSpecView pod) {
        return isFalse(pod.spec().path("hostUsers"));
    }

    static Optional<CheckFailure> fail(String reason, String detail, String path) {
        return Optional.of(new CheckFailure("", reason, detail, path));
    }
}
