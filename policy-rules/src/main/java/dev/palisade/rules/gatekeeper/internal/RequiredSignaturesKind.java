package dev.palisade.rules.gatekeeper.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.ContainerView;
import dev.palisade.core.FindingSink;
import dev.palisade.core.ImageAuthority;
import dev.palisade.core.ImageVerification;
import dev.palisade.core.ImageVerificationPolicy;
import dev.palisade.core.ImageVerifier;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.PodSpecView;
import dev.palisade.rules.gatekeeper.ConstraintInput;
import dev.palisade.rules.gatekeeper.ConstraintKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code K8sRequiredSignatures}: every container image (init, regular and ephemeral) of a pod or
 * pod controller must carry signatures of at least {@code required} (default 1) of the
 * {@code trustedAuthorities}, each {@code {name, key}} (PEM public key), {@code {name, identity,
 * issuer}} or {@code {name, identityRegexp, issuerRegexp}} (keyless). Verification goes through the
 * evaluation context's image verifier; without one the kind fails closed with an error.
 */
public final class RequiredSignaturesKind implements ConstraintKind {
    /** The kind name. */
    public static final String KIND = "K8sRequiredSignatures";
    /** The error raised when no image verifier is configured. */
    public static final String NO_VERIFIER = "K8sRequiredSignatures needs an image verifier: run with --verify-images"
            + " (or give the EvaluationContext an ImageVerifier from policy-sigstore); failing closed";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void evaluate(ConstraintInput input, FindingSink sink) {
        Optional<PodSpecView> pod = PodSpecView.of(input.resource());
        if (pod.isEmpty() || pod.get().containers().isEmpty()) {
            return;
        }
        ImageVerifier verifier = input.context().imageVerifier()
                .orElseThrow(() -> new PalisadeException(NO_VERIFIER));
        List<ImageAuthority> authorities = authorities(input.parameters().path("trustedAuthorities"));
        int required = input.parameters().path("required").asInt(1);
        if (required < 1 || required > authorities.size()) {
            throw new PalisadeException("K8sRequiredSignatures: required is " + required + " but "
                    + authorities.size() + " trusted authorities are listed; required must be between 1 and"
                    + " the number of authorities");
        }
        ImageVerificationPolicy policy = new ImageVerificationPolicy(authorities, required);
        java.util.Optional<java.time.Instant> deadline = input.context().deadline()
                .map(limit -> input.context().clock().instant().plus(limit));
        for (ContainerView container : pod.get().containers()) {
            String image = container.image();
            if (image.isEmpty()) {
                continue;
            }
            ImageVerification verification = deadline.isPresent()
                    ? verifier.verify(image, policy, deadline.get())
                    : verifier.verify(image, policy);
            if (!verification.verified()) {
                sink.report("image " + image + " of " + container.type().field().replaceAll("s$", "") + " "
                        + container.name() + " is not signed by " + required + " of the trusted authorities "
                        + names(authorities) + (verification.reasons().isEmpty() ? ""
                        : ": " + String.join("; ", verification.reasons())), container.pathOf("image"));
            }
        }
    }

    static List<ImageAuthority> authorities(JsonNode list) {
        List<ImageAuthority> authorities = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode a = list.get(i);
            String name = a.path("name").asText("authority-" + i);
            String key = a.path("key").asText("");
            String identity = a.path("identity").asText("");
            String identityRegexp = a.path("identityRegexp").asText("");
            String issuer = a.path("issuer").asText("");
            String issuerRegexp = a.path("issuerRegexp").asText("");
            boolean keyless = !(identity + identityRegexp).isEmpty() && !(issuer + issuerRegexp).isEmpty();
            if (key.isEmpty() == !keyless || !identity.isEmpty() && !identityRegexp.isEmpty()
                    || !issuer.isEmpty() && !issuerRegexp.isEmpty()) {
                throw new PalisadeException("K8sRequiredSignatures: trustedAuthorities[" + i + "] (" + name
                        + ") must give either key, or identity (or identityRegexp) with issuer (or issuerRegexp)");
            }
            authorities.add(new ImageAuthority(name, key, identity, identityRegexp, issuer, issuerRegexp));
        }
        return authorities;
    }

    private static List<String> names(List<ImageAuthority> authorities) {
        List<String> names = new ArrayList<>(authorities.size());
        for (ImageAuthority authority : authorities) {
            names.add(authority.name());
        }
        return names;
    }
}
