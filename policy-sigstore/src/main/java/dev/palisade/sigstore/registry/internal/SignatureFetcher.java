package dev.palisade.sigstore.registry.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.sigstore.Digest;
import dev.palisade.sigstore.ImageReference;
import dev.palisade.sigstore.registry.RegistryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Fetches the signature material stored next to an image, for the verifier to judge: the layers of
 * cosign's legacy {@code sha256-<hex>.sig} and {@code .att} manifests and the Sigstore bundles attached as
 * OCI referrers (through the referrers API, or its {@code sha256-<hex>} tag fallback).
 * Absent material is an empty list (an unsigned image), not an error. Every blob is verified against
 * its digest. Thread-safe.
 */
public final class SignatureFetcher {
    /** Referrers whose artifact type starts with this are Sigstore bundles (any bundle version). */
    public static final String BUNDLE_ARTIFACT_PREFIX = "application/vnd.dev.sigstore.bundle";
    /** At most this many signature layers or bundles are read per image. */
    public static final int MAX_SIGNATURES = 64;

    private final OciRegistry client;

    /** A fetcher reading through the client. */
    public SignatureFetcher(dev.palisade.sigstore.registry.RegistryClient client) {
        this.client = OciRegistry.of(Objects.requireNonNull(client, "client"));
    }

    /**
     * The layers of the legacy signature manifest of {@code image} in {@code repository} (the image's
     * own repository unless signatures are stored elsewhere, as with {@code COSIGN_REPOSITORY}).
     */
    public List<LegacySignatureLayer> legacySignatures(ImageReference repository, Digest image) {
        return legacyLayers(repository, image, ".sig", "signature");
    }

    /**
     * The layers of the legacy attestation manifest ({@code sha256-<hex>.att}, written by {@code cosign attest}
     * before v3) of {@code image} in {@code repository}: each payload is a DSSE envelope.
     */
    public List<LegacySignatureLayer> legacyAttestations(ImageReference repository, Digest image) {
        return legacyLayers(repository, image, ".att", "attestation");
    }

    private List<LegacySignatureLayer> legacyLayers(ImageReference repository, Digest image, String suffix, String kind) {
        ImageReference tag = repository.repositoryReference().withTag(Optional.of(image.tagForm() + suffix));
        Optional<Manifest> manifest = client.fetchManifest(tag);
        if (manifest.isEmpty()) {
            return List.of();
        }
        String what = kind + " manifest " + tag;
        JsonNode document = OciJson.read(manifest.get().content(), what);
        List<Descriptor> layers = OciJson.descriptors(document, "layers", what);
        if (layers.size() > MAX_SIGNATURES) {
            throw new RegistryException(what + " has " + layers.size() + " layers; at most " + MAX_SIGNATURES
                    + " " + kind + "s are read per image");
        }
        List<LegacySignatureLayer> out = new ArrayList<>();
        for (Descriptor layer : layers) {
            out.add(new LegacySignatureLayer(client.fetchBlob(repository, layer.digest()), layer.annotations()));
        }
        return List.copyOf(out);
    }

    /** The Sigstore bundles attached to {@code image} as OCI referrers in {@code repository}. */
    public List<BundleArtifact> bundles(ImageReference repository, Digest image) {
        List<Descriptor> referrers = client.referrers(repository, image, Optional.empty()).stream()
                .filter(d -> d.artifactType().filter(t -> t.startsWith(BUNDLE_ARTIFACT_PREFIX)).isPresent())
                .toList();
        if (referrers.size() > MAX_SIGNATURES) {
            throw new RegistryException(image + " in " + repository.name() + " has " + referrers.size()
                    + " bundle referrers; at most " + MAX_SIGNATURES + " are read per image");
        }
        List<BundleArtifact> out = new ArrayList<>();
        for (Descriptor referrer : referrers) {
            ImageReference byDigest = repository.repositoryReference().withDigest(referrer.digest());
            Manifest manifest = client.fetchManifest(byDigest).orElseThrow(() -> new RegistryException(
                    "referrer " + referrer.digest() + " of " + image + " is listed but " + repository.name()
                            + " does not have it"));
            String what = "bundle referrer " + byDigest;
            List<Descriptor> layers = OciJson.descriptors(OciJson.read(manifest.content(), what), "layers", what);
            if (layers.size() != 1 || !layers.get(0).mediaType().startsWith(BUNDLE_ARTIFACT_PREFIX)) {
                throw new RegistryException(what + " must have exactly one layer with a Sigstore bundle media type;"
                        + " it has " + layers.size() + " layer(s)");
            }
            out.add(new BundleArtifact(client.fetchBlob(repository, layers.get(0).digest()), layers.get(0).mediaType()));
        }
        return List.copyOf(out);
    }
}
