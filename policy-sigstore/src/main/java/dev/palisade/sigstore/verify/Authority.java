package dev.palisade.sigstore.verify;

import dev.palisade.core.ImageAuthority;
import java.security.PublicKey;
import java.util.Objects;

/** A party whose signature a {@link VerificationPolicy} accepts: a public key or a keyless identity. */
public sealed interface Authority permits Authority.Key, Authority.Keyless {

    /** {@return the authority's name, reported in {@link SignatureVerification#matchedAuthorities()}} */
    String name();

    /**
     * {@return the authority a core {@link ImageAuthority} describes: its PEM key, or its keyless identity and
     * issuer (exact, or an anchored RE2 regular expression when the {@code ...Regexp} part is set)}
     *
     * @param authority the core authority
     * @throws SignatureVerificationException when the key is malformed, a pattern is invalid, or a
     *     keyless authority lacks its identity or issuer
     */
    static Authority of(ImageAuthority authority) {
        if (authority.isKey()) {
            try {
                return new Key(authority.name(), PublicKeys.parsePem(authority.publicKeyPem()));
            } catch (SignatureVerificationException e) {
                throw new SignatureVerificationException("authority '" + authority.name() + "': " + e.getMessage(), e);
            }
        }
        return new Keyless(authority.name(), matcher(authority.name(), "identity", authority.identity(), authority.identityRegexp()),
                matcher(authority.name(), "issuer", authority.issuer(), authority.issuerRegexp()));
    }

    private static StringMatcher matcher(String name, String what, String exact, String regexp) {
        if (!exact.isEmpty() && !regexp.isEmpty()) {
            throw new SignatureVerificationException("authority '" + name + "': give either the " + what
                    + " or a regular expression for it, not both");
        }
        if (exact.isEmpty() && regexp.isEmpty()) {
            throw new SignatureVerificationException("authority '" + name + "': a keyless authority needs an " + what
                    + " (exact or regular expression); use '.*' explicitly to accept any");
        }
        return exact.isEmpty() ? StringMatcher.regexp(regexp) : StringMatcher.exact(exact);
    }

    /**
     * Signatures made with this public key (ECDSA P-256/P-384, RSA PKCS#1 v1.5 or PSS, Ed25519).
     * Read keys from PEM with {@link PublicKeys#parsePem(String)}.
     */
    record Key(String name, PublicKey publicKey) implements Authority {
        /**
         * Checks that name and key are present.
         *
         * @param name the authority's name, for messages
         * @param publicKey the key signatures must verify with
         */
        public Key {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(publicKey, "publicKey");
        }
    }

    /**
     * Keyless (Fulcio) signatures whose certificate names a matching identity (any subject
     * alternative name: email, URI, DNS, IP or Sigstore otherName) and OIDC issuer (extension
     * 1.3.6.1.4.1.57264.1.8, falling back to 1.3.6.1.4.1.57264.1.1).
     */
    record Keyless(String name, StringMatcher identity, StringMatcher issuer) implements Authority {
        /**
         * Checks that name, identity and issuer are present.
         *
         * @param name the authority's name, for messages
         * @param identity matches the certificate subject
         * @param issuer matches the OIDC issuer
         */
        public Keyless {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(issuer, "issuer");
        }
    }
}
