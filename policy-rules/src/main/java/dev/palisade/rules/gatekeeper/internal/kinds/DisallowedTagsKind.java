package dev.palisade.rules.gatekeeper.internal.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.rules.gatekeeper.ConstraintInput;

/**
 * K8sDisallowedTags: no container (of any list) may use an image ending in {@code :<tag>} for a
 * tag in {@code tags}, nor an image without a tag in its last path segment.
 */
final class DisallowedTagsKind extends RegoKind {

    DisallowedTagsKind() {
        super("K8sDisallowedTags");
    }

    @Override
    void check(ConstraintInput input, Violations violations) {
        JsonNode params = input.parameters();
        JsonNode tags = params.path("tags");
        Containers.forEach(input.object(), Containers.ALL, (field, container, pointer) -> {
            JsonNode image = container.path("image");
            if (!image.isTextual() || ExemptImages.isExempt(params, container)) {
                return;
            }
            String text = image.textValue();
            for (JsonNode tag : RegoValues.elements(tags)) {
                if (tag.isTextual() && text.endsWith(":" + tag.textValue())) {
                    violations.sprintf(pointer + "/image",
                            "container <%v> uses a disallowed tag <%v>; disallowed tags are %v", container.path("name"),
                            image, tags);
                    break;
                }
            }
            String lastSegment = text.substring(text.lastIndexOf('/') + 1);
            if (!lastSegment.contains(":")) {
                violations.sprintf(pointer + "/image", "container <%v> didn't specify an image tag <%v>",
                        container.path("name"), image);
            }
        });
    }
}
