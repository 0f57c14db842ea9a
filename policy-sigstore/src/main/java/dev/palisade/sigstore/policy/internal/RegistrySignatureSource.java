package dev.palisade.sigstore.policy.internal;

import dev.palisade.sigstore.Digest;
import dev.palisade.sigstore.ImageReference;
import dev.palisade.sigstore.policy.ImageSignatures;
import dev.palisade.sigstore.policy.SignatureSource;
import dev.palisade.sigstore.registry.BundleArtifact;
import dev.palisade.sigstore.registry.DigestResolver;
import dev.palisade.sigstore.registry.LegacySignatureLayer;
import dev.palisade.sigstore.registry.RegistryClient;
import dev.palisade.sigstore.registry.SignatureFetcher;
import dev.palisade.sigstore.verify.LegacySignature;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Digests and signatures from the image's own registry. */
public final class RegistrySignatureSource implements SignatureSource {
    private final DigestResolver resolver;
    private final SignatureFetcher fetcher;

    public RegistrySignatureSource(DigestResolver resolver, RegistryClient client) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.fetcher = new SignatureFetcher(client);
    }

    @Override
    public Digest resolve(ImageReference reference) {
        return resolver.resolve(reference);
    }

    @Override
    public ImageSignatures signatures(ImageReference reference, Digest digest) {
        ImageReference repository = reference.repositoryReference();
        List<LegacySignature> legacy = new ArrayList<>();
        for (LegacySignatureLayer layer : fetcher.legacySignatures(repository, digest)) {
            legacy.add(new LegacySignature(layer.payload(), layer.annotations()));
        }
        List<byte[]> bundles = new ArrayList<>();
        for (BundleArtifact artifact : fetcher.bundles(repository, digest)) {
            bundles.add(artifact.json());
        }
        return new ImageSignatures(legacy, bundles);
    }
}
