package dev.palisade.sigstore.policy.internal;

import dev.palisade.sigstore.Digest;
import dev.palisade.sigstore.ImageReference;
import dev.palisade.sigstore.policy.SignatureSource;
import dev.palisade.sigstore.registry.internal.BundleArtifact;
import dev.palisade.sigstore.registry.DigestResolver;
import dev.palisade.sigstore.registry.internal.LegacySignatureLayer;
import dev.palisade.sigstore.registry.RegistryClient;
import dev.palisade.sigstore.registry.internal.SignatureFetcher;
import dev.palisade.sigstore.verify.LegacySignature;
import dev.palisade.sigstore.verify.SignedImage;
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
    public SignedImage signatures(ImageReference reference, Digest digest) {
        ImageReference repository = reference.repositoryReference();
        return new SignedImage(reference.withDigest(digest), layers(fetcher.legacySignatures(repository, digest)),
                bundles(repository, digest), List.of());
    }

    @Override
    public SignedImage attestations(ImageReference reference, Digest digest) {
        ImageReference repository = reference.repositoryReference();
        return new SignedImage(reference.withDigest(digest), List.of(), bundles(repository, digest),
                layers(fetcher.legacyAttestations(repository, digest)));
    }

    private List<byte[]> bundles(ImageReference repository, Digest digest) {
        List<byte[]> bundles = new ArrayList<>();
        for (BundleArtifact artifact : fetcher.bundles(repository, digest)) {
            bundles.add(artifact.json());
        }
        return bundles;
    }

    private static List<LegacySignature> layers(List<LegacySignatureLayer> layers) {
        List<LegacySignature> out = new ArrayList<>();
        for (LegacySignatureLayer layer : layers) {
            out.add(new LegacySignature(layer.payload(), layer.annotations()));
        }
        return out;
    }
}
