package dev.palisade.sigstore.policy;

import dev.palisade.sigstore.Digest;
import dev.palisade.sigstore.ImageReference;
import dev.palisade.sigstore.policy.internal.RegistrySignatureSource;
import dev.palisade.sigstore.registry.DigestResolver;
import dev.palisade.sigstore.registry.RegistryClient;

/**
 * Where {@link CosignImageVerifier} finds an image's digest and signatures: normally the image's own
 * registry ({@link #registry(RegistryClient)}); hosts may supply material they already hold.
 * Implementations are thread-safe.
 */
public interface SignatureSource {

    /**
     * The manifest digest the reference names; a reference with a digest needs no lookup.
     *
     * @throws dev.palisade.core.PalisadeException when the image cannot be resolved, saying why
     */
    Digest resolve(ImageReference reference);

    /**
     * The signature material of the image with this digest, stored in the reference's repository.
     *
     * @throws dev.palisade.core.PalisadeException when the registry cannot be read, saying why
     */
    ImageSignatures signatures(ImageReference reference, Digest digest);

    /**
     * Signatures from the image's registry: tags resolved (and cached five minutes) with the client,
     * legacy {@code sha256-<hex>.sig} layers and bundle referrers fetched with
     * {@link dev.palisade.sigstore.registry.SignatureFetcher}.
     */
    static SignatureSource registry(RegistryClient client) {
        return new RegistrySignatureSource(DigestResolver.caching(client), client);
    }

    /** Signatures from the client's registries, with tags resolved by the given resolver. */
    static SignatureSource registry(DigestResolver resolver, RegistryClient client) {
        return new RegistrySignatureSource(resolver, client);
    }
}
