package dev.palisade.rules.starter;

import dev.palisade.core.ContainerView;
import dev.palisade.core.Enforcement;
import dev.palisade.core.EnforcementAction;
import dev.palisade.core.FindingSink;
import dev.palisade.core.PolicyMetadata;
import dev.palisade.rules.Severities;

/** An image without a tag, or tagged {@code latest}, can change under a running workload. */
public final class NoLatestTag extends ContainerRule {
    /** The policy id. */
    public static final String ID = "no-latest-tag";

    public NoLatestTag() {
        super(PolicyMetadata.of(ID, "Images must name a version, not latest", Severities.of(ID))
                .withCategory("Images")
                .withDescription("An image reference without a tag means :latest, which points at whatever was pushed"
                        + " last: rollouts stop being reproducible and rollbacks may not roll back.")
                .withRemediation("Reference a version tag (nginx:1.27.2), or better a digest"
                        + " (nginx:1.27.2@sha256:...).")
                .withHelpUrl("docs/rules/no-latest-tag.md")
                .withTags(java.util.List.of("owasp-k8s:K02", "nsa-cisa:supply-chain")),
                Enforcement.of(EnforcementAction.WARN));
    }

    @Override
    void check(ContainerView container, FindingSink sink) {
        String image = container.image();
        if (image.isEmpty() || image.contains("@")) {
            return;
        }
        String tag = tagOf(image);
        if (tag.isEmpty()) {
            sink.report(describe(container) + " uses image \"" + image + "\" without a tag, which means :latest",
                    container.pathOf("image"));
        } else if (tag.equals("latest")) {
            sink.report(describe(container) + " uses image \"" + image + "\" with the mutable tag :latest",
                    container.pathOf("image"));
        }
    }

    /** The tag of an image reference without digest, or "" when it has none. */
    static String tagOf(String image) {
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        return colon > slash ? image.substring(colon + 1) : "";
    }
}
