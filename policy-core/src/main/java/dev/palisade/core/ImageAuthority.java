package dev.palisade.core;

import java.util.Objects;

/**
 * A party whose signature an image policy accepts: a public key (PEM), or a keyless identity
 * (certificate subject and OIDC issuer, each exact or an anchored regular expression). Empty strings
 * stand for absent parts.
 */
public record ImageAuthority(String name, String publicKeyPem, String identity, String identityRegexp,
        String issuer, String issuerRegexp) {

    /**
     * Checks that every part is present (empty strings for absent ones).
     *
     * @param name the authority's name, for messages
     * @param publicKeyPem a PEM public key
     * @param identity the exact certificate subject
     * @param identityRegexp an anchored regular expression for the certificate subject
     * @param issuer the exact OIDC issuer
     * @param issuerRegexp an anchored regular expression for the OIDC issuer
     */
    public ImageAuthority {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(publicKeyPem, "publicKeyPem");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(identityRegexp, "identityRegexp");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(issuerRegexp, "issuerRegexp");
    }

    /**
     * {@return an authority identified by a public key}
     *
     * @param name the authority's name, for messages
     * @param publicKeyPem the PEM public key
     */
    public static ImageAuthority key(String name, String publicKeyPem) {
        return new ImageAuthority(name, publicKeyPem, "", "", "", "");
    }

    /**
     * {@return a keyless authority with an exact identity and issuer}
     *
     * @param name the authority's name, for messages
     * @param identity the exact certificate subject
     * @param issuer the exact OIDC issuer
     */
    public static ImageAuthority keyless(String name, String identity, String issuer) {
        return new ImageAuthority(name, "", identity, "", issuer, "");
    }

    /** {@return whether this authority is identified by a key rather than a certificate identity} */
    public boolean isKey() {
        return !publicKeyPem.isEmpty();
    }
}
