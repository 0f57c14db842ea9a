package dev.palisade.sigstore.verify;

/**
 * Why a signature was not accepted. Every check of the verifier fails closed with one of these, so
 * hosts and tests can tell the failures apart without parsing messages.
 */
public enum RejectionReason {
    /** No signature and no bundle was offered for the image. */
    NO_SIGNATURES,
    /** The bundle or signature material is not well-formed (bad JSON, base64, PEM or DER, missing fields). */
    MALFORMED,
    /** The bundle is larger than the verifier accepts. */
    TOO_LARGE,
    /** The bundle media type is not a supported Sigstore bundle version. */
    UNSUPPORTED_MEDIA_TYPE,
    /**
     * The bundle's content does not fit the version its media type names: a v0.3 certificate under a
     * v0.1/v0.2 media type, or a certificate chain under v0.3.
     */
    MEDIA_TYPE_MISMATCH,
    /** The bundle content is not what this verification needs (e.g. a message signature where an image statement is expected). */
    UNSUPPORTED_CONTENT,
    /** The signature does not verify over the payload with the signing key or certificate. */
    SIGNATURE_INVALID,
    /** The payload does not name the image digest (simple-signing digest or in-toto subject). */
    DIGEST_MISMATCH,
    /** The simple-signing payload's docker-reference does not match the image reference in the requested mode. */
    DOCKER_REFERENCE_MISMATCH,
    /** The signature lacks an annotation the policy requires, or carries another value. */
    ANNOTATION_MISMATCH,
    /** The DSSE envelope's payload type is not in-toto, or it has not exactly one signature. */
    DSSE_PAYLOAD_TYPE,
    /** A transparency-log entry is required but none is present. */
    TLOG_MISSING,
    /** A log entry of a v0.2+ bundle, or any Rekor v2 entry, lacks the inclusion proof it must carry. */
    INCLUSION_PROOF_MISSING,
    /** A log entry of a v0.1 bundle lacks the inclusion promise (signed entry timestamp) it must carry. */
    INCLUSION_PROMISE_MISSING,
    /** The entry's declared {@code kindVersion} is not the kind and version of its body. */
    TLOG_KIND_MISMATCH,
    /** The log entry comes from a log that the trusted root does not list (or not at that time). */
    TLOG_UNKNOWN_LOG,
    /** The signed entry timestamp (inclusion promise) does not verify over the entry. */
    SET_INVALID,
    /** The log entry body does not match the artifact hash, the signature or the signing certificate/key. */
    TLOG_BODY_MISMATCH,
    /** The Merkle inclusion proof does not lead to the stated root hash. */
    INCLUSION_PROOF_INVALID,
    /** The signed checkpoint does not verify or does not commit to the proof's root. */
    CHECKPOINT_INVALID,
    /** An RFC 3161 timestamp does not verify against the trusted timestamp authorities. */
    TIMESTAMP_INVALID,
    /** The log entry's integrated time or a timestamp lies in the future of the verifier's clock. */
    TIME_IN_FUTURE,
    /** Keyless verification needs a trusted signing time (verified log entry or timestamp) and there is none. */
    NO_TRUSTED_TIME,
    /** The leaf certificate had expired at the signing time. */
    CERTIFICATE_EXPIRED,
    /** The leaf certificate was not yet valid at the signing time. */
    CERTIFICATE_NOT_YET_VALID,
    /** The certificate does not chain to a certificate authority of the trusted root. */
    CHAIN_UNTRUSTED,
    /** The chain reaches a trusted CA, but the CA entry's validity window does not cover the signing time. */
    CA_OUTSIDE_VALIDITY,
    /** An intermediate in the chain is not a CA certificate. */
    INTERMEDIATE_NOT_CA,
    /** The leaf certificate's extended key usage does not allow code signing. */
    NOT_CODE_SIGNING,
    /** The leaf certificate carries no embedded SCT. */
    SCT_MISSING,
    /** No embedded SCT verifies against a CT log of the trusted root. */
    SCT_INVALID,
    /** The certificate's subject alternative names do not match the authority's identity. */
    IDENTITY_MISMATCH,
    /** The certificate's OIDC issuer does not match the authority's issuer (or it has none). */
    ISSUER_MISMATCH,
    /** The signature is keyless but the authority expects a key, or the log entry carries another key. */
    KEY_MISMATCH,
    /** The authority is keyless but the signature carries no certificate. */
    CERTIFICATE_MISSING
}
