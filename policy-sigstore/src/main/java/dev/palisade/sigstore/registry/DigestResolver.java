package dev.palisade.sigstore.registry;

import dev.palisade.sigstore.Digest;
import dev.palisade.sigstore.ImageReference;
import dev.palisade.sigstore.registry.internal.TtlCache;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Resolves image references to manifest digests. A reference that carries a digest resolves to it
 * without any lookup; a tag is looked up. Implementations are thread-safe.
 */
@FunctionalInterface
public interface DigestResolver {

    /**
     * {@return the digest of the manifest (or index, for multi-platform images) the reference names}
     *
     * @param reference the image
     * @throws dev.palisade.core.PalisadeException when the image cannot be resolved, saying why
     */
    Digest resolve(ImageReference reference);

    /**
     * Resolves tags with the registry ({@code HEAD}, then a verified {@code GET} when the registry gives
     * no digest header), remembering each tag's digest for {@code ttl} in a cache of at most
     * {@code maxEntries} references (least recently used evicted first).
     *
     * @param client the registry client
     * @param ttl how long a tag's digest is remembered
     * @param maxEntries the most references remembered
     * @param clock the clock of the time to live
     * @return the resolver, thread-safe
     */
    static DigestResolver caching(RegistryClient client, Duration ttl, int maxEntries, Clock clock) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(ttl, "ttl");
        TtlCache<ImageReference, Digest> cache = new TtlCache<>(maxEntries, clock);
        return reference -> {
            if (reference.digest().isPresent()) {
                return reference.digest().get();
            }
            ImageReference key = reference.withTag(Optional.of(reference.identifier()));
            return cache.get(key).orElseGet(() -> {
                Digest digest = client.resolve(key);
                cache.put(key, digest, ttl);
                return digest;
            });
        };
    }

    /**
     * {@link #caching} with a five-minute time to live, 10,000 entries and the system clock.
     *
     * @param client the registry client
     * @return the resolver, thread-safe
     */
    static DigestResolver caching(RegistryClient client) {
        return caching(client, Duration.ofMinutes(5), 10_000, Clock.systemUTC());
    }
}
