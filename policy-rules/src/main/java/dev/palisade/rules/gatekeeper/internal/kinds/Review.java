package dev.palisade.rules.gatekeeper.internal.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.palisade.core.AdmissionRequest;
import dev.palisade.rules.gatekeeper.ConstraintInput;

/**
 * Gatekeeper's {@code input.review} fields that templates read besides the object: the request's
 * {@code kind} (taken from the admission request when there is one, else from the object, as gator
 * does) and its name and namespace.
 */
final class Review {

    private Review() {
    }

    /** {@code input.review.kind.kind}. */
    static String kind(ConstraintInput input) {
        JsonNode kind = requestKind(input).path("kind");
        return kind.isTextual() ? kind.textValue() : input.resource().id().kind();
    }

    /** {@code input.review.kind.group}. */
    static String group(ConstraintInput input) {
        JsonNode group = requestKind(input).path("group");
        return group.isTextual() ? group.textValue() : input.resource().id().group();
    }

    /** {@code input.review.kind.version}. */
    static String version(ConstraintInput input) {
        JsonNode version = requestKind(input).path("version");
        return version.isTextual() ? version.textValue() : input.resource().id().version();
    }

    /** {@code input.review.name}. */
    static String name(ConstraintInput input) {
        JsonNode name = raw(input).path("name");
        return name.isTextual() ? name.textValue() : input.resource().id().name();
    }

    /** {@code input.review.namespace}. */
    static String namespace(ConstraintInput input) {
        JsonNode namespace = raw(input).path("namespace");
        return namespace.isTextual() ? namespace.textValue() : input.resource().id().namespace();
    }

    /** {@code is_update(input.review)} of {@code lib.exclude_update}. */
    static boolean isUpdate(ConstraintInput input) {
        return "UPDATE".equals(input.operation());
    }

    /** {@code input.review.userInfo} (missing when there is no request). */
    static JsonNode userInfo(ConstraintInput input) {
        return input.request().map(AdmissionRequest::userInfo).orElse(MissingNode.getInstance());
    }

    /** {@code input.review.oldObject} (missing when there is none). */
    static JsonNode oldObject(ConstraintInput input) {
        return input.request().flatMap(AdmissionRequest::oldObject)
                .orElse(MissingNode.getInstance());
    }

    private static JsonNode requestKind(ConstraintInput input) {
        return raw(input).path("kind");
    }

    private static JsonNode raw(ConstraintInput input) {
        return input.request().map(AdmissionRequest::raw).orElse(MissingNode.getInstance());
    }
}
