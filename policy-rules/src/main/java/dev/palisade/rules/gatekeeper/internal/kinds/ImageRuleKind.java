package dev.palisade.rules.gatekeeper.internal.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Pattern;
import dev.palisade.rules.gatekeeper.ConstraintInput;

/**
 * The library's per-image rules over {@code containers}, {@code initContainers} and
 * {@code ephemeralContainers}: one message per offending container, naming the list it is in
 * ({@code container}, {@code initContainer}, {@code ephemeralContainer}).
 */
final class ImageRuleKind extends RegoKind {

    /** Decides whether a container's image violates the constraint. */
    @FunctionalInterface
    interface ImageTest {
        boolean violates(JsonNode parameters, JsonNode image);
    }

    private static final Pattern DIGEST = Pattern.compile("@[a-z0-9]+([+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+");

    private final boolean exemptImages;
    private final String messageTail;
    private final String listedParameter;
    private final ImageTest test;

    private ImageRuleKind(String kind, boolean exemptImages, String messageTail, String listedParameter,
            ImageTest test) {
        super(kind);
        this.exemptImages = exemptImages;
        this.messageTail = messageTail;
        this.listedParameter = listedParameter;
        this.test = test;
    }

    /** K8sAllowedRepos: the image must start with one of {@code repos}. */
    static ImageRuleKind allowedRepos() {
        return new ImageRuleKind("K8sAllowedRepos", false,
                " <%v> has an invalid image repo <%v>, allowed repos are %v", "repos",
                (params, image) -> !anyPrefix(image.textValue(), params.path("repos")));
    }

    /** K8sAllowedReposv2: the image must equal an entry of {@code allowedImages} or match its {@code *} prefix. */
    static ImageRuleKind allowedReposV2() {
        return new ImageRuleKind("K8sAllowedReposv2", false,
                " <%v> has an invalid image <%v>, allowed images are %v", "allowedImages",
                (params, image) -> !ExemptImages.matchesAny(params.path("allowedImages"), image.textValue()));
    }

    /** K8sDisallowedRepos: the image must not start with any of {@code repos}. */
    static ImageRuleKind disallowedRepos() {
        return new ImageRuleKind("K8sDisallowedRepos", false,
                " <%v> has an invalid image repo <%v>, disallowed repos are %v", "repos",
                (params, image) -> startsWithElement(image.textValue(), params.path("repos")));
    }

    /** K8sImageDigests: the image must carry a digest. */
    static ImageRuleKind imageDigests() {
        return new ImageRuleKind("K8sImageDigests", true, " <%v> uses an image without a digest <%v>", "",
                (params, image) -> !DIGEST.matcher(image.textValue()).find());
    }

    @Override
    void check(ConstraintInput input, Violations violations) {
        JsonNode params = input.parameters();
        Containers.forEach(input.object(), Containers.ALL, (field, container, pointer) -> {
            JsonNode image = container.path("image");
            if (!image.isTextual() || (exemptImages && ExemptImages.isExempt(params, container))) {
                return;
            }
            if (test.violates(params, image)) {
                String format = Containers.noun(field) + messageTail;
                if (listedParameter.isEmpty()) {
                    violations.sprintf(pointer + "/image", format, container.path("name"), image);
                } else {
                    violations.sprintf(pointer + "/image", format, container.path("name"), image,
                            params.path(listedParameter));
                }
            }
        });
    }

    /** {@code strings.any_prefix_match}: the prefixes may be one string or an array of strings. */
    private static boolean anyPrefix(String image, JsonNode prefixes) {
        if (prefixes.isTextual()) {
            return image.startsWith(prefixes.textValue());
        }
        return startsWithElement(image, prefixes);
    }

    private static boolean startsWithElement(String image, JsonNode prefixes) {
        for (JsonNode prefix : RegoValues.elements(prefixes)) {
            if (prefix.isTextual() && image.startsWith(prefix.textValue())) {
                return true;
            }
        }
        return false;
    }
}
