package dev.palisade.rules.gatekeeper.internal.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.palisade.rules.gatekeeper.ConstraintInput;

/**
 * NoUpdateServiceAccount: on UPDATE, the service account of a Pod or pod controller may only be
 * changed by {@code allowedUsers} or members of {@code allowedGroups}; an UPDATE whose object or old
 * object has no service account name (or is of another kind) is reported too, as the Rego does.
 */
final class NoUpdateServiceAccountKind extends RegoKind {

    NoUpdateServiceAccountKind() {
        super("NoUpdateServiceAccount");
    }

    @Override
    void check(ConstraintInput input, Violations violations) {
        if (!Review.isUpdate(input)) {
            return;
        }
        JsonNode params = input.parameters();
        JsonNode object = input.object();
        JsonNode oldObject = Review.oldObject(input);
        String pointer = serviceAccountPointer(object);
        JsonNode newAccount = pointer.isEmpty() ? MissingNode.getInstance() : object.at(pointer);
        String oldPointer = serviceAccountPointer(oldObject);
        JsonNode oldAccount = oldPointer.isEmpty() ? MissingNode.getInstance() : oldObject.at(oldPointer);
        if (!newAccount.isMissingNode() && !oldAccount.isMissingNode() && !privileged(Review.userInfo(input), params)
                && !RegoValues.equal(oldAccount, newAccount)) {
            violations.report("user does not have permission to modify serviceAccountName", pointer);
        }
        if (!RegoValues.truthy(newAccount)) {
            violations.report("missing serviceAccountName field in object under review", pointer);
        }
        if (!RegoValues.truthy(oldAccount)) {
            violations.report("missing serviceAccountName field in oldObject under review", "");
        }
    }

    /** {@code get_service_account}'s path by kind, or {@code ""} for other kinds. */
    private static String serviceAccountPointer(JsonNode object) {
        String kind = object.path("kind").asText("");
        return switch (kind) {
            case "Pod" -> "/spec/serviceAccountName";
            case "ReplicationController", "ReplicaSet", "Deployment", "StatefulSet", "DaemonSet", "Job" ->
                "/spec/template/spec/serviceAccountName";
            case "CronJob" -> "/spec/jobTemplate/spec/template/spec/serviceAccountName";
            default -> "";
        };
    }

    private static boolean privileged(JsonNode userInfo, JsonNode params) {
        JsonNode username = userInfo.path("username");
        JsonNode name = username.isMissingNode() ? TextNode.valueOf("") : username;
        for (JsonNode allowed : RegoValues.elements(params.path("allowedUsers"))) {
            if (RegoValues.equal(allowed, name)) {
                return true;
            }
        }
        for (JsonNode group : RegoValues.elements(userInfo.path("groups"))) {
            for (JsonNode allowed : RegoValues.elements(params.path("allowedGroups"))) {
                if (RegoValues.equal(allowed, group)) {
                    return true;
                }
            }
        }
        return false;
    }
}
