/**
 * The Sigstore trust root: the public-good {@code trusted_root.json} shipped with its TUF metadata
 * ({@link dev.palisade.sigstore.tuf.SigstoreTrust}) and a TUF client ({@link dev.palisade.sigstore.tuf.TufClient})
 * that refreshes it with root rotation, expiry, rollback protection and consistent snapshots.
 */
package dev.palisade.sigstore.tuf;
