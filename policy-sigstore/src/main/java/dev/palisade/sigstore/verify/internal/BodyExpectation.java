package dev.palisade.sigstore.verify.internal;

import java.util.Optional;

/**
 * What a log entry body must state about a signature: the signed content (a message digest, or a
 * DSSE envelope's type and payload) and the signature bytes.
 *
 * @param dsse whether the signature is a DSSE envelope signature rather than a message signature
 * @param digestAlgorithm for message signatures, the protobuf hash name of {@code digest}
 *     ({@code SHA2_256}, {@code SHA2_384}, {@code SHA2_512})
 * @param digest for message signatures, the digest of the signed message
 * @param payloadType for DSSE, the envelope's payload type
 * @param payload for DSSE, the envelope's payload
 * @param signature the signature bytes
 */
public record BodyExpectation(boolean dsse, String digestAlgorithm, byte[] digest, String payloadType, byte[] payload,
        byte[] signature) {

    /** A message signature over content with this digest. */
    public static BodyExpectation message(String digestAlgorithm, byte[] digest, byte[] signature) {
        return new BodyExpectation(false, digestAlgorithm, digest, "", new byte[0], signature);
    }

    /** A DSSE envelope signature. */
    public static BodyExpectation dsse(String payloadType, byte[] payload, byte[] signature) {
        return new BodyExpectation(true, "", new byte[0], payloadType, payload, signature);
    }

    /** The JCA name of a protobuf hash algorithm name, empty when unsupported. */
    public static Optional<String> jcaDigest(String protobufName) {
        return Optional.ofNullable(switch (protobufName) {
            case "SHA2_256" -> "SHA-256";
            case "SHA2_384" -> "SHA-384";
            case "SHA2_512" -> "SHA-512";
            default -> null;
        });
    }
}
