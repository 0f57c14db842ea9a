package dev.palisade.sigstore.verify;

import java.util.Map;
import java.util.Objects;

/**
 * One layer of a cosign {@code sha256-<digest>.sig} signature manifest: the exact payload bytes (the
 * simple-signing JSON) and the layer descriptor's annotations ({@code dev.cosignproject.cosign/signature},
 * {@code dev.sigstore.cosign/certificate}, {@code .../chain}, {@code .../bundle},
 * {@code .../rfc3161timestamp}).
 */
public record LegacySignature(byte[] payload, Map<String, String> annotations) {

    /** Annotation holding the base64 signature over the payload. */
    public static final String SIGNATURE = "dev.cosignproject.cosign/signature";
    /** Annotation holding the PEM signing certificate (keyless). */
    public static final String CERTIFICATE = "dev.sigstore.cosign/certificate";
    /** Annotation holding the PEM chain (intermediates, then root). */
    public static final String CHAIN = "dev.sigstore.cosign/chain";
    /** Annotation holding the Rekor bundle JSON (SET and entry). */
    public static final String BUNDLE = "dev.sigstore.cosign/bundle";
    /** Annotation holding {@code {"SignedRFC3161Timestamp": "<base64 DER>"}}. */
    public static final String RFC3161_TIMESTAMP = "dev.sigstore.cosign/rfc3161timestamp";

    /**
     * Copies the payload and the annotations.
     *
     * @param payload the signed payload
     * @param annotations the layer's annotations (signature, certificate, bundle, timestamp)
     */
    public LegacySignature {
        Objects.requireNonNull(payload, "payload");
        payload = payload.clone();
        annotations = Map.copyOf(annotations);
    }

    /** {@return a copy of the payload bytes} */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LegacySignature that && java.util.Arrays.equals(payload, that.payload)
                && annotations.equals(that.annotations);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(payload) + annotations.hashCode();
    }

    @Override
    public String toString() {
        return "LegacySignature[" + payload.length + " payload bytes, annotations=" + annotations.keySet() + "]";
    }
}
