package dev.palisade.sigstore.policy.internal;

import dev.palisade.core.ImageAuthority;
import dev.palisade.sigstore.Digest;
import java.util.List;

/** What a cached verification result depends on: the image digest, the authorities and how many must match. */
public record VerificationKey(Digest digest, List<ImageAuthority> authorities, int required) {

    public VerificationKey {
        authorities = List.copyOf(authorities);
    }
}
