package dev.palisade.sigstore.pin;

import dev.palisade.core.ContainerView;
import dev.palisade.core.InventoryNeeds;
import dev.palisade.core.Enforcement;
import dev.palisade.core.EnforcementAction;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.FindingSink;
import dev.palisade.core.Match;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.PodSpecView;
import dev.palisade.core.BasePolicy;
import dev.palisade.core.FailurePolicy;
import dev.palisade.core.PolicyMetadata;
import dev.palisade.core.Resource;
import dev.palisade.core.Severity;
import dev.palisade.sigstore.ImageReference;
import java.util.List;
import java.util.Objects;

/**
 * Built-in policy {@code images-pinned-by-digest}: every container image (containers, init containers
 * and ephemeral containers of Pods, pod controllers, Jobs and CronJobs) must carry a digest
 * ({@code name:tag@sha256:…} or {@code name@sha256:…}). Warns by default. Immutable and thread-safe.
 */
public final class ImagesPinnedByDigestPolicy extends BasePolicy {
    /** The policy id. */
    public static final String ID = "images-pinned-by-digest";

    private static final PolicyMetadata METADATA = PolicyMetadata.of(ID, "Container images are pinned by digest",
            Severity.MEDIUM)
            .withCategory("supply-chain")
            .withDescription("A tag can be moved to another image at any time, so a manifest that names an image by"
                    + " tag may run different code tomorrow than it ran today, and a signature checked for one"
                    + " digest says nothing about the next. A digest names exactly one image.")
            .withRemediation("Pin the image with 'palisade pin --write' (which records digests in palisade.lock) or"
                    + " write it as name:tag@sha256:<digest>.")
            .withHelpUrl("docs/rules/images-pinned-by-digest.md")
            .withTags(List.of("supply-chain", "images"));

    private ImagesPinnedByDigestPolicy(Enforcement enforcement) {
        super(METADATA, Match.ALL.withKinds(PodSpecView.podKinds()), enforcement, FailurePolicy.FAIL);
    }

    /** {@return the policy with its default action, {@code warn}, at every enforcement point} */
    public static ImagesPinnedByDigestPolicy create() {
        return new ImagesPinnedByDigestPolicy(Enforcement.of(EnforcementAction.WARN));
    }

    /**
     * {@return the policy with another enforcement}
     *
     * @param enforcement the action at each enforcement point
     */
    public static ImagesPinnedByDigestPolicy withEnforcement(Enforcement enforcement) {
        return new ImagesPinnedByDigestPolicy(Objects.requireNonNull(enforcement, "enforcement"));
    }

    /** Judges each resource on its own. */
    @Override
    public InventoryNeeds inventoryNeeds() {
        return InventoryNeeds.NONE;
    }

    @Override
    public void evaluate(Resource resource, EvaluationContext context, FindingSink sink) {
        PodSpecView.of(resource).ifPresent(pod -> pod.containers().forEach(c -> check(c, sink)));
    }

    private static void check(ContainerView container, FindingSink sink) {
        String image = container.image();
        String path = container.pathOf("image");
        String kind = switch (container.type()) {
            case INIT -> "init container";
            case EPHEMERAL -> "ephemeral container";
            case REGULAR -> "container";
        };
        if (image.isEmpty()) {
            sink.report(kind + " '" + container.name() + "' has no image, so it cannot be pinned by digest", path);
            return;
        }
        try {
            if (!ImageReference.parse(image).isPinned()) {
                sink.report("image '" + image + "' of " + kind + " '" + container.name() + "' is not pinned by"
                        + " digest; write it as " + image + "@sha256:<digest> (palisade pin does it)", path);
            }
        } catch (PalisadeException e) {
            sink.report("image '" + image + "' of " + kind + " '" + container.name() + "' is not a valid image"
                    + " reference: " + e.getMessage(), path);
        }
    }
}
