package dev.palisade.kyverno.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Who makes a request (Kyverno's {@code RequestInfo}): the user's roles and cluster roles and the
 * Kubernetes {@code userInfo} (username, groups). Empty outside admission.
 *
 * @param roles {@code namespace:role} names bound to the user
 * @param clusterRoles cluster role names bound to the user
 * @param username the user name
 * @param groups the user's groups
 * @param userInfo the {@code userInfo} object as given
 */
public record RequestInfo(List<String> roles, List<String> clusterRoles, String username, List<String> groups,
        JsonNode userInfo) {

    /** No request information. */
    public static final RequestInfo EMPTY = new RequestInfo(List.of(), List.of(), "", List.of(),
            JsonNodeFactory.instance.objectNode());

    public RequestInfo {
        roles = List.copyOf(roles);
        clusterRoles = List.copyOf(clusterRoles);
        groups = List.copyOf(groups);
    }

    /** Reads {@code roles}, {@code clusterRoles} and {@code userInfo} from a document. */
    public static RequestInfo read(JsonNode node) {
        JsonNode userInfo = node.path("userInfo");
        return new RequestInfo(strings(node.path("roles")), strings(node.path("clusterRoles")),
                userInfo.path("username").asText(""), strings(userInfo.path("groups")),
                userInfo.isObject() ? userInfo : JsonNodeFactory.instance.objectNode());
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    /** Whether nothing is known about the requester. */
    public boolean isEmpty() {
        return roles.isEmpty() && clusterRoles.isEmpty() && username.isEmpty() && groups.isEmpty()
                && (userInfo.isEmpty() || userInfo.isNull());
    }

    /** As Kyverno adds it under {@code request}: {@code roles}, {@code clusterRoles}, {@code userInfo}. */
    public ObjectNode toRequestFields() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        if (!roles.isEmpty()) {
            roles.forEach(out.putArray("roles")::add);
        }
        if (!clusterRoles.isEmpty()) {
            clusterRoles.forEach(out.putArray("clusterRoles")::add);
        }
        out.set("userInfo", userInfo.deepCopy());
        return out;
    }
}
