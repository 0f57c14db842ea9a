package dev.palisade.sigstore.verify;

/**
 * How the simple-signing payload's {@code critical.identity.docker-reference} is compared with the
 * reference of the image being verified.
 */
public enum DockerReferenceMode {
    /** Not compared (cosign's behaviour: mirrors copy signatures along with the image). The default. */
    NONE,
    /** The repositories must be equal after normalisation (Docker Hub defaults); tags are ignored. */
    REPOSITORY,
    /** Repository and tag must be equal after normalisation; a payload without a tag matches only a reference without one. */
    EXACT
}
