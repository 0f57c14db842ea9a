/**
 * Digest pinning of image references in manifests, with a lockfile for reproducible offline runs.
 */
package dev.palisade.sigstore.pin;
