package dev.palisade.sigstore.registry.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.PalisadeException;
import dev.palisade.sigstore.Digest;
import dev.palisade.sigstore.ImageReference;
import dev.palisade.sigstore.registry.RegistryException;
import dev.palisade.sigstore.registry.RegistryOptions;
import dev.palisade.sigstore.registry.internal.HttpTransport.Request;
import dev.palisade.sigstore.registry.internal.HttpTransport.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A client of the OCI distribution API (java.net.http): manifests ({@code HEAD} and {@code GET} with
 * the OCI index/manifest and Docker manifest/list {@code Accept} types), blobs, referrers (with the
 * OCI 1.1 referrers-tag fallback), tag lists, and uploads of blobs and manifests. Every fetched body
 * is checked against its digest: a manifest's sha256 must equal {@code Docker-Content-Digest} and the
 * digest it was asked by; a blob's must equal its digest. Authentication, retries, timeouts and TLS
 * follow {@link RegistryOptions}. Thread-safe. Hosts use it through {@link dev.palisade.sigstore.registry.RegistryClient};
 * internal code reaches it with {@link #of(dev.palisade.sigstore.registry.RegistryClient)}.
 */
public final class OciRegistry {
    private final RegistryOptions options;
    private final HttpTransport transport;

    /** A client with the given options. */
    public OciRegistry(RegistryOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.transport = new HttpTransport(options);
    }

    private static volatile java.util.function.Function<dev.palisade.sigstore.registry.RegistryClient, OciRegistry> access;

    /**
     * Installs the way to reach the registry of a client; called once by {@code RegistryClient} as it is
     * initialised (the internal package is not exported, so hosts cannot call it).
     */
    public static void access(java.util.function.Function<dev.palisade.sigstore.registry.RegistryClient, OciRegistry> function) {
        access = function;
    }

    /** The OCI client behind a {@link dev.palisade.sigstore.registry.RegistryClient}. */
    public static OciRegistry of(dev.palisade.sigstore.registry.RegistryClient client) {
        java.util.function.Function<dev.palisade.sigstore.registry.RegistryClient, OciRegistry> function = access;
        if (function == null) {
            client.options(); // the class is initialised by now, and with it the access function
            function = access;
        }
        return function.apply(client);
    }

    /** The options of this client. */
    public RegistryOptions options() {
        return options;
    }

    /**
     * The descriptor of a manifest from a {@code HEAD} request (digest from {@code Docker-Content-Digest},
     * or, when the registry sends none, from a verified {@code GET}); empty when the registry has no
     * such manifest.
     */
    public Optional<Descriptor> headManifest(ImageReference reference) {
        Response response = send(reference, "pull", "HEAD", manifestPath(reference), Map.of("Accept",
                MediaTypes.MANIFEST_ACCEPT), Optional.empty(), 0);
        if (response.status() == 404) {
            return Optional.empty();
        }
        Optional<String> header = response.header("Docker-Content-Digest");
        if (response.status() == 200 && header.isPresent()) {
            Digest digest = parseDigestHeader(header.get(), response);
            reference.digest().filter(d -> !d.equals(digest)).ifPresent(d -> {
                throw mismatch(response.uri(), d, digest);
            });
            return Optional.of(Descriptor.of(response.header("Content-Type").orElse(""), digest,
                    response.headers().firstValueAsLong("Content-Length").orElse(-1)));
        }
        if (response.status() != 200 && response.status() != 405) {
            throw failure(response, "HEAD of manifest " + reference);
        }
        return fetchManifest(reference).map(Manifest::descriptor);
    }

    /** Resolves a reference to its manifest digest; a reference with a digest needs no request. */
    public Digest resolve(ImageReference reference) {
        if (reference.digest().isPresent()) {
            return reference.digest().get();
        }
        return headManifest(reference).orElseThrow(() -> new RegistryException("image " + reference.familiar()
                + " not found: " + reference.registry() + " has no manifest '" + reference.identifier() + "' in "
                + reference.repository(), 404, null)).digest();
    }

    /** The manifest or index, verified against its digest; empty when the registry has none. */
    public Optional<Manifest> fetchManifest(ImageReference reference) {
        Response response = send(reference, "pull", "GET", manifestPath(reference), Map.of("Accept",
                MediaTypes.MANIFEST_ACCEPT), Optional.empty(), options.maxManifestBytes());
        if (response.status() == 404) {
            return Optional.empty();
        }
        if (response.status() != 200) {
            throw failure(response, "GET of manifest " + reference);
        }
        byte[] body = response.body();
        Digest actual = Digest.sha256(body);
        Optional<String> header = response.header("Docker-Content-Digest");
        if (header.isPresent()) {
            Digest claimed = parseDigestHeader(header.get(), response);
            if (!claimed.matches(body)) {
                throw mismatch(response.uri(), claimed, actual);
            }
        }
        if (reference.digest().isPresent() && !reference.digest().get().matches(body)) {
            throw mismatch(response.uri(), reference.digest().get(), actual);
        }
        Digest digest = reference.digest().orElse(actual);
        String mediaType = response.header("Content-Type").map(OciRegistry::stripParameters)
                .filter(t -> !t.isEmpty()).orElseGet(() -> OciJson.read(body, "manifest " + reference)
                        .path("mediaType").asText(""));
        return Optional.of(new Manifest(body, mediaType, digest));
    }

    /** A blob, verified against its digest and bounded by {@link RegistryOptions#maxBlobBytes()}. */
    public byte[] fetchBlob(ImageReference repository, Digest digest) {
        Response response = send(repository, "pull", "GET", "/blobs/" + digest, Map.of(), Optional.empty(),
                options.maxBlobBytes());
        if (response.status() != 200) {
            throw failure(response, "GET of blob " + digest + " in " + repository.name());
        }
        if (!digest.matches(response.body())) {
            throw mismatch(response.uri(), digest, Digest.sha256(response.body()));
        }
        return response.body();
    }

    /**
     * The manifests that name {@code subject} as their subject, from {@code GET /v2/<name>/referrers/<digest>}
     * or, when the registry lacks that API (404), from the referrers tag {@code sha256-<hex>}. Only
     * those of {@code artifactType} when given; an empty list when there are none.
     */
    public List<Descriptor> referrers(ImageReference repository, Digest subject, Optional<String> artifactType) {
        String query = artifactType.map(t -> "?artifactType=" + URLEncoder.encode(t, StandardCharsets.UTF_8))
                .orElse("");
        Response response = send(repository, "pull", "GET", "/referrers/" + subject + query, Map.of("Accept",
                MediaTypes.OCI_INDEX), Optional.empty(), options.maxManifestBytes());
        List<Descriptor> all;
        if (response.status() == 200) {
            all = OciJson.descriptors(OciJson.read(response.body(), "referrers of " + subject), "manifests",
                    "referrers of " + subject);
        } else if (response.status() == 404) {
            all = fetchManifest(referrersTag(repository, subject))
                    .map(m -> OciJson.descriptors(OciJson.read(m.content(), "referrers tag index"), "manifests",
                            "referrers tag " + subject.tagForm()))
                    .orElse(List.of());
        } else {
            throw failure(response, "GET of referrers of " + subject + " in " + repository.name());
        }
        if (artifactType.isEmpty()) {
            return all;
        }
        return all.stream().filter(d -> d.artifactType().equals(artifactType)).toList();
    }

    /** The repository's tags, following pagination. */
    public List<String> tags(ImageReference repository) {
        List<String> tags = new ArrayList<>();
        String path = "/tags/list";
        for (int page = 0; page < 1000 && path != null; page++) {
            Response response = send(repository, "pull", "GET", path, Map.of(), Optional.empty(),
                    options.maxManifestBytes());
            if (response.status() == 404) {
                return List.of();
            }
            if (response.status() != 200) {
                throw failure(response, "tag listing of " + repository.name());
            }
            OciJson.read(response.body(), "tag list of " + repository.name()).path("tags")
                    .forEach(t -> tags.add(t.asText()));
            path = response.header("Link").flatMap(OciRegistry::nextPage).orElse(null);
        }
        return List.copyOf(tags);
    }

    /** Uploads a blob (POST then monolithic PUT) and returns its descriptor. */
    public Descriptor pushBlob(ImageReference repository, byte[] content, String mediaType) {
        Digest digest = Digest.sha256(content);
        Response started = send(repository, "pull,push", "POST", "/blobs/uploads/", Map.of(), Optional.of(new byte[0]),
                options.maxManifestBytes());
        if (started.status() != 202) {
            throw failure(started, "start of blob upload to " + repository.name());
        }
        String location = started.header("Location").orElseThrow(() -> new RegistryException(repository.registry()
                + " started an upload without a Location header"));
        URI uploadUri = started.uri().resolve(location);
        String separator = uploadUri.getRawQuery() == null ? "?" : "&";
        URI put = URI.create(uploadUri + separator + "digest=" + URLEncoder.encode(digest.toString(),
                StandardCharsets.UTF_8));
        Response finished = transport.send(repository.registry(), scope(repository, "pull,push"), new Request("PUT",
                put, Map.of("Content-Type", "application/octet-stream"), Optional.of(content)),
                options.maxManifestBytes());
        if (finished.status() != 201) {
            throw failure(finished, "upload of blob " + digest + " to " + repository.name());
        }
        return Descriptor.of(mediaType, digest, content.length);
    }

    /**
     * Uploads a manifest or index under the reference's identifier (its digest, else its tag) and
     * returns its digest.
     */
    public Digest pushManifest(ImageReference target, byte[] content, String mediaType) {
        Digest digest = Digest.sha256(content);
        Response response = send(target, "pull,push", "PUT", manifestPath(target), Map.of("Content-Type", mediaType),
                Optional.of(content), options.maxManifestBytes());
        if (response.status() != 201 && response.status() != 200) {
            throw failure(response, "upload of manifest " + target);
        }
        Optional<String> header = response.header("Docker-Content-Digest");
        if (header.isPresent() && !parseDigestHeader(header.get(), response).equals(digest)) {
            throw mismatch(response.uri(), digest, parseDigestHeader(header.get(), response));
        }
        return digest;
    }

    /**
     * Uploads a manifest that has a {@code subject} (an artifact attached to an image) by digest and,
     * when the registry does not index referrers itself (no {@code OCI-Subject} header in its answer),
     * adds it to the referrers tag index {@code sha256-<hex>} as OCI 1.1 prescribes.
     *
     * @param artifactType the artifact type recorded in the referrers index
     * @param annotations the manifest's annotations, copied into the referrers index
     */
    public Digest pushReferrer(ImageReference repository, Digest subject, byte[] manifest, String mediaType,
            String artifactType, Map<String, String> annotations) {
        Digest digest = Digest.sha256(manifest);
        ImageReference byDigest = repository.repositoryReference().withDigest(digest);
        Response response = send(byDigest, "pull,push", "PUT", manifestPath(byDigest), Map.of("Content-Type",
                mediaType), Optional.of(manifest), options.maxManifestBytes());
        if (response.status() != 201 && response.status() != 200) {
            throw failure(response, "upload of referrer manifest to " + repository.name());
        }
        if (response.header("OCI-Subject").isPresent()) {
            return digest;
        }
        ImageReference tag = referrersTag(repository, subject);
        List<Descriptor> entries = new ArrayList<>(fetchManifest(tag)
                .map(m -> OciJson.descriptors(OciJson.read(m.content(), "referrers tag index"), "manifests",
                        "referrers tag " + subject.tagForm()))
                .orElse(List.of()));
        entries.removeIf(d -> d.digest().equals(digest));
        entries.add(new Descriptor(mediaType, digest, manifest.length, Optional.of(artifactType), annotations));
        pushManifest(tag, OciJson.index(entries), MediaTypes.OCI_INDEX);
        return digest;
    }

    private static ImageReference referrersTag(ImageReference repository, Digest subject) {
        return repository.repositoryReference().withTag(Optional.of(subject.tagForm()));
    }

    private Response send(ImageReference reference, String actions, String method, String path,
            Map<String, String> headers, Optional<byte[]> body, long maxBytes) {
        URI uri = URI.create(transport.base(reference.registry()) + "/v2/" + reference.repository() + path);
        return transport.send(reference.registry(), scope(reference, actions), new Request(method, uri, headers, body),
                maxBytes);
    }

    private static String scope(ImageReference reference, String actions) {
        return "repository:" + reference.repository() + ":" + actions;
    }

    private static String manifestPath(ImageReference reference) {
        return "/manifests/" + reference.identifier();
    }

    private static Digest parseDigestHeader(String value, Response response) {
        try {
            return Digest.parse(value.trim());
        } catch (PalisadeException e) {
            throw new RegistryException(response.uri() + " sent a malformed Docker-Content-Digest '" + value + "'", e);
        }
    }

    private static RegistryException mismatch(URI uri, Digest expected, Digest actual) {
        return new RegistryException("digest mismatch for " + uri + ": expected " + expected + " but the content has "
                + actual + "; the registry or something between it and Palisade altered the content");
    }

    private static RegistryException failure(Response response, String what) {
        String detail = "";
        if (response.body().length > 0) {
            try {
                JsonNode errors = OciJson.read(response.body(), "error").path("errors");
                if (errors.isArray() && !errors.isEmpty()) {
                    detail = ": " + errors.get(0).path("code").asText("") + " " + errors.get(0).path("message")
                            .asText("");
                }
            } catch (RegistryException notJson) {
                detail = "";
            }
        }
        String advice = switch (response.status()) {
            case 401, 403 -> "; check the credentials configured for the registry and their permissions";
            case 404 -> "; check the repository name and tag";
            default -> "";
        };
        return new RegistryException(what + " failed with HTTP " + response.status() + detail + advice,
                response.status(), null);
    }

    private static String stripParameters(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
    }

    private static Optional<String> nextPage(String link) {
        int open = link.indexOf('<');
        int close = link.indexOf('>');
        if (open < 0 || close < open || !link.contains("rel=\"next\"")) {
            return Optional.empty();
        }
        String target = link.substring(open + 1, close);
        int tags = target.indexOf("/tags/list");
        return tags < 0 ? Optional.empty() : Optional.of(target.substring(tags));
    }
}
