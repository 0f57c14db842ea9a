package dev.palisade.sigstore.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.Policy;
import dev.palisade.core.policy.PolicyCatalogue;
import dev.palisade.sigstore.pin.ImagesPinnedByDigestPolicy;
import java.util.List;
import java.util.Optional;

/** The built-in policies of policy-sigstore: {@code images-pinned-by-digest} (warn by default). */
public final class SupplyChainCatalogue implements PolicyCatalogue {

    @Override
    public List<String> names() {
        return List.of(ImagesPinnedByDigestPolicy.ID);
    }

    @Override
    public Optional<List<Policy>> resolve(String name) {
        return name.equals(ImagesPinnedByDigestPolicy.ID)
                ? Optional.of(List.of(ImagesPinnedByDigestPolicy.create())) : Optional.empty();
    }

    @Override
    public Optional<Policy> configure(String name, JsonNode parameters) {
        return resolve(name).map(policies -> policies.get(0));
    }
}
