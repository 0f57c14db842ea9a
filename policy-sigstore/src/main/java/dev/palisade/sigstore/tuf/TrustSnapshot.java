package dev.palisade.sigstore.tuf;

import dev.palisade.sigstore.verify.TrustedRoot;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A Sigstore trusted root and where it came from: the copy shipped in the jar, or one refreshed through
 * TUF into a cache directory.
 *
 * @param trustedRoot the trust material
 * @param source where it was read: {@code bundled} or the cache directory
 * @param obtainedAt when its TUF metadata was published (bundled) or fetched (cache)
 * @param rootVersion the version of the TUF root metadata that vouches for it
 * @param timestampExpires when the TUF timestamp metadata it was obtained with expires; after that, an update
 *     is due (verification keeps working with the last trusted root)
 */
public record TrustSnapshot(TrustedRoot trustedRoot, String source, Instant obtainedAt, long rootVersion,
        Optional<Instant> timestampExpires) {

    /**
     * Checks that every part is present.
     *
     * @param trustedRoot the trust material
     * @param source where it was read: {@code bundled} or the cache directory
     * @param obtainedAt when its TUF metadata was published (bundled) or fetched (cache)
     * @param rootVersion the version of the TUF root metadata that vouches for it
     * @param timestampExpires when the TUF timestamp metadata it was obtained with expires; after that, an update
     *     is due (verification keeps working with the last trusted root)
     */
    public TrustSnapshot {
        Objects.requireNonNull(trustedRoot, "trustedRoot");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(obtainedAt, "obtainedAt");
        Objects.requireNonNull(timestampExpires, "timestampExpires");
    }

    /**
     * {@return how old the snapshot is at {@code now}}
     *
     * @param now the current time
     */
    public Duration age(Instant now) {
        return Duration.between(obtainedAt, now).isNegative() ? Duration.ZERO : Duration.between(obtainedAt, now);
    }

    /**
     * {@return one line for users: where the root came from, how old it is, and whether its TUF metadata has
     * expired, e.g. {@code Sigstore trusted root from bundled (TUF root v15), obtained 2026-08-21T19:25:56Z,
     * 108 days old; its TUF timestamp expired 2026-08-28T19:25:56Z: run 'palisade trust update'}}
     *
     * @param now the current time
     */
    public String describe(Instant now) {
        StringBuilder out = new StringBuilder("Sigstore trusted root from ").append(source).append(" (TUF root v")
                .append(rootVersion).append("), obtained ").append(obtainedAt).append(", ")
                .append(age(now).toDays()).append(" days old");
        timestampExpires.filter(expires -> !now.isBefore(expires)).ifPresent(expires ->
                out.append("; its TUF timestamp expired ").append(expires).append(": run 'palisade trust update'"));
        return out.toString();
    }
}
