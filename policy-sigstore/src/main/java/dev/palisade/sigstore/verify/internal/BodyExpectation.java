package dev.palisade.sigstore.verify.internal;

/**
 * What a log entry body must state about a signature.
 *
 * @param dsse whether the signature is a DSSE envelope signature ({@code dsse} entries) rather than a
 *     message signature ({@code hashedrekord}/{@code rekord} entries)
 * @param hashHex lower-case hex SHA-256 of the signed artifact (message) or of the DSSE payload
 * @param signature the signature bytes
 */
public record BodyExpectation(boolean dsse, String hashHex, byte[] signature) {
}
