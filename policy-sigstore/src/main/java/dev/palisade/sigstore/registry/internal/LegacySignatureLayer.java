package dev.palisade.sigstore.registry.internal;

import java.util.Map;
import java.util.Objects;

/**
 * One layer of a cosign {@code sha256-<hex>.sig} manifest: the exact payload bytes (usually a
 * simple-signing JSON document; verify over these bytes, never a re-serialisation) and the layer
 * descriptor's annotations ({@code dev.cosignproject.cosign/signature}, {@code dev.sigstore.cosign/certificate},
 * {@code …/chain}, {@code …/bundle}, {@code …/rfc3161timestamp}).
 *
 * @param payload the blob, verified against the layer digest (callers must not modify it)
 * @param annotations the layer's annotations
 */
public record LegacySignatureLayer(byte[] payload, Map<String, String> annotations) {

    public LegacySignatureLayer {
        Objects.requireNonNull(payload, "payload");
        annotations = Map.copyOf(annotations);
    }
}
