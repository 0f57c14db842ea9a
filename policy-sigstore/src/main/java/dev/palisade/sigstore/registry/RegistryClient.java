package dev.palisade.sigstore.registry;

import dev.palisade.sigstore.Digest;
import dev.palisade.sigstore.ImageReference;
import dev.palisade.sigstore.registry.internal.OciRegistry;
import java.util.Objects;

/**
 * A client of the OCI distribution API (java.net.http) that Palisade's supply-chain checks read
 * images and their signatures through: manifests and blobs verified against their digests, referrers
 * (with the OCI 1.1 referrers-tag fallback), authentication, retries, timeouts and TLS as
 * {@link RegistryOptions} say. Thread-safe; create one and share it.
 */
public final class RegistryClient {
    static {
        OciRegistry.access(client -> client.registry);
    }

    private final RegistryOptions options;
    private final OciRegistry registry;

    private RegistryClient(RegistryOptions options) {
        this.options = options;
        this.registry = new OciRegistry(options);
    }

    /**
     * {@return a client with the given options}
     *
     * @param options credentials, TLS, timeouts, retries and limits
     */
    public static RegistryClient create(RegistryOptions options) {
        return new RegistryClient(Objects.requireNonNull(options, "options"));
    }

    /** {@return the options this client was created with} */
    public RegistryOptions options() {
        return options;
    }

    /**
     * Resolves a reference to its manifest digest ({@code HEAD}, then a verified {@code GET} when the
     * registry sends no digest); a reference with a digest needs no request. A multi-platform tag resolves
     * to its index.
     *
     * @param reference the image
     * @return the manifest (or index) digest
     * @throws RegistryException when the image does not exist or the registry cannot be read, saying why
     */
    public Digest resolve(ImageReference reference) {
        return registry.resolve(reference);
    }
}
