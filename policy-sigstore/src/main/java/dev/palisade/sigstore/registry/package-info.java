/**
 * A client of the OCI distribution API: manifests, blobs, referrers, tag-to-digest resolution, authentication.
 */
package dev.palisade.sigstore.registry;
