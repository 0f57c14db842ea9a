package dev.palisade.sigstore.verify;

import java.security.PublicKey;
import java.util.Objects;

/** A party whose signature a {@link VerificationPolicy} accepts: a public key or a keyless identity. */
public sealed interface Authority permits Authority.Key, Authority.Keyless {

    /** The authority's name, reported in {@link SignatureVerification#matchedAuthorities()}. */
    String name();

    /**
     * Signatures made with this public key (ECDSA P-256/P-384, RSA PKCS#1 v1.5 or PSS, Ed25519).
     * Read keys from PEM with {@link PublicKeys#parsePem(String)}.
     */
    record Key(String name, PublicKey publicKey) implements Authority {
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
        public Keyless {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(issuer, "issuer");
        }
    }
}
