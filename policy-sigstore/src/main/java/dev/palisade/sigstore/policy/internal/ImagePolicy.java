package dev.palisade.sigstore.policy.internal;

import dev.palisade.core.ContainerView;
import dev.palisade.core.InventoryNeeds;
import dev.palisade.core.Enforcement;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.FindingSink;
import dev.palisade.core.ImageAuthority;
import dev.palisade.core.ImageVerification;
import dev.palisade.core.ImageVerificationPolicy;
import dev.palisade.core.ImageVerifier;
import dev.palisade.core.Match;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.PodSpecView;
import dev.palisade.core.BasePolicy;
import dev.palisade.core.FailurePolicy;
import dev.palisade.core.PolicyMetadata;
import dev.palisade.core.Resource;
import dev.palisade.sigstore.ImageReference;
import dev.palisade.sigstore.ImageReferenceException;
import dev.palisade.sigstore.policy.AttestationRequirement;
import dev.palisade.sigstore.policy.AttestationResult;
import dev.palisade.sigstore.policy.AttestationVerifier;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A compiled {@code ImagePolicy}: every container image that a pattern selects must verify. */
public final class ImagePolicy extends BasePolicy {
    private final List<ImageGlob> images;
    private final List<ImageAuthority> authorities;
    private final int required;
    private final ImageVerificationPolicy policy;
    private final List<AttestationRequirement> attestations;

    public ImagePolicy(PolicyMetadata metadata, Match match, Enforcement enforcement, List<ImageGlob> images,
            List<ImageAuthority> authorities, int required, List<AttestationRequirement> attestations) {
        super(metadata, match, enforcement, FailurePolicy.FAIL);
        this.images = List.copyOf(images);
        this.authorities = List.copyOf(authorities);
        this.required = required;
        this.policy = new ImageVerificationPolicy(authorities, required);
        this.attestations = List.copyOf(attestations);
    }

    /** The attestations each selected image must carry. */
    public List<AttestationRequirement> attestations() {
        return attestations;
    }

    /** The image patterns, as written. */
    public List<ImageGlob> images() {
        return images;
    }

    /** The accepted authorities. */
    public List<ImageAuthority> authorities() {
        return authorities;
    }

    /** How many authorities must match. */
    public int required() {
        return required;
    }

    /** Judges each resource on its own. */
    @Override
    public InventoryNeeds inventoryNeeds() {
        return InventoryNeeds.NONE;
    }

    @Override
    public void evaluate(Resource resource, EvaluationContext context, FindingSink sink) {
        Optional<PodSpecView> pod = PodSpecView.of(resource);
        if (pod.isEmpty()) {
            return;
        }
        Optional<Instant> deadline = context.deadline().map(d -> context.clock().instant().plus(d));
        ImageVerifier verifier = null;
        for (ContainerView container : pod.get().containers()) {
            String image = container.image();
            if (!selects(image)) {
                continue;
            }
            if (verifier == null) {
                verifier = context.imageVerifier().orElseThrow(() -> new PalisadeException("ImagePolicy '"
                        + metadata().id() + "' must verify image signatures, but no image verifier is configured:"
                        + " run 'palisade check' with --verify-images (hosts: EvaluationContext.Builder.imageVerifier)"));
            }
            ImageVerification result = deadline.isPresent()
                    ? verifier.verify(image, policy, deadline.get())
                    : verifier.verify(image, policy);
            if (!result.verified()) {
                sink.report("image '" + image + "'" + (result.digest().isEmpty() ? "" : " (" + result.digest() + ")")
                        + " of container '" + container.name() + "' is not signed as ImagePolicy '" + metadata().id()
                        + "' requires: " + String.join("; ", result.reasons()), container.pathOf("image"));
                continue;
            }
            if (attestations.isEmpty()) {
                continue;
            }
            if (!(verifier instanceof AttestationVerifier attestationVerifier)) {
                throw new PalisadeException("ImagePolicy '" + metadata().id() + "' requires attestations, but the"
                        + " configured image verifier does not verify them; use policy-sigstore's CosignImageVerifier"
                        + " (palisade check --verify-images)");
            }
            AttestationResult checked = attestationVerifier.verifyAttestations(image, policy, attestations, deadline);
            if (!checked.satisfied()) {
                sink.report("image '" + image + "'" + (checked.digest().isEmpty() ? "" : " (" + checked.digest() + ")")
                        + " of container '" + container.name() + "' lacks the attestations ImagePolicy '"
                        + metadata().id() + "' requires: " + String.join("; ", checked.reasons()), container.pathOf("image"));
            }
        }
    }

    private boolean selects(String image) {
        ImageReference reference;
        try {
            reference = ImageReference.parse(image);
        } catch (ImageReferenceException e) {
            for (ImageGlob glob : images) {
                if (glob.matchesText(image)) {
                    return true;
                }
            }
            return false;
        }
        for (ImageGlob glob : images) {
            if (glob.matches(reference)) {
                return true;
            }
        }
        return false;
    }
}
