package dev.palisade.sigstore.policy;

import dev.palisade.sigstore.Digest;
import dev.palisade.sigstore.ImageReference;
import dev.palisade.sigstore.policy.internal.RegistrySignatureSource;
import dev.palisade.sigstore.registry.DigestResolver;
import dev.palisade.sigstore.registry.RegistryClient;
import dev.palisade.sigstore.verify.SignedImage;

/**
 * Where {@link CosignImageVerifier} finds an image's digest and signatures: normally the image's own
 * registry ({@link #registry(RegistryClient)}); hosts may supply material they already hold.
 * Implementations are thread-safe.
 */
public interface SignatureSource {

    /**
     * {@return the manifest digest the reference names; a reference with a digest needs no lookup}
     *
     * @param reference the image
     * @throws dev.palisade.core.PalisadeException when the image cannot be resolved, saying why
     */
    Digest resolve(ImageReference reference);

    /**
     * {@return the signature material of the image with this digest, stored in the reference's repository: its
     * legacy signature layers and its bundles ({@link SignedImage#attestations()} may be left empty)}
     *
     * @param reference the image, naming the repository
     * @param digest the image's digest
     * @throws dev.palisade.core.PalisadeException when the registry cannot be read, saying why
     */
    SignedImage signatures(ImageReference reference, Digest digest);

    /**
     * {@return the attestation material of the image with this digest: its legacy {@code .att} layers and its
     * bundles ({@link SignedImage#signatures()} may be left empty)} The default reads {@link #signatures}
     * and keeps its bundles, for sources that hold no legacy attestations.
     *
     * @param reference the image, naming the repository
     * @param digest the image's digest
     * @throws dev.palisade.core.PalisadeException when the registry cannot be read, saying why
     */
    default SignedImage attestations(ImageReference reference, Digest digest) {
        SignedImage signed = signatures(reference, digest);
        return new SignedImage(signed.reference(), java.util.List.of(), signed.bundles(), signed.attestations());
    }

    /**
     * Signatures from the image's registry: tags resolved (and cached five minutes) with the client,
     * legacy {@code sha256-<hex>.sig}/{@code .att} layers and bundle referrers fetched with
     * {@link dev.palisade.sigstore.registry.internal.SignatureFetcher}.
     *
     * @param client the registry client
     * @return the source
     */
    static SignatureSource registry(RegistryClient client) {
        return new RegistrySignatureSource(DigestResolver.caching(client), client);
    }

    /**
     * Signatures from the client's registries, with tags resolved by the given resolver.
     *
     * @param resolver resolves tags to digests
     * @param client the registry client
     * @return the source
     */
    static SignatureSource registry(DigestResolver resolver, RegistryClient client) {
        return new RegistrySignatureSource(resolver, client);
    }
}
