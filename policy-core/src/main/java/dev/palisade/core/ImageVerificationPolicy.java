package dev.palisade.core;

import java.util.List;
import java.util.Objects;

/**
 * What an image's signatures must satisfy: the accepted authorities and how many of them must have
 * signed. Hosts pass it to an {@link ImageVerifier}; it is a value, so verifiers may cache by it.
 *
 * @param authorities the accepted signers (at least one)
 * @param required how many distinct authorities must have signed (1 to the number of authorities)
 */
public record ImageVerificationPolicy(List<ImageAuthority> authorities, int required) {

    /**
     * Copies the authorities and checks the count.
     *
     * @throws PalisadeException when there is no authority or {@code required} is out of range
     *
     * @param authorities the accepted signers (at least one)
     * @param required how many distinct authorities must have signed (1 to the number of authorities)
     */
    public ImageVerificationPolicy {
        authorities = List.copyOf(Objects.requireNonNull(authorities, "authorities"));
        if (authorities.isEmpty()) {
            throw new PalisadeException("an image verification policy needs at least one authority");
        }
        if (required < 1 || required > authorities.size()) {
            throw new PalisadeException("required must be between 1 and the number of authorities ("
                    + authorities.size() + "), not " + required);
        }
    }

    /**
     * {@return any one of these authorities}
     *
     * @param authorities the authorities
     */
    public static ImageVerificationPolicy anyOf(List<ImageAuthority> authorities) {
        return new ImageVerificationPolicy(authorities, 1);
    }
}
